/**
 * The organization policies besides the SCPs: landfall's resource control policy (the data perimeter) and its EC2
 * declarative policy, kept as data in `lib/guardrails/*.{rcp,declarative}.json` and rendered with the config's
 * values. Pure functions: the Organization stack, the tests and the simulator render the same documents.
 */
import ec2Baseline from '../guardrails/ec2-baseline.declarative.json';
import dataPerimeter from '../guardrails/data-perimeter.rcp.json';
import type { ScpTarget } from '../config/schema/organization';
import type { PlatformConfig } from '../config/schema/platform';
import { renderTemplate } from './guardrails';

/** The policy types `landfall bootstrap` enables on the root, with the stack resources that need each. */
export const POLICY_TYPES = {
  serviceControl: 'SERVICE_CONTROL_POLICY',
  resourceControl: 'RESOURCE_CONTROL_POLICY',
  declarativeEc2: 'DECLARATIVE_POLICY_EC2',
} as const;
export type PolicyType = (typeof POLICY_TYPES)[keyof typeof POLICY_TYPES];

/**
 * AWS limits ("Quotas and service limits for AWS Organizations", maximum size of a policy document: "Resource
 * control policies: 5120 characters", "Declarative policies: 10,000 characters"; RCPs per target: 5, the
 * AWS-managed RCPFullAWSAccess included).
 */
export const ORGANIZATION_POLICY_LIMITS = {
  rcpMaxCharacters: 5120,
  rcpMaxPerTarget: 5,
  declarativeMaxCharacters: 10000,
} as const;

/**
 * The AWS-managed RCP on every root, OU and account once RCPs are enabled ("Resource control policy examples":
 * "automatically attached to the organization root, every OU, and every account in your organization, when you
 * enable resource control policies (RCPs). You cannot detach this policy").
 */
export const RCP_FULL_AWS_ACCESS = 'RCPFullAWSAccess';

export interface OrganizationPolicyValues {
  /** Prefix of the policy names (`landfall`). */
  readonly prefix: string;
  /** The organization (`o-...`) whose principals, and AWS services acting for whose accounts, reach resources. */
  readonly organizationId: string;
  /** GitHub repository (`owner/name`) the only web identity tokens from GitHub may come from. */
  readonly githubRepository: string;
  /**
   * Elastic Load Balancing accounts that write ALB access logs in the allowed regions. They sign as AWS accounts,
   * not service principals, so the identity perimeter names them ("data-perimeter-policy-examples", RCP README:
   * "the aws:PrincipalAccount condition key in the resource control policy should contain the ELB account ID if
   * access logging is enabled").
   */
  readonly loadBalancerLogAccounts: readonly string[];
}

/** One organization policy as it will be created: name, type, document and targets. */
export interface RenderedOrganizationPolicy {
  readonly name: string;
  readonly description: string;
  readonly type: Exclude<PolicyType, 'SERVICE_CONTROL_POLICY'>;
  readonly document: Record<string, unknown>;
  readonly targets: readonly ScpTarget[];
}

interface PolicyData {
  readonly name: string;
  readonly description: string;
  readonly targets: readonly string[];
  readonly document: Record<string, unknown>;
}

function render(
  data: PolicyData,
  type: RenderedOrganizationPolicy['type'],
  values: Record<string, string | readonly string[]>,
): RenderedOrganizationPolicy {
  return {
    name: renderTemplate(data.name, values) as string,
    description: data.description,
    type,
    document: renderTemplate(data.document, values, `lib/guardrails (${data.name})`) as Record<string, unknown>,
    targets: data.targets as ScpTarget[],
  };
}

/** The values of a platform; the ELB log accounts come from the caller (they are region facts of aws-cdk-lib). */
export function organizationPolicyValues(
  platform: PlatformConfig,
  prefix: string,
  loadBalancerLogAccounts: readonly string[],
): OrganizationPolicyValues {
  return {
    prefix,
    organizationId: platform.organization.id,
    githubRepository: platform.deploy.githubRepository,
    loadBalancerLogAccounts: [...new Set(loadBalancerLogAccounts)].sort(),
  };
}

function placeholders(values: OrganizationPolicyValues): Record<string, string | readonly string[]> {
  return {
    prefix: values.prefix,
    organizationId: values.organizationId,
    githubRepository: values.githubRepository,
    loadBalancerLogAccounts: values.loadBalancerLogAccounts,
  };
}

/** landfall's resource control policies, rendered. */
export function landfallRcps(values: OrganizationPolicyValues): RenderedOrganizationPolicy[] {
  const rendered = render(dataPerimeter, POLICY_TYPES.resourceControl, placeholders(values));
  if (values.loadBalancerLogAccounts.length > 0) return [rendered];
  // No ELB account to name: an empty list is not a valid condition value, so the key goes.
  return [withoutCondition(rendered, 'EnforceOrgIdentities', 'StringNotEqualsIfExists', 'aws:PrincipalAccount')];
}

/** landfall's EC2 declarative policy, rendered. */
export function landfallDeclarativePolicies(values: OrganizationPolicyValues): RenderedOrganizationPolicy[] {
  return [render(ec2Baseline, POLICY_TYPES.declarativeEc2, placeholders(values))];
}

/** Size of a document as AWS Organizations counts it once landfall writes it: compact JSON. */
export function policySize(document: unknown): number {
  return JSON.stringify(document).length;
}

function withoutCondition(
  policy: RenderedOrganizationPolicy,
  sid: string,
  operator: string,
  key: string,
): RenderedOrganizationPolicy {
  const statements = (policy.document.Statement as Array<Record<string, unknown>>).map((s) => {
    if (s.Sid !== sid) return s;
    const condition = { ...(s.Condition as Record<string, Record<string, unknown>>) };
    condition[operator] = Object.fromEntries(Object.entries(condition[operator] ?? {}).filter(([k]) => k !== key));
    return { ...s, Condition: condition };
  });
  return { ...policy, document: { ...policy.document, Statement: statements } };
}
