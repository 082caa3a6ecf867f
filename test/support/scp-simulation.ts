import type { RunSimulationResults, SimulationOrgPolicies } from '@cloud-copilot/iam-simulate';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { LandfallModel } from '../../lib/config';
import type { OuPath, ScpTarget } from '../../lib/config/schema/organization';
import { PREFIX, ROLE_NAMES } from '../../lib/naming';
import { FULL_AWS_ACCESS, ORGANIZATION_ACCESS_ROLE, platformScps } from '../../lib/plan/guardrails';
import { memberAccounts } from '../../lib/plan/placement';

/** Who makes a request in a simulated member account. */
export type Caller =
  'developer' | 'app-role' | 'break-glass' | 'org-access-role' | 'cfn-exec-role' | 'guardduty-configurator' | 'root';

export interface ScpCase {
  readonly caller: Caller;
  /** Account name from the config. */
  readonly account: string;
  readonly action: string;
  /** Resource ARN; `{account}` and `{region}` are filled in. */
  readonly resource: string;
  readonly region: string;
  readonly expected: 'allowed' | 'denied';
}

const FULL_ACCESS_POLICY = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** The caller's principal ARN (what `aws:PrincipalArn` holds for its requests). */
export function principalArn(model: LandfallModel, caller: Caller, accountId: string): string {
  const role = (name: string) => `arn:aws:iam::${accountId}:role/${name}`;
  switch (caller) {
    case 'developer':
      return role('aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_Developer-dev_0123456789abcdef');
    case 'app-role':
      return role(`${PREFIX}-prod-service-api-TaskRole1A2B3C4D`);
    case 'break-glass':
      return role(model.platform.guardrails.breakGlassRoleName);
    case 'org-access-role':
      return role(ORGANIZATION_ACCESS_ROLE);
    case 'cfn-exec-role':
      return role(`cdk-${model.platform.deploy.cdkQualifier}-cfn-exec-role-${accountId}-${model.platform.homeRegion}`);
    case 'guardduty-configurator':
      return role(ROLE_NAMES.guardDutyConfigurator);
    case 'root':
      return `arn:aws:iam::${accountId}:root`;
  }
}

/** The SCPs that apply to an account, root first, as AWS evaluates them: every level must allow. */
export function scpHierarchy(model: LandfallModel, accountName: string): SimulationOrgPolicies[] {
  const placement = memberAccounts(model).find((m) => m.account.name === accountName);
  if (!placement) throw new Error(`${accountName} is not a member account`);
  const scps = platformScps(model.platform, PREFIX);
  const full = { name: FULL_AWS_ACCESS, policy: FULL_ACCESS_POLICY };
  const level = (target: ScpTarget, id: string): SimulationOrgPolicies => ({
    orgIdentifier: id,
    policies: [
      full,
      ...scps.filter((s) => s.targets.includes(target)).map((s) => ({ name: s.name, policy: s.document })),
    ],
  });
  const segments = placement.ou.split('/');
  const ous = segments.map((_, i) => segments.slice(0, i + 1).join('/') as OuPath);
  return [
    level('Root', model.platform.organization.rootId),
    ...ous.map((ou, i) => level(ou, `ou-exmp-${String(i).padStart(8, '0')}`)),
    { orgIdentifier: placement.account.id, policies: [full] },
  ];
}

/** Simulate one request of an all-powerful identity: the result is what the SCPs let through. */
export async function simulate(model: LandfallModel, c: ScpCase): Promise<RunSimulationResults> {
  const account = model.platform.accounts.find((a) => a.name === c.account);
  if (!account) throw new Error(`no account ${c.account}`);
  const principal = principalArn(model, c.caller, account.id);
  return runSimulation(
    {
      request: {
        principal,
        action: c.action,
        resource: {
          resource: c.resource.replaceAll('{account}', account.id).replaceAll('{region}', c.region),
          accountId: account.id,
        },
        contextVariables: {
          'aws:PrincipalArn': principal,
          'aws:PrincipalAccount': account.id,
          'aws:PrincipalOrgID': model.platform.organization.id,
          'aws:RequestedRegion': c.region,
        },
      },
      identityPolicies: [{ name: 'Everything', policy: FULL_ACCESS_POLICY }],
      serviceControlPolicies: scpHierarchy(model, c.account),
      resourceControlPolicies: [],
    },
    {},
  );
}

/** `allowed`, `denied`, or the simulator's validation errors (a broken case, never a pass). */
export async function outcome(model: LandfallModel, c: ScpCase): Promise<string> {
  const result = await simulate(model, c);
  if (result.resultType === 'error') return `invalid case: ${JSON.stringify(result.errors)}`;
  return result.overallResult === 'Allowed' ? 'allowed' : 'denied';
}
