import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge';

export interface GithubDeployRoleProps {
  /** GitHub repository allowed to assume the role, as `owner/name`. */
  readonly repository: string;
  /** GitHub environment whose jobs may assume the role (the OIDC subject `repo:OWNER/NAME:environment:ENV`). */
  readonly githubEnvironment: string;
  /**
   * The workflow file whose jobs may assume the role, relative to the repository root.
   * @default '.github/workflows/deploy.yml' (DEPLOY_WORKFLOW)
   */
  readonly workflowPath?: string;
  /**
   * The branch that workflow must run from: a run of the workflow file from any other branch is refused.
   * @default 'main'
   */
  readonly branch?: string;
  /** Qualifier of the CDK bootstrap stack in this account. */
  readonly cdkQualifier: string;
  /** Regions bootstrapped in this account; the role may assume the bootstrap roles of these regions only. */
  readonly regions: readonly string[];
  /** Name of the role (SCP-protected names start with `landfall-`). */
  readonly roleName: string;
  /**
   * Create the account's GitHub OIDC provider. An account can hold one provider per URL (IAM
   * CreateOpenIDConnectProvider: "You cannot register the same provider multiple times in a single AWS account"):
   * set false when it already exists, and the role trusts the existing one.
   * @default true
   */
  readonly createOidcProvider?: boolean;
  /**
   * Longest session GitHub Actions may request (`role-duration-seconds` of configure-aws-credentials). The CDK CLI
   * assumes the bootstrap roles with these credentials; those chained sessions last at most 1 hour (IAM "Role
   * chaining") and the CLI renews them while these credentials are valid, so this bounds how long a deploy may run.
   * 1-12 hours.
   * @default Duration.hours(3) (DEPLOY_SESSION_SECONDS)
   */
  readonly maxSessionDuration?: Duration;
  /**
   * Alarms whose names start with this prefix may be read (cloudwatch:DescribeAlarms), with metric data
   * (cloudwatch:GetMetricData), by the deploy workflow's release gates (`landfall deploy-window check
   * --error-budgets` measures error budgets with the alarms' own queries). @default no CloudWatch access
   */
  readonly readAlarmsPrefix?: string;
  /**
   * The ECS cluster whose services' deployments the deploy workflow's release check (`landfall review release`)
   * may list (ecs:ListServiceDeployments), to find each service's release time. Needs `readAlarmsPrefix` (the
   * check reads the alarms' metrics). @default no ECS access
   */
  readonly readDeploymentsOfCluster?: string;
}

/** The workflow that deploys, as the deploy roles trust it by default. */
export const DEPLOY_WORKFLOW = '.github/workflows/deploy.yml';

/** The default longest deploy session, in seconds: what `.github/workflows/deploy.yml` requests. */
export const DEPLOY_SESSION_SECONDS = 3 * 60 * 60;

const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
const BOOTSTRAP_ROLE_KINDS = ['deploy', 'file-publishing', 'image-publishing', 'lookup'] as const;

/**
 * The role GitHub Actions assumes through OIDC: no access keys. It can do exactly one thing: assume the CDK
 * bootstrap roles of this account, which carry the deployment permissions.
 *
 * Only the repository's deploy workflow, run from its main branch, in the trusted GitHub environment may assume it:
 * the subject names the environment (`repo:OWNER/NAME:environment:ENV`), and `job_workflow_ref` names the workflow
 * file and ref (`OWNER/NAME/.github/workflows/deploy.yml@refs/heads/main`), so a writer who adds a workflow, or runs
 * deploy.yml from another branch, gets no credentials even in that environment. `job_workflow_ref` is a condition
 * key of sts:AssumeRoleWithWebIdentity (Service Authorization Reference, AWS STS:
 * "token.actions.githubusercontent.com:job_workflow_ref - Filters access by the reference path to the reusable
 * workflow"); GitHub puts it in every job's token (GitHub Docs, "OpenID Connect reference", example token). The
 * environment's protection rules (required reviewers, main-only deployment branches) are GitHub settings that
 * `landfall github check` verifies.
 */
export class GithubDeployRole extends Construct {
  public readonly role: iam.Role;
  public readonly providerArn: string;

