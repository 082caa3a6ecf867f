/**
 * The stacks the CDK app builds, by construct path, account and region, derived from the model and
 * `lib/naming.ts` without building the app: the stack inventory of PLAN.md (wave 1). The rollout plan deploys each
 * of them in exactly one step; `test/plan/rollout/app-consistency.test.ts` compares it with `cdk.out`.
 */
import type { AccountConfig, LandfallModel } from '../../config';
import { databaseStackId, regionalStackId, serviceStackId, STACKS, stackName, STAGES } from '../../naming';
import { SERVICES_PER_DASHBOARD } from '../observability';
import { BILLING_REGION, ORGANIZATIONS_REGION } from '../regions';

export { BILLING_REGION, ORGANIZATIONS_REGION };
/** Services per Observability stack (`Observability`, `Observability-2`, ...): the environment plan's split. */
export const SERVICES_PER_OBSERVABILITY_STACK = SERVICES_PER_DASHBOARD;

export type StackRole =
  | 'organization'
  | 'identity-center'
  | 'trail'
  | 'cost'
  | 'billing'
  | 'baseline'
  | 'regional-baseline'
  | 'log-buckets'
  | 'guardduty'
  | 'security-hub'
  | 'findings'
  | 'network'
  | 'platform'
  | 'database'
  | 'service'
  | 'observability';

export interface PlannedStack {
  /** Construct path: what `cdk deploy` selects, for example `Org/Organization`. */
  readonly path: string;
  readonly stage: string;
  /** Construct ID inside the stage, for example `RegionalBaseline-us-east-1`. */
  readonly id: string;
  /** CloudFormation stack name, `landfall-<stage>-<stack>`. */
  readonly stackName: string;
  readonly account: AccountConfig;
  readonly region: string;
  readonly role: StackRole;
  /** Environment name, for the stacks of an environment stage. */
  readonly environment?: string;
}

/** The allowed regions other than the home region: each gets a RegionalBaseline (and a GuardDuty stack). */
export function otherAllowedRegions(model: LandfallModel): string[] {
  return model.platform.allowedRegions.filter((r) => r !== model.platform.homeRegion);
}

/** Construct IDs of an environment's Observability stacks: one per 25 services, at least one. */
export function observabilityStackIds(serviceCount: number): string[] {
  const count = Math.max(1, Math.ceil(serviceCount / SERVICES_PER_OBSERVABILITY_STACK));
  return Array.from({ length: count }, (_, i) => (i === 0 ? STACKS.observability : `${STACKS.observability}-${i + 1}`));
}

/** Every stack of the platform, stage by stage (Org, LogArchive, Security, then the environments). */
export function plannedStacks(model: LandfallModel): PlannedStack[] {
  const { platform, accounts } = model;
  const home = platform.homeRegion;
  const others = otherAllowedRegions(model);
  const stack = (
    stage: string,
    id: string,
    account: AccountConfig,
    region: string,
    role: StackRole,
    environment?: string,
  ): PlannedStack => ({
    path: `${stage}/${id}`,
    stage,
    id,
    stackName: stackName(stage, id),
    account,
    region,
    role,
    ...(environment === undefined ? {} : { environment }),
  });
  const baselines = (stage: string, account: AccountConfig, environment?: string) => [
    stack(stage, STACKS.baseline, account, home, 'baseline', environment),
    ...others.map((r) =>
      stack(stage, regionalStackId(STACKS.regionalBaseline, r), account, r, 'regional-baseline', environment),
    ),
  ];

  const org = STAGES.org;
  const management = accounts.management;
  const logArchive = STAGES.logArchive;
  const security = STAGES.security;
  return [
    stack(org, STACKS.organization, management, ORGANIZATIONS_REGION, 'organization'),
    stack(org, STACKS.identityCenter, management, platform.identityCenter.region ?? home, 'identity-center'),
    stack(org, STACKS.trail, management, home, 'trail'),
    stack(org, STACKS.cost, management, home, 'cost'),
    stack(org, STACKS.billing, management, BILLING_REGION, 'billing'),
    ...baselines(org, management),
    stack(logArchive, STACKS.logBuckets, accounts.logArchive, home, 'log-buckets'),
    ...baselines(logArchive, accounts.logArchive),
    ...baselines(security, accounts.security),
    stack(security, STACKS.guardDuty, accounts.security, home, 'guardduty'),
    ...others.map((r) => stack(security, regionalStackId(STACKS.guardDuty, r), accounts.security, r, 'guardduty')),
    stack(security, STACKS.securityHub, accounts.security, home, 'security-hub'),
    stack(security, STACKS.findings, accounts.security, home, 'findings'),
    ...model.environments.flatMap((env) => [
      ...baselines(env.name, env.account, env.name),
      stack(env.name, STACKS.network, env.account, home, 'network', env.name),
      stack(env.name, STACKS.platform, env.account, home, 'platform', env.name),
      ...model.services.flatMap((s) =>
        s.database === undefined
          ? []
          : [stack(env.name, databaseStackId(s.name), env.account, home, 'database', env.name)],
      ),
      ...model.services.map((s) => stack(env.name, serviceStackId(s.name), env.account, home, 'service', env.name)),
      ...observabilityStackIds(model.services.length).map((id) =>
        stack(env.name, id, env.account, home, 'observability', env.name),
      ),
    ]),
  ];
}

/** The regions an account has stacks in (so must be `cdk bootstrap`ped in): the home region first. */
export function accountRegions(model: LandfallModel, account: AccountConfig): string[] {
  const regions = plannedStacks(model)
    .filter((s) => s.account.name === account.name)
    .map((s) => s.region);
  const home = model.platform.homeRegion;
  return [...new Set(regions)].sort((a, b) => (a === home ? -1 : b === home ? 1 : a.localeCompare(b)));
}
