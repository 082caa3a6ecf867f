import type { SimulationOrgPolicies } from '@cloud-copilot/iam-simulate';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { LandfallModel } from '../../lib/config';
import type { OuPath, ScpTarget } from '../../lib/config/schema/organization';
import { PREFIX } from '../../lib/naming';
import { landfallRcps, organizationPolicyValues } from '../../lib/plan/organization-policies';
import { memberAccounts } from '../../lib/plan/placement';
import { loadBalancerLogAccounts } from '../../lib/stages/principals';

/** One request to a resource in a member account, evaluated under landfall's RCPs. */
export interface RcpCase {
  /** Principal ARN, or a service principal such as `cloudtrail.amazonaws.com`. */
  readonly principal: string;
  readonly action: string;
  /** Resource ARN; `{account}` is the resource account's ID. */
  readonly resource: string;
  /** Account name from the config that owns the resource. */
  readonly account: string;
  /** Request context beyond the resource account (aws:SecureTransport defaults to true). */
  readonly context: Record<string, string | string[]>;
}

const ALLOW_EVERYTHING = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/**
 * A resource policy that grants the request's principal everything: the outcome is then what the RCPs let through
 * (cross-account and service requests need the resource policy's allow).
 */
function grantingResourcePolicy(principal: string): Record<string, unknown> {
  const who = principal.endsWith('.amazonaws.com') ? { Service: principal } : { AWS: principal };
  return {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: who, Action: '*', Resource: '*' }],
  };
}

/** The RCPs that apply to a member account, root first; the simulator adds RCPFullAWSAccess to every level. */
export function rcpHierarchy(model: LandfallModel, accountName: string): SimulationOrgPolicies[] {
  const placement = memberAccounts(model).find((m) => m.account.name === accountName);
  if (!placement) throw new Error(`${accountName} is not a member account`);
  const rcps = landfallRcps(
    organizationPolicyValues(model.platform, PREFIX, loadBalancerLogAccounts(model.platform.allowedRegions)),
  );
  const level = (target: ScpTarget, id: string): SimulationOrgPolicies => ({
    orgIdentifier: id,
    policies: rcps.filter((p) => p.targets.includes(target)).map((p) => ({ name: p.name, policy: p.document })),
  });
  const segments = placement.ou.split('/');
  const ous = segments.map((_, i) => segments.slice(0, i + 1).join('/') as OuPath);
  return [
    level('Root', model.platform.organization.rootId),
    ...ous.map((ou, i) => level(ou, `ou-exmp-${String(i).padStart(8, '0')}`)),
    { orgIdentifier: placement.account.id, policies: [] },
  ];
}

/** `allowed`, `denied`, or the simulator's validation errors (a broken case, never a pass). */
export async function rcpOutcome(model: LandfallModel, c: RcpCase): Promise<string> {
  const account = model.platform.accounts.find((a) => a.name === c.account);
  if (!account) throw new Error(`no account ${c.account}`);
  const resource = c.resource.replaceAll('{account}', account.id);
  const principal = c.principal.replaceAll('{account}', account.id);
  const isService = principal.endsWith('.amazonaws.com');
  const result = await runSimulation(
    {
      request: {
        principal,
        action: c.action,
        resource: { resource, accountId: account.id },
        contextVariables: {
          'aws:SecureTransport': 'true',
          'aws:ResourceAccount': account.id,
          ...(isService ? { 'aws:PrincipalIsAWSService': 'true' } : { 'aws:PrincipalIsAWSService': 'false' }),
          ...c.context,
        },
      },
      identityPolicies: isService ? [] : [{ name: 'Everything', policy: ALLOW_EVERYTHING }],
      serviceControlPolicies: [],
      resourceControlPolicies: rcpHierarchy(model, c.account),
      resourcePolicy: grantingResourcePolicy(principal),
    },
    {},
  );
  if (result.resultType === 'error') return `invalid case: ${JSON.stringify(result.errors)}`;
  return result.overallResult === 'Allowed' ? 'allowed' : 'denied';
}
