/**
 * The SCP guardrails: policy documents kept as data in `lib/guardrails/*.json`, rendered with the config's values.
 * Pure functions: the config checks (size, count per target) and the Organization stack render the same documents.
 */
import denyIamUsers from '../guardrails/deny-iam-users.json';
import denyOtherRegions from '../guardrails/deny-other-regions.json';
import organizationIntegrity from '../guardrails/organization-integrity.json';
import protectExemptions from '../guardrails/protect-exemptions.json';
import protectLogsAndBaseline from '../guardrails/protect-logs-and-baseline.json';
import protectSecurityServices from '../guardrails/protect-security-services.json';
import suspended from '../guardrails/suspended.json';
import type { ScpTarget } from '../config/schema/organization';
import type { PlatformConfig } from '../config/schema/platform';
import { ROLE_NAMES, STACKS, STAGES, stackName, TAGS } from '../naming';

/** AWS limits on service control policies. */
export const SCP_LIMITS = {
  /** Characters of a policy document (landfall writes documents without whitespace). */
  maxCharacters: 5120,
  /** SCPs attached directly to one root, OU or account, FullAWSAccess included. */
  maxPerTarget: 5,
} as const;

/** The AWS-managed SCP every target has unless it is detached; it counts towards the limit per target. */
export const FULL_AWS_ACCESS = 'FullAWSAccess';

/** Roles that may do what the guardrails otherwise deny: the break-glass role and the management account's way in. */
export const ORGANIZATION_ACCESS_ROLE = 'OrganizationAccountAccessRole';

export interface GuardrailValues {
  readonly allowedRegions: readonly string[];
  readonly breakGlassRoleName: string;
  /** Qualifier of the CDK bootstrap stacks: deployments run as its CloudFormation execution role. */
  readonly cdkQualifier: string;
  /** Prefix of landfall's SCP names and of the roles it creates (`landfall`); those roles are protected from change. */
  readonly prefix: string;
  /** Role that configures GuardDuty in the security account during deployments; it may update detector settings. */
  readonly guardDutyConfiguratorRoleName: string;
  /** Role GitHub Actions deploys with: the only member-account principal that may assume the CDK deploy role. */
  readonly githubDeployRoleName: string;
  /** The organization's name: the log buckets are named `<organization>-<prefix>-<kind>-...` (lib/naming.ts). */
  readonly organizationName: string;
}

/** One SCP as it will be created: name, document and where it is attached. */
export interface RenderedScp {
  readonly name: string;
  readonly description: string;
  readonly document: Record<string, unknown>;
  readonly targets: readonly ScpTarget[];
  /** `landfall` for the built-in guardrails, or the index in `guardrails.policies`. */
  readonly origin: 'landfall' | number;
}

interface GuardrailData {
  readonly name: string;
  readonly description: string;
  readonly targets: readonly string[];
  readonly document: Record<string, unknown>;
}

/** The built-in guardrails, in attachment order. */
const GUARDRAILS: readonly GuardrailData[] = [
  organizationIntegrity,
  protectSecurityServices,
  protectExemptions,
  denyIamUsers,
  denyOtherRegions,
  protectLogsAndBaseline,
  suspended,
];

/** ARN patterns of what the guardrails exempt and protect, by name (the `{{name}}` placeholders of the documents). */
export interface GuardrailPrincipals {
  /** break-glass and `OrganizationAccountAccessRole`: exempt from every guardrail but leaving the organization. */
  readonly privileged: readonly string[];
  /** The CDK CloudFormation execution role of the organization's qualifier: what deployments run as. */
  readonly deployment: readonly string[];
  /** The CDK deploy role: the only principal that may pass the execution role (to CloudFormation). */
  readonly cdkDeploy: readonly string[];
  /** Every role of the CDK bootstrap stack (`cdk-<qualifier>-*`): changed only by privileged principals. */
  readonly bootstrap: readonly string[];
  /** Roles landfall's stacks create (`<prefix>-*`): changed only in deployments. */
  readonly landfall: readonly string[];
  /** The one role that may erase log archive data (break-glass). */
  readonly logArchiveAdmin: readonly string[];
}

/** The role ARN patterns the guardrails exempt and protect. */
export function guardrailPrincipals(values: GuardrailValues): GuardrailPrincipals {
  const role = (name: string) => `arn:*:iam::*:role/${name}`;
  return {
    privileged: [role(values.breakGlassRoleName), role(ORGANIZATION_ACCESS_ROLE)],
    deployment: [role(`cdk-${values.cdkQualifier}-cfn-exec-role-*`)],
    cdkDeploy: [role(`cdk-${values.cdkQualifier}-deploy-role-*`)],
    bootstrap: [role(`cdk-${values.cdkQualifier}-*`)],
    landfall: [role(`${values.prefix}-*`)],
    logArchiveAdmin: [role(values.breakGlassRoleName)],
  };
}

