import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { LandfallModel } from '../../lib/config';
import { PREFIX, ROLE_NAMES } from '../../lib/naming';
import { ORGANIZATION_ACCESS_ROLE } from '../../lib/plan/guardrails';
import { scpHierarchy } from '../support/scp-simulation';

/**
 * Who makes a request in the adversarial suite. Every caller holds an allow-everything identity policy (an
 * administrator, or a role an administrator has changed), so the outcome is what the SCPs let through.
 */
export type Principal =
  /** An Identity Center session of the PlatformAdmin permission set (AdministratorAccess) in that account. */
  | 'platform-admin'
  /** A role the account's administrator created with AdministratorAccess and an ordinary name. */
  | 'admin-made-role'
  /** The OnCall permission set's session. */
  | 'on-call'
  /** The GitHub deploy role (`landfall-github-deploy`). */
  | 'github-deploy'
  /** The CDK deploy role of the organization's qualifier (what the CDK CLI assumes). */
  | 'cdk-deploy-role'
  /** The CDK CloudFormation execution role (what deployments run as). */
  | 'cfn-exec-role'
  /** The custom resource role of a Baseline stack, named by CloudFormation after the stack. */
  | 'baseline-settings-role'
  /** landfall's GuardDuty configurator (security account). */
  | 'guardduty-configurator'
  | 'break-glass'
  | 'org-access-role';

export interface Attempt {
  readonly who: Principal;
  /** Account name from the config. */
  readonly account: string;
  readonly action: string;
  /** Resource ARN; `{account}`, `{region}` and `{q}` (the CDK qualifier) are filled in. */
  readonly resource: string;
  /** @default the home region */
  readonly region?: string;
  /** Extra request context, for example `aws:ResourceTag/...`. */
  readonly context?: Record<string, string>;
  /**
   * The resource's own policy, for services that require one (a KMS key policy): it trusts the account, as the
   * default key policy does, so the outcome is again what the SCPs let through.
   * @default none
   */
  readonly trustingResourcePolicy?: boolean;
}

const FULL_ACCESS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** The ARN `aws:PrincipalArn` holds for the principal's requests. */
export function arnOf(model: LandfallModel, who: Principal, accountId: string, region: string): string {
  const role = (name: string) => `arn:aws:iam::${accountId}:role/${name}`;
  const q = model.platform.deploy.cdkQualifier;
  const sso = (set: string) =>
    role(`aws-reserved/sso.amazonaws.com/${model.platform.homeRegion}/AWSReservedSSO_${set}-prod_0123456789abcdef`);
  switch (who) {
    case 'platform-admin':
      return sso('PlatformAdmin');
    case 'on-call':
      return sso('OnCall');
    case 'admin-made-role':
      return role('ops-automation');
    case 'github-deploy':
      return role(ROLE_NAMES.githubDeploy);
    case 'cdk-deploy-role':
      return role(`cdk-${q}-deploy-role-${accountId}-${region}`);
    case 'cfn-exec-role':
      return role(`cdk-${q}-cfn-exec-role-${accountId}-${region}`);
    case 'baseline-settings-role':
      return role(`${PREFIX}-dev-baseline-AWS679f53fac002430cb0da5b79-Q1W2E3R4T5Y6`);
    case 'guardduty-configurator':
      return role(ROLE_NAMES.guardDutyConfigurator);
    case 'break-glass':
      return role(model.platform.guardrails.breakGlassRoleName);
    case 'org-access-role':
      return role(ORGANIZATION_ACCESS_ROLE);
  }
}

/** What the SCPs, attached as the Organization stack attaches them, let through: `allowed` or `denied`. */
export async function attempt(model: LandfallModel, a: Attempt): Promise<string> {
  const account = model.platform.accounts.find((x) => x.name === a.account);
  if (!account) throw new Error(`no account ${a.account}`);
  const region = a.region ?? model.platform.homeRegion;
  const principal = arnOf(model, a.who, account.id, region);
  const resource = a.resource
    .replaceAll('{account}', account.id)
    .replaceAll('{region}', region)
    .replaceAll('{q}', model.platform.deploy.cdkQualifier);
  const result = await runSimulation(
    {
      request: {
        principal,
        action: a.action,
        resource: { resource, accountId: account.id },
        contextVariables: {
          'aws:PrincipalArn': principal,
          'aws:PrincipalAccount': account.id,
          'aws:PrincipalOrgID': model.platform.organization.id,
          'aws:RequestedRegion': region,
          ...a.context,
        },
      },
      identityPolicies: [{ name: 'Everything', policy: FULL_ACCESS }],
      serviceControlPolicies: scpHierarchy(model, a.account),
      resourceControlPolicies: [],
      resourcePolicy: a.trustingResourcePolicy
        ? {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account.id}:root` }, Action: '*', Resource: '*' },
            ],
          }
        : undefined,
    },
    {},
  );
  if (result.resultType === 'error') return `invalid case: ${JSON.stringify(result.errors)}`;
  if (result.resultType !== 'single') return `unexpected ${result.resultType} result`;
  // Only an explicit deny (an SCP statement) counts as denied: an implicit deny would mean a broken case.
  if (result.overallResult === 'Allowed') return 'allowed';
  return result.overallResult === 'ExplicitlyDenied'
    ? 'denied'
    : `not allowed for another reason: ${result.overallResult}`;
}
