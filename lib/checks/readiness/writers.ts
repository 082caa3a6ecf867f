/**
 * Gate: every cross-account (and service) writer of the platform is allowed what the service does at deploy and
 * delivery time, simulated with the identity policies from the writer's template and the resource policies
 * (bucket, key, topic) from the target's template. The simulator is injected (`PolicySimulator`), so this layer
 * stays pure; `scripts/readiness-simulator.ts` adapts `@cloud-copilot/iam-simulate`.
 */
import type { Assembly, ReadinessProblem } from './assembly';
import type { NamedPolicy, Policies } from './policies';
import { cloudTrailCalls, configCalls, loadBalancerLogCalls } from './writers-delivery';
import { costCalls, guardDutyAgentCalls } from './writers-services';

/** One request the simulator decides. */
export interface SimulationRequest {
  /** Role session ARN, account root ARN or service principal (`cloudtrail.amazonaws.com`). */
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  /** The account that owns the resource. */
  readonly resourceAccount: string;
  readonly context: Readonly<Record<string, string>>;
  /** Identity policies of the principal; empty for a service principal. */
  readonly identityPolicies: readonly NamedPolicy[];
  /** The resource's policy. @default none (the resource has no policy, or it is AWS's own) */
  readonly resourcePolicy?: NamedPolicy;
}

export type SimulationOutcome =
  | { readonly result: 'allowed' }
  | { readonly result: 'implicitly denied' | 'explicitly denied' }
  | { readonly result: 'invalid'; readonly reason: string };

export type PolicySimulator = (request: SimulationRequest) => Promise<SimulationOutcome>;

/** Where a policy of a call comes from, as a problem names it. */
export interface PolicySource extends Policies {
  /** For example `the identity policies of role landfall-config-recorder (dev/Baseline ConfigRoleE4ECEE8E)`. */
  readonly label: string;
}

/** One call a writer makes, with the policies that decide it. */
export interface WriterCall {
  /** Who writes, for example `AWS Config recorder role landfall-config-recorder (dev/Baseline ConfigRoleE4ECEE8E)`. */
  readonly writer: string;
  readonly stack: string;
  readonly resource: string;
  readonly principal: string;
  /** The principal's account. @default none (a service principal) */
  readonly principalAccount?: string;
  readonly action: string;
  readonly target: string;
  readonly targetAccount: string;
  readonly context: Readonly<Record<string, string>>;
  /** The principal's policies. @default none (a service principal: only the resource policy decides) */
  readonly identity?: PolicySource;
  /** The target's resource policy. @default none (the target has none) */
  readonly resourcePolicy?: PolicySource;
  /** The AWS documentation that says the service makes this call. */
  readonly docs: string;
}

export interface WriterOptions {
  /**
   * The organization ID (`o-...`): the value of `aws:PrincipalOrgID`, and the organization trail's log prefix.
   * @default unknown (organization conditions deny; the organization trail's member delivery is not simulated)
   */
  readonly organizationId?: string;
}

const ALLOW_ALL: NamedPolicy = {
  name: 'allow everything',
  document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] },
};
const ALLOW_ALL_IDENTITY: NamedPolicy = {
  name: 'allow everything',
  document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

/** Every call of every writer in the assembly, and what prevented building a call. */
export function writerCalls(
  assembly: Assembly,
  options: WriterOptions = {},
): { calls: WriterCall[]; problems: ReadinessProblem[] } {
  const parts = [
    configCalls(assembly, options),
    cloudTrailCalls(assembly, options),
    loadBalancerLogCalls(assembly),
    costCalls(assembly),
    guardDutyAgentCalls(assembly),
  ];
  return { calls: parts.flatMap((p) => p.calls), problems: parts.flatMap((p) => p.problems) };
}

function requestOf(call: WriterCall, identity?: NamedPolicy[], resource?: NamedPolicy): SimulationRequest {
  const resourcePolicy = resource ?? call.resourcePolicy?.policies[0];
  return {
    principal: call.principal,
    action: call.action,
    resource: call.target,
    resourceAccount: call.targetAccount,
    context: call.context,
    identityPolicies: identity ?? [...(call.identity?.policies ?? [])],
    ...(resourcePolicy === undefined ? {} : { resourcePolicy }),
  };
}

/** Which policy must grant a denied call: found by replacing one side at a time with "allow everything". */
async function missingPolicy(call: WriterCall, simulate: PolicySimulator, explicit: boolean): Promise<string> {
  const resource = call.resourcePolicy?.label ?? `a resource policy of ${call.target} (it has none)`;
  if (call.identity === undefined) {
    return explicit ? `an explicit Deny in ${resource} blocks it` : `${resource} must allow it`;
  }
  const identity = call.identity.label;
  if (explicit) return `an explicit Deny in ${identity} or ${resource} blocks it`;
  if (call.principalAccount === call.targetAccount) return `${identity} or ${resource} must allow it`;
  const identityOk = (await simulate(requestOf(call, undefined, ALLOW_ALL))).result === 'allowed';
  const resourceOk = (await simulate(requestOf(call, [ALLOW_ALL_IDENTITY]))).result === 'allowed';
  if (identityOk && !resourceOk) return `${resource} must allow it`;
  if (resourceOk && !identityOk) return `${identity} must allow it`;
  return `${identity} and ${resource} must both allow it (cross-account)`;
}

/** Why a call is denied, or undefined when it is allowed. */
async function denial(call: WriterCall, simulate: PolicySimulator): Promise<string | undefined> {
  const outcome = await simulate(requestOf(call));
  if (outcome.result === 'allowed') return undefined;
  if (outcome.result === 'invalid') return `the simulation is invalid (${outcome.reason})`;
  return missingPolicy(call, simulate, outcome.result === 'explicitly denied');
}

/**
 * Simulate every writer call; a denied call is a problem naming the calls, the principal, the resource and the
 * policy that must allow them (calls of one writer on one resource that miss the same policy are one problem).
 */
export async function checkWriters(
  assembly: Assembly,
  simulate: PolicySimulator,
  options: WriterOptions = {},
): Promise<ReadinessProblem[]> {
  const { calls, problems } = writerCalls(assembly, options);
  const denied = new Map<string, { call: WriterCall; why: string; actions: string[]; docs: string[] }>();
  for (const call of calls) {
    const why = await denial(call, simulate);
    if (why === undefined) continue;
    const key = [call.writer, call.principal, call.target, why].join('|');
    const entry = denied.get(key) ?? { call, why, actions: [], docs: [] };
    entry.actions.push(call.action);
    if (!entry.docs.includes(call.docs)) entry.docs.push(call.docs);
    denied.set(key, entry);
  }
  for (const { call, why, actions, docs } of denied.values()) {
    const notSimulated = [...(call.identity?.notSimulated ?? []), ...(call.resourcePolicy?.notSimulated ?? [])];
    problems.push({
      gate: 'writers',
      stack: call.stack,
      resource: call.resource,
      message: `${call.writer}: ${call.principal} cannot ${actions.join(', ')} on ${call.target}: ${why} (${docs.join('; ')})${notSimulated.length > 0 ? `; not simulated: ${notSimulated.join('; ')}` : ''}`,
    });
  }
  return problems;
}
