/**
 * The CDK bootstrap's execution policy and permissions boundary (issue 10, item 1): `cdk bootstrap` attaches a
 * customer managed policy that allows the services landfall deploys, not AdministratorAccess, and bounds the
 * execution role (`--custom-permissions-boundary`). Both are data in `lib/guardrails/`, created in each account
 * before its bootstrap (`landfall accounts cdk-bootstrap` prints the commands and writes the documents).
 */
import boundary from '../guardrails/cdk-permissions-boundary.json';
import executionPolicy from '../guardrails/cdk-execution-policy.json';
import { PREFIX } from '../naming';
import { renderTemplate } from './guardrails';

export interface IamPolicyDocument {
  readonly name: string;
  readonly description: string;
  readonly document: Record<string, unknown>;
}

function render(data: IamPolicyDocument, qualifier: string): IamPolicyDocument {
  const values = { prefix: PREFIX, cdkQualifier: qualifier };
  return {
    name: renderTemplate(data.name, values) as string,
    description: data.description,
    document: renderTemplate(data.document, values, `lib/guardrails (${data.name})`) as Record<string, unknown>,
  };
}

/** The customer managed policy the CloudFormation execution role gets (`--cloudformation-execution-policies`). */
export function cdkExecutionPolicy(qualifier: string): IamPolicyDocument {
  return render(executionPolicy, qualifier);
}

/** The permissions boundary of the CloudFormation execution role (`--custom-permissions-boundary`). */
export function cdkPermissionsBoundary(qualifier: string): IamPolicyDocument {
  return render(boundary, qualifier);
}

/** The `cdk bootstrap` flags that attach both, by the policies' names in that account. */
export function bootstrapPolicyFlags(accountId: string, qualifier: string, partition = 'aws'): string[] {
  return [
    `--cloudformation-execution-policies arn:${partition}:iam::${accountId}:policy/${cdkExecutionPolicy(qualifier).name}`,
    `--custom-permissions-boundary ${cdkPermissionsBoundary(qualifier).name}`,
  ];
}

/**
 * The AWS CLI commands that create both policies in one account from the documents written to `dir`; run once per
 * account (IAM is global), before its first `cdk bootstrap`. On a re-run, `create-policy-version --set-as-default`
 * updates a policy that exists.
 */
export function createPolicyCommands(qualifier: string, profile: string, dir = '.'): string[] {
  return [cdkExecutionPolicy(qualifier), cdkPermissionsBoundary(qualifier)].map(
    (p) =>
      `aws iam create-policy --policy-name ${p.name} --description "${p.description}" --policy-document file://${dir}/${p.name}.json --profile ${profile}`,
  );
}
