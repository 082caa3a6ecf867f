/**
 * What the observations say about each step: done, not done (and what stops it), or unknown (and why). Pure: the
 * observations are read once by `lib/cli/aws/rollout-state.ts`.
 */
import type { LandfallModel } from '../../config';
import type { PlannedStack, RolloutPlan, RolloutStep, StepFact } from '../../plan/rollout';
import {
  MIN_BOOTSTRAP_VERSION,
  offlineFact,
  placeholderFact,
  plannedStacks,
  remainingPlaceholders,
} from '../../plan/rollout';
import type { Read } from '../aws/account-access';
import type { RegionFacts, RolloutObservations } from '../aws/rollout-state';
import { DELEGATED_PRINCIPALS } from '../aws/rollout-state';
import { POLICY_TYPE_STEPS, TRUSTED_SERVICES } from '../bootstrap/steps';

const done = (detail: string): StepFact => ({ state: 'done', detail });
const notDone = (detail: string, blockers?: readonly string[]): StepFact =>
  blockers === undefined || blockers.length === 0
    ? { state: 'not-done', detail }
    : { state: 'not-done', detail, blockers };
const unknown = (detail: string): StepFact => ({ state: 'unknown', detail });

/** Stack statuses of a finished operation whose stack is in place. */
const IN_PLACE = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_COMPLETE',
]);
/** Stack statuses that need a person before the stack can be deployed again. */
const STUCK = new Set([
  'ROLLBACK_COMPLETE',
  'ROLLBACK_FAILED',
  'CREATE_FAILED',
  'DELETE_FAILED',
  'UPDATE_ROLLBACK_FAILED',
  'IMPORT_ROLLBACK_FAILED',
]);

export function rolloutFacts(
  plan: RolloutPlan,
  model: LandfallModel,
  obs: RolloutObservations,
): (step: RolloutStep) => StepFact {
  const stacks = new Map(plannedStacks(model).map((s) => [s.path, s]));
  return (step) => {
    switch (step.reads) {
      case 'management-account':
        return managementAccountFact(plan, step, model, obs);
      case 'organization':
        return organizationFact(obs);
      case 'account-quota':
        return quotaFact(model, obs);
      case 'identity-center':
        return identityCenterFact(obs);
      case 'organization-bootstrap':
        return bootstrapFact(obs);
      case 'organization-ids':
        return organizationIdsFact(model, obs);
      case 'member-account-ids':
        return memberIdsFact(model, obs);
      case 'delegated-administrators':
        return delegatedFact(model, obs);
      case 'cdk-toolkit':
        return toolkitFact(model, obs, step);
      case 'stacks':
        return stacksFact(
          obs,
          (step.stacks ?? []).map((p) => stacks.get(p)).filter((s): s is PlannedStack => s !== undefined),
        );
      default:
        return offlineFact(plan, step);
    }
  };
}

function managementAccountFact(
  plan: RolloutPlan,
  step: RolloutStep,
  model: LandfallModel,
  obs: RolloutObservations,
): StepFact {
  const configured = model.accounts.management;
  const org = obs.organization.ok ? obs.organization.value : undefined;
  // An ID that looks like an example but is the management account AWS answers with is the real one.
  const observedId = org?.managementAccountId ?? obs.caller.accountId;
  const left = remainingPlaceholders(plan, step.id).filter((p) => p.value !== observedId || p.value !== configured.id);
  if (left.length > 0) return placeholderFact({ ...plan, placeholders: left }, step);
  if (!obs.organization.ok) return unknown(`cannot read the organization: ${obs.organization.reason}`);
  if (org === undefined) {
    return obs.caller.accountId === configured.id
      ? done(`the credentials are account ${configured.id}, the config's management account (no organization yet)`)
      : notDone(
          `the credentials are for account ${obs.caller.accountId}, the config names ${configured.id}: use the management account's credentials, or correct its ID`,
        );
  }
  const problems: string[] = [];
  if (org.managementAccountId !== configured.id)
    problems.push(`its ID is ${org.managementAccountId}, the config says ${configured.id}`);
  if (org.managementAccountEmail.toLowerCase() !== configured.email.toLowerCase())
    problems.push(`its email is ${org.managementAccountEmail}, the config says ${configured.email}`);
  return problems.length === 0
    ? done(`account ${configured.id} (${configured.email}) manages organization ${org.id}`)
    : notDone(`the management account of organization ${org.id}: ${problems.join('; ')}`);
}

