import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { LandfallModel, ResolvedEnvironment } from '../../config';
import { call, retryWithNotice, sdkRetryNotice } from '../aws/call';
import type { BudgetSpent } from '../aws/error-budget';
import { budgetSpent, objectiveProbes, SLO_PERIOD_MS } from '../aws/error-budget';
import type { CommandDeps } from '../deps';
import type { CliIo } from '../io';
import { requireEnvironmentAccount } from '../aws/environment-account';

/** What the error budget policy says about a deploy of the environment. */
export interface BudgetGate {
  /** Web services that opted in (`slo.freezeReleasesWhenBudgetSpent`). */
  readonly gated: readonly string[];
  readonly budgets: readonly BudgetSpent[];
  /** Budgets spent (100% or more) of gated services: each freezes the deploy. */
  readonly spent: readonly BudgetSpent[];
}

/**
 * The 30-day error budgets of the environment's services that opted in to the release freeze, read with the
 * credentials of the environment's account. Nothing is read when no service opted in.
 */
export async function budgetGate(
  model: LandfallModel,
  env: ResolvedEnvironment,
  at: Date,
  profile: string | undefined,
  deps: CommandDeps,
  io: CliIo,
): Promise<BudgetGate> {
  const services = model.services.filter((s) => s.kind === 'web' && s.slo.freezeReleasesWhenBudgetSpent);
  if (services.length === 0) return { gated: [], budgets: [], spent: [] };
  const clients = deps.clients({ region: model.platform.homeRegion, profile, onRetry: sdkRetryNotice(io) });
  const retry = retryWithNotice(io, deps.retry);
  const caller = await call('sts:GetCallerIdentity', () => clients.sts.send(new GetCallerIdentityCommand({})), retry);
  // In the deploy workflow these are the deploy role's: it may read landfall's alarms and metric data.
  requireEnvironmentAccount(caller.Account, env);
  const window = { from: new Date(at.getTime() - SLO_PERIOD_MS), to: at };
  const budgets = await budgetSpent(clients, retry, objectiveProbes(env.name, services), window);
  return {
    gated: services.map((s) => s.name),
    budgets,
    spent: budgets.filter((b) => (b.spentPercent ?? 0) >= 100),
  };
}

const pct = (n: number | undefined) => (n === undefined ? 'no traffic' : `${Number(n.toFixed(1))}%`);

/** `api availability 99.9%: 42.5% spent, latency 99%: 3% spent` */
export function describeBudgets(gate: BudgetGate): string {
  return gate.budgets
    .map((b) => `${b.service} ${b.objective} ${b.objectivePercent}%: ${pct(b.spentPercent)} spent`)
    .join(', ');
}

/** `api has spent its availability budget (104.2%)`, for every spent budget. */
export function describeSpent(gate: BudgetGate): string {
  return gate.spent
    .map((b) => `${b.service} has spent its ${b.objective} error budget (${pct(b.spentPercent)})`)
    .join('; ');
}