  constructor(scope: Construct, id: string, props: GithubDeployRoleProps) {
    super(scope, id);
    const { account, partition } = Stack.of(this);
    this.providerArn =
      (props.createOidcProvider ?? true)
        ? new iam.OidcProviderNative(this, 'OidcProvider', {
            url: `https://${GITHUB_OIDC_HOST}`,
            clientIds: ['sts.amazonaws.com'],
          }).oidcProviderArn
        : `arn:${partition}:iam::${account}:oidc-provider/${GITHUB_OIDC_HOST}`;

    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      description: `GitHub Actions (${props.repository}, environment ${props.githubEnvironment}) deploys with the CDK bootstrap roles`,
      maxSessionDuration: props.maxSessionDuration ?? Duration.seconds(DEPLOY_SESSION_SECONDS),
      assumedBy: githubWorkflowPrincipal(this.providerArn, {
        repository: props.repository,
        subject: `repo:${props.repository}:environment:${props.githubEnvironment}`,
        workflowPath: props.workflowPath ?? DEPLOY_WORKFLOW,
        branch: props.branch ?? 'main',
      }),
    });

    const bootstrapRoles = props.regions.flatMap((region) =>
      BOOTSTRAP_ROLE_KINDS.map(
        (kind) => `arn:${partition}:iam::${account}:role/cdk-${props.cdkQualifier}-${kind}-role-${account}-${region}`,
      ),
    );
    new iam.ManagedPolicy(this, 'AssumeBootstrapRoles', {
      description: 'Assume the CDK bootstrap roles of this account and nothing else',
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({ actions: ['sts:AssumeRole', 'sts:TagSession'], resources: bootstrapRoles }),
      ],
    });

    if (props.readDeploymentsOfCluster !== undefined && props.readAlarmsPrefix === undefined) {
      throw new Error(
        'GithubDeployRole: readDeploymentsOfCluster needs readAlarmsPrefix (the release check reads the alarms too)',
      );
    }
    if (props.readAlarmsPrefix !== undefined) {
      const gates = new iam.ManagedPolicy(this, 'ReadReleaseGates', {
        description: 'Read the alarms and metrics the release gates measure error budgets with, nothing else',
        roles: [this.role],
        statements: [
          new iam.PolicyStatement({
            actions: ['cloudwatch:DescribeAlarms'],
            resources: [`arn:${partition}:cloudwatch:*:${account}:alarm:${props.readAlarmsPrefix}*`],
          }),
          new iam.PolicyStatement({ actions: ['cloudwatch:GetMetricData'], resources: ['*'] }),
          // Amazon ECS Developer Guide, "Permissions required for viewing Amazon ECS service deployments": the
          // actions take the service as resource (arn:aws:ecs:REGION:ACCOUNT:service/CLUSTER/SERVICE). The check only
          // lists deployments: their times, status and target revision ARN are in the list.
          ...(props.readDeploymentsOfCluster === undefined
            ? []
            : [
                new iam.PolicyStatement({
                  actions: ['ecs:ListServiceDeployments'],
                  resources: [`arn:${partition}:ecs:*:${account}:service/${props.readDeploymentsOfCluster}/*`],
                }),
              ]),
        ],
      });
      const nagPartition = Token.isUnresolved(partition) ? '<AWS::Partition>' : partition;
      const nagAccount = Token.isUnresolved(account) ? '<AWS::AccountId>' : account;
      acknowledge(gates, {
        'AwsSolutions-IAM5[Resource::*]':
          'cloudwatch:GetMetricData has no resource types (Service Authorization Reference): it can only be granted on *, and it only reads metrics',
        [`AwsSolutions-IAM5[Resource::arn:${nagPartition}:cloudwatch:*:${nagAccount}:alarm:${props.readAlarmsPrefix}*]`]:
          "DescribeAlarms on landfall's own alarms in every region of this account: the release gates read their definitions, nothing else",
        ...(props.readDeploymentsOfCluster === undefined
          ? {}
          : {
              [`AwsSolutions-IAM5[Resource::arn:${nagPartition}:ecs:*:${nagAccount}:service/${props.readDeploymentsOfCluster}/*]`]:
                "ListServiceDeployments on the services of the environment's own cluster: the release check reads when each service was released, nothing else",
            }),
      });
    }
  }
}

/**
 * The principal of the jobs of one workflow file of `repository`, run from `branch`, whose OIDC subject is
 * `subject`: exact matches only (StringEquals), so no other workflow, ref or repository matches.
 */
export function githubWorkflowPrincipal(
  providerArn: string,
  trust: {
    readonly repository: string;
    readonly subject: string;
    readonly workflowPath: string;
    readonly branch: string;
  },
): iam.WebIdentityPrincipal {
  return new iam.WebIdentityPrincipal(providerArn, {
    StringEquals: {
      [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com',
      [`${GITHUB_OIDC_HOST}:sub`]: trust.subject,
      [`${GITHUB_OIDC_HOST}:job_workflow_ref`]: jobWorkflowRef(trust.repository, trust.workflowPath, trust.branch),
    },
  });
}

/** The `job_workflow_ref` claim of a job of `workflowPath` run from `branch`: `OWNER/NAME/PATH@refs/heads/BRANCH`. */
export function jobWorkflowRef(repository: string, workflowPath: string, branch: string): string {
  return `${repository}/${workflowPath}@refs/heads/${branch}`;
}