function organizationFact(obs: RolloutObservations): StepFact {
  if (!obs.organization.ok) return unknown(`cannot read the organization: ${obs.organization.reason}`);
  const org = obs.organization.value;
  if (org === undefined)
    return notDone(
      `account ${obs.caller.accountId} is in no organization: aws organizations create-organization --feature-set ALL`,
    );
  if (org.featureSet !== 'ALL')
    return notDone(
      `organization ${org.id} has feature set ${org.featureSet}: enable all features (Organizations console > Settings; every member account must approve)`,
    );
  return done(`organization ${org.id}, all features`);
}

function quotaFact(model: LandfallModel, obs: RolloutObservations): StepFact {
  if (!obs.organization.ok || obs.organization.value === undefined) return organizationFact(obs);
  const org = obs.organization.value;
  if (!obs.accountQuota.ok) return unknown(`cannot read the account quota: ${obs.accountQuota.reason}`);
  const quota = obs.accountQuota.value;
  const emails = new Set(org.accounts.map((a) => a.email.toLowerCase()));
  const missing = model.platform.accounts.filter((a) => !emails.has(a.email.toLowerCase())).length;
  const needed = org.accounts.length + missing;
  if (quota === undefined)
    return unknown(
      'Service Quotas lists no accounts quota for organizations: check it in the Service Quotas console (us-east-1)',
    );
  return quota.value >= needed
    ? done(`quota ${quota.value} accounts (${quota.code}); the organization will hold ${needed}`)
    : notDone(
        `quota ${quota.value} accounts (${quota.code}), but the organization will hold ${needed}: request an increase in Service Quotas (us-east-1) before the Organization stack creates accounts`,
      );
}

function identityCenterFact(obs: RolloutObservations): StepFact {
  if (!obs.identityCenter.ok) return unknown(`cannot read Identity Center: ${obs.identityCenter.reason}`);
  const ic = obs.identityCenter.value;
  if (!ic.found) return notDone(ic.reason);
  if (ic.missingGroups.length > 0)
    return notDone(`${ic.instanceArn}: groups not found by display name: ${ic.missingGroups.join(', ')}`);
  return done(`${ic.instanceArn}, identity store ${ic.identityStoreId}`);
}

function bootstrapFact(obs: RolloutObservations): StepFact {
  if (!obs.organization.ok || obs.organization.value === undefined) return organizationFact(obs);
  if (!obs.trustedServices.ok) return unknown(`cannot read trusted access: ${obs.trustedServices.reason}`);
  const trusted = new Set(obs.trustedServices.value);
  const todo = TRUSTED_SERVICES.filter((s) => !trusted.has(s.principal)).map(
    (s) => `trusted access for ${s.principal}`,
  );
  const { scpStatus, policyTypes } = obs.organization.value;
  const enabled = (status: string | undefined) => status === 'ENABLED' || status === 'PENDING_ENABLE';
  if (!enabled(scpStatus)) todo.push('the SCP policy type on the root');
  // Older readers report only the SCP type; the others are checked when the root's policy types are known.
  if (policyTypes !== undefined) {
    for (const { type, title } of POLICY_TYPE_STEPS.slice(1)) {
      if (!enabled(policyTypes[type])) todo.push(`the ${title.replace(' on the root', '')} on the root`);
    }
  }
  return todo.length === 0
    ? done('trusted access and the SCP, RCP and EC2 declarative policy types are enabled')
    : notDone(`to do: ${todo.join(', ')}`);
}

