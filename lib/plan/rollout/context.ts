/** What every part of the plan derives its steps from, and the builders they share. */
import type { AccountConfig, LandfallModel } from '../../config';
import { resolveCost, resolveNotifications } from '../../config';
import { cdkDeploy, stacksCheck } from './commands';
import { cdkBootstrapStepId, deployStepId } from './ids';
import type { PlannedStack } from './inventory';
import { plannedStacks } from './inventory';
import type { RolloutPhase, RolloutStep } from './types';

export interface PlanContext {
  readonly model: LandfallModel;
  readonly home: string;
  readonly management: AccountConfig;
  /** Every stack of the app (the stack inventory). */
  readonly stacks: readonly PlannedStack[];
  /** The accounts that post to Slack through AWS Chatbot, in config order. */
  readonly slackAccounts: readonly AccountConfig[];
}

export function planContext(model: LandfallModel): PlanContext {
  const notifications = resolveNotifications(model.platform);
  const cost = resolveCost(model.platform);
  const envSlack =
    notifications.slackWorkspaceId !== undefined &&
    (notifications.page.slackChannelId !== undefined || notifications.ticket.slackChannelId !== undefined);
  const slackAccounts = model.platform.accounts.filter(
    (a) =>
      (a.role === 'management' && cost.slackChannelId !== undefined) ||
      (envSlack && model.environments.some((e) => e.account.name === a.name)),
  );
  return {
    model,
    home: model.platform.homeRegion,
    management: model.accounts.management,
    stacks: plannedStacks(model),
    slackAccounts,
  };
}

/** The planned stacks that match, in inventory order. */
export function stacksAt(ctx: PlanContext, predicate: (s: PlannedStack) => boolean): PlannedStack[] {
  return ctx.stacks.filter(predicate);
}

/** A step with the fields every step shares filled from its account. */
export function step(
  account: AccountConfig,
  region: string,
  fields: Omit<RolloutStep, 'account' | 'accountId' | 'region'>,
): RolloutStep {
  return { ...fields, account: account.name, accountId: account.id, region };
}

/**
 * A deploy step: `npx cdk deploy` with the stacks' construct paths, all in one account and region, after the
 * `cdk bootstrap` of that account and region and whatever `needs` adds.
 */
export function deployStep(
  stacks: readonly PlannedStack[],
  options: {
    readonly title: string;
    readonly needs: readonly string[];
    readonly phase: RolloutPhase;
    readonly id?: string;
    readonly command?: string;
    readonly group?: RolloutStep['group'];
  },
): RolloutStep {
  const [first] = stacks;
  if (first === undefined) throw new Error(`deploy step "${options.title}" has no stacks`);
  for (const s of stacks) {
    if (s.account.name !== first.account.name || s.region !== first.region)
      throw new Error(`deploy step ${first.path}: ${s.path} is in another account or region`);
  }
  const bootstrap = cdkBootstrapStepId(first.account.name, first.region);
  return step(first.account, first.region, {
    id: options.id ?? deployStepId(first.stackName),
    kind: 'deploy',
    title: options.title,
    needs: [...new Set([bootstrap, ...options.needs])],
    command: options.command ?? cdkDeploy(stacks.map((s) => s.path)),
    stacks: stacks.map((s) => s.path),
    check: {
      description: `CloudFormation has ${stacks.length === 1 ? 'the stack' : 'the stacks'} ${stacks.map((s) => s.stackName).join(', ')} in a *_COMPLETE state`,
      command: stacksCheck(
        stacks.map((s) => s.stackName),
        first.account,
        first.region,
      ),
    },
    phase: options.phase,
    reads: 'stacks',
    ...(options.group === undefined ? {} : { group: options.group }),
  });
}