/** The values a guardrail document refers to as `{{name}}`; lists are spliced into the array that holds them. */
function placeholders(values: GuardrailValues): Record<string, string | readonly string[]> {
  const role = (name: string) => `arn:*:iam::*:role/${name}`;
  const principals = guardrailPrincipals(values);
  const { prefix } = values;
  // Log buckets: `<organization>-<prefix>-<kind>-...` and the server access log bucket, which CloudFormation names
  // after its stack (`<prefix>-log-archive-log-buckets-accesslogs...`).
  const logBuckets = [
    `arn:*:s3:::${values.organizationName}-${prefix}-*`,
    `arn:*:s3:::${stackName(STAGES.logArchive, STACKS.logBuckets)}-*`,
  ];
  return {
    prefix,
    allowedRegions: values.allowedRegions,
    breakGlassRoleName: values.breakGlassRoleName,
    privilegedPrincipals: principals.privileged,
    deploymentPrincipals: principals.deployment,
    cdkDeployRoles: principals.cdkDeploy,
    bootstrapRoles: principals.bootstrap,
    landfallRoles: principals.landfall,
    logArchiveAdmin: principals.logArchiveAdmin,
    guardDutyConfigurator: role(values.guardDutyConfiguratorRoleName),
    githubDeployRole: role(values.githubDeployRoleName),
    // The Baseline stacks' custom resources set the account settings; CloudFormation names their roles after the
    // stack (`<prefix>-<stage>-baseline-...`), and nobody else may create a role named so (ProtectLandfallRoles).
    baselineSettingsRoles: role(`${prefix}-*-baseline-*`),
    protectedPolicies: [`arn:*:iam::*:policy/${prefix}-*`, `arn:*:iam::*:policy/cdk-${values.cdkQualifier}-*`],
    protectedStacks: [`arn:*:cloudformation:*:*:stack/${prefix}-*`, 'arn:*:cloudformation:*:*:stack/CDKToolkit/*'],
    landfallFunctions: `arn:*:lambda:*:*:function:${prefix}-*`,
    logBuckets,
    logObjects: logBuckets.map((b) => `${b}/*`),
    landfallRules: `arn:*:events:*:*:rule/${prefix}-*`,
    landfallTopics: `arn:*:sns:*:*:${prefix}-*`,
    ownerTag: TAGS.owner,
  };
}

const TOKEN = /\{\{(\w+)\}\}/g;

/** Replace `{{name}}` tokens in a JSON value (its object keys included). Throws on a token without a value, so a typo in a data file fails loudly. */
export function renderTemplate(
  value: unknown,
  values: Record<string, string | readonly string[]>,
  where = 'document',
): unknown {
  const lookup = (name: string) => {
    if (!(name in values))
      throw new Error(`${where} uses {{${name}}}, which has no value (known: ${Object.keys(values).join(', ')})`);
    return values[name];
  };
  if (typeof value === 'string') {
    return value.replace(TOKEN, (_, name: string) => {
      const v = lookup(name);
      if (typeof v !== 'string')
        throw new Error(`${where} uses list {{${name}}} inside a string; put it alone in an array`);
      return v;
    });
  }
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      const whole = typeof item === 'string' ? /^\{\{(\w+)\}\}$/.exec(item) : null;
      if (whole) {
        const v = lookup(whole[1]);
        return typeof v === 'string' ? [v] : [...v];
      }
      return [renderTemplate(item, values, where)];
    });
  }
  if (value !== null && typeof value === 'object') {
    // Keys are rendered too: a condition key may name a tag (`aws:ResourceTag/{{ownerTag}}`).
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [renderTemplate(k, values, where), renderTemplate(v, values, where)]),
    );
  }
  return value;
}

/** landfall's guardrails rendered with the config's values. */
export function landfallScps(values: GuardrailValues): RenderedScp[] {
  const vals = placeholders(values);
  return GUARDRAILS.map((g) => ({
    name: renderTemplate(g.name, vals) as string,
    description: g.description,
    document: renderTemplate(g.document, vals, `lib/guardrails (${g.name})`) as Record<string, unknown>,
    targets: g.targets as ScpTarget[],
    origin: 'landfall' as const,
  }));
}

/** The guardrail values of a platform. */
export function guardrailValues(platform: PlatformConfig, prefix: string): GuardrailValues {
  return {
    allowedRegions: platform.allowedRegions,
    breakGlassRoleName: platform.guardrails.breakGlassRoleName,
    cdkQualifier: platform.deploy.cdkQualifier,
    prefix,
    guardDutyConfiguratorRoleName: ROLE_NAMES.guardDutyConfigurator,
    githubDeployRoleName: ROLE_NAMES.githubDeploy,
    organizationName: platform.organization.name,
  };
}

/** Every SCP of the platform: landfall's guardrails, then the config's own policies. */
export function platformScps(platform: PlatformConfig, prefix: string): RenderedScp[] {
  return [
    ...landfallScps(guardrailValues(platform, prefix)),
    ...platform.guardrails.policies.map((p, i) => ({ ...p, origin: i })),
  ];
}

/** Size of a document as AWS Organizations counts it once landfall writes it: compact JSON. */
export function scpSize(document: unknown): number {
  return JSON.stringify(document).length;
}

/** SCP names attached to each target, FullAWSAccess first (AWS attaches it to every root and OU). */
export function attachmentsByTarget(
  scps: readonly RenderedScp[],
  targets: readonly ScpTarget[],
): Map<ScpTarget, string[]> {
  const out = new Map<ScpTarget, string[]>(targets.map((t) => [t, [FULL_AWS_ACCESS]]));
  for (const scp of scps) for (const t of scp.targets) out.get(t)?.push(scp.name);
  return out;
}