function organizationIdsFact(model: LandfallModel, obs: RolloutObservations): StepFact {
  if (!obs.organization.ok || obs.organization.value === undefined) return organizationFact(obs);
  const org = obs.organization.value;
  const { id, rootId } = model.platform.organization;
  return id === org.id && rootId === org.rootId
    ? done(`organization ${org.id}, root ${org.rootId}`)
    : notDone(
        `the config has organization ${id} and root ${rootId}; the organization is ${org.id} with root ${org.rootId}`,
      );
}

function memberIdsFact(model: LandfallModel, obs: RolloutObservations): StepFact {
  if (!obs.organization.ok || obs.organization.value === undefined) return organizationFact(obs);
  const org = obs.organization.value;
  const missing: string[] = [];
  const differ: string[] = [];
  for (const account of model.platform.accounts) {
    const found = org.accounts.find((a) => a.email.toLowerCase() === account.email.toLowerCase());
    if (found === undefined) missing.push(account.name);
    else if (found.id !== account.id) differ.push(`${account.name} (config ${account.id}, organization ${found.id})`);
  }
  if (missing.length === 0 && differ.length === 0)
    return done(`${model.platform.accounts.length} accounts, each with its real ID`);
  return notDone(
    [
      ...(missing.length > 0 ? [`not in the organization yet: ${missing.join(', ')}`] : []),
      ...(differ.length > 0 ? [`IDs to record: ${differ.join(', ')}`] : []),
    ].join('; '),
  );
}

function delegatedFact(model: LandfallModel, obs: RolloutObservations): StepFact {
  if (!obs.organization.ok || obs.organization.value === undefined) return organizationFact(obs);
  const security = model.accounts.security;
  const account = obs.organization.value.accounts.find((a) => a.email.toLowerCase() === security.email.toLowerCase());
  if (account === undefined) return notDone(`the security account (${security.email}) is not in the organization yet`);
  const todo: string[] = [];
  const reads: Array<[string, Read<Array<{ accountId: string; status: string }>>]> = [
    ...Object.entries(obs.guardDutyAdmins).map(([r, v]): [string, typeof v] => [`GuardDuty administrator in ${r}`, v]),
    ...Object.entries(obs.securityHubAdmins).map(([r, v]): [string, typeof v] => [
      `Security Hub administrator in ${r}`,
      v,
    ]),
  ];
  for (const [what, read] of reads) {
    if (!read.ok) return unknown(`cannot read the ${what}: ${read.reason}`);
    if (!read.value.some((a) => a.accountId === account.id && a.status === 'ENABLED')) todo.push(what);
  }
  for (const principal of DELEGATED_PRINCIPALS) {
    const read = obs.delegatedAdministrators[principal];
    if (read === undefined) continue;
    if (!read.ok) return unknown(`cannot read the delegated administrators of ${principal}: ${read.reason}`);
    if (!read.value.includes(account.id)) todo.push(`delegated administrator for ${principal}`);
  }
  return todo.length === 0
    ? done(`security account ${account.id} administers GuardDuty and Security Hub`)
    : notDone(`to do for security account ${account.id}: ${todo.join(', ')}`);
}

/** The facts of one account and region, or the unknown fact that says why they are missing. */
function regionOf(obs: RolloutObservations, account: string, region: string): RegionFacts | StepFact {
  const facts = obs.accounts[account];
  if (facts === undefined) return unknown(`account ${account} was not read`);
  if (!facts.ok) return unknown(`cannot read account ${account} (${facts.reason})`);
  const r = facts.value.regions[region];
  if (r === undefined) return unknown(`account ${account} was not read in ${region}`);
  if (!r.ok) return unknown(`cannot read account ${account} in ${region} (${r.reason})`);
  return r.value;
}

const isFact = (x: RegionFacts | StepFact): x is StepFact => 'state' in x;

