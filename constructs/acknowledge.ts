import { CfnResource, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** The packs whose findings landfall acknowledges; the prefix is part of the finding ID. */
export type FindingSource = 'AwsSolutions' | 'NIST.800.53.R5' | 'guard';

/**
 * Acknowledge findings on one construct (and its children), one finding per entry, each with a reason a reviewer
 * can check. Keys are the rule IDs the report prints, including granular suffixes, without the pack prefix:
 * `{ 'AwsSolutions-IAM5[Resource::*]': '...' }`, `{ 'NIST.800.53.R5-LambdaDLQ': '...' }`, and cfn-guard rules as
 * `{ 'guard:CT.S3.PR.1': '...' }`.
 */
export function acknowledge(scope: IConstruct, findings: Readonly<Record<string, string>>): void {
  for (const [rule, reason] of Object.entries(findings)) {
    if (reason.trim().length < 40) {
      throw new Error(
        `acknowledgment of ${rule} at ${scope.node.path} needs a reason a reviewer can check (got "${reason}")`,
      );
    }
    Validations.of(scope).acknowledge({ id: findingId(rule), reason });
  }
}

/** The full finding ID (`<pack>::<rule>`) of a rule ID. */
export function findingId(rule: string): string {
  if (rule.startsWith('guard:')) return `cdk-validator-cfnguard::${rule.slice('guard:'.length)}`;
  if (rule.startsWith('AwsSolutions-')) return `AwsSolutions::${rule}`;
  if (rule.startsWith('NIST.800.53.R5-')) return `NIST.800.53.R5::${rule}`;
  throw new Error(`unknown finding source of rule "${rule}" (expected AwsSolutions-, NIST.800.53.R5- or guard:)`);
}

/**
 * Acknowledge cfn-lint rules on one CloudFormation resource, through the resource metadata cfn-lint reads
 * (`Metadata.cfn-lint.config.ignore_checks`), with the reason kept beside it for reviewers. aws-cdk-lib's own
 * template validation (the `CloudFormation Validate` plug-in) reports the same rule IDs; they are acknowledged too.
 */
export function acknowledgeLint(
  scope: IConstruct,
  rules: Readonly<Record<string, string>>,
  options: {
    /** Also acknowledge the rules in aws-cdk-lib's own validation. @default true */ readonly cdkValidation?: boolean;
  } = {},
): void {
  const resource = scope instanceof CfnResource ? scope : scope.node.defaultChild;
  if (!(resource instanceof CfnResource))
    throw new Error(`${scope.node.path} has no CloudFormation resource to acknowledge cfn-lint rules on`);
  for (const reason of Object.values(rules)) {
    if (reason.trim().length < 40)
      throw new Error(`cfn-lint acknowledgment at ${scope.node.path} needs a reason a reviewer can check`);
  }
  const previous =
    (resource.getMetadata('cfn-lint') as { config?: { ignore_checks?: string[] } } | undefined)?.config
      ?.ignore_checks ?? [];
  resource.addMetadata('cfn-lint', { config: { ignore_checks: [...new Set([...previous, ...Object.keys(rules)])] } });
  const reasons = (resource.getMetadata('landfall:lint-reasons') as Record<string, string> | undefined) ?? {};
  resource.addMetadata('landfall:lint-reasons', { ...reasons, ...rules });
  if (options.cdkValidation === false) return;
  for (const [rule, reason] of Object.entries(rules))
    Validations.of(resource).acknowledge({ id: `CloudFormation-Validate::${rule}`, reason });
}