function toolkitFact(model: LandfallModel, obs: RolloutObservations, step: RolloutStep): StepFact {
  const region = regionOf(obs, step.account, step.region);
  if (isFact(region)) return region;
  const toolkit = region.toolkit;
  if (toolkit === undefined) return notDone(`account ${step.account} is not bootstrapped in ${step.region}`);
  const qualifier = model.platform.deploy.cdkQualifier;
  const management = model.accounts.management.id;
  const problems: string[] = [];
  if (!IN_PLACE.has(toolkit.status)) problems.push(`CDKToolkit is ${toolkit.status}`);
  if (toolkit.qualifier !== qualifier)
    problems.push(`its qualifier is ${toolkit.qualifier ?? 'unset'}, the config's is ${qualifier}`);
  if ((toolkit.version ?? 0) < MIN_BOOTSTRAP_VERSION)
    problems.push(`bootstrap version ${toolkit.version ?? 'unknown'} is older than ${MIN_BOOTSTRAP_VERSION}`);
  if (step.accountId !== management && !toolkit.trustedAccounts.includes(management))
    problems.push(`it does not trust the management account ${management}`);
  return problems.length === 0
    ? done(`CDKToolkit version ${toolkit.version}, qualifier ${qualifier}`)
    : notDone(`${problems.join('; ')}: run the command again`);
}

function stacksFact(obs: RolloutObservations, stacks: readonly PlannedStack[]): StepFact {
  const [first] = stacks;
  if (first === undefined) return unknown('no stacks');
  const region = regionOf(obs, first.account.name, first.region);
  if (isFact(region)) return region;
  const missing: string[] = [];
  const blockers: string[] = [];
  for (const s of stacks) {
    const state = region.stacks[s.stackName];
    if (state === undefined) missing.push(s.stackName);
    else if (STUCK.has(state.status))
      blockers.push(
        `${s.stackName} is ${state.status}: see its events, delete it if it never completed (aws cloudformation delete-stack --stack-name ${s.stackName}) and deploy again`,
      );
    else if (!IN_PLACE.has(state.status)) blockers.push(`${s.stackName} is ${state.status}: wait until it finishes`);
  }
  if (missing.length === 0 && blockers.length === 0)
    return done(stacks.map((s) => `${s.stackName} ${region.stacks[s.stackName]?.status}`).join(', '));
  for (const s of stacks.filter((x) => missing.includes(x.stackName)))
    blockers.push(...adoptionConflicts(obs, region, s));
  return notDone(missing.length > 0 ? `not deployed: ${missing.join(', ')}` : 'not complete', blockers);
}

/** What an existing account already has that the Baseline would create a second time, and what to do. */
function adoptionConflicts(obs: RolloutObservations, region: RegionFacts, stack: PlannedStack): string[] {
  if (stack.role !== 'baseline' && stack.role !== 'regional-baseline') return [];
  const where = `account ${stack.account.name} already has`;
  const out: string[] = [];
  if (region.recorders?.ok && region.recorders.value.length > 0)
    out.push(
      `${where} the AWS Config recorder ${region.recorders.value.join(', ')} in ${stack.region} (one per region): stop and delete it (aws configservice stop-configuration-recorder / delete-configuration-recorder --configuration-recorder-name NAME) so the Baseline's recorder replaces it; its history stays where it was delivered`,
    );
  if (region.deliveryChannels?.ok && region.deliveryChannels.value.length > 0)
    out.push(
      `${where} the Config delivery channel ${region.deliveryChannels.value.join(', ')} in ${stack.region} (one per region): delete it (aws configservice delete-delivery-channel --delivery-channel-name NAME) after its recorder is stopped`,
    );
  const oidc = stack.role === 'baseline' ? obs.accounts[stack.account.name] : undefined;
  const provider = oidc?.ok ? oidc.value.githubOidcProvider : undefined;
  if (provider?.ok && provider.value !== undefined)
    out.push(
      `${where} the GitHub OIDC provider ${provider.value} (one per URL): delete it right before this deploy (aws iam delete-open-id-connect-provider --open-id-connect-provider-arn ${provider.value}); the Baseline creates it again with the same ARN, so roles that trust it work again`,
    );
  return out;
}
