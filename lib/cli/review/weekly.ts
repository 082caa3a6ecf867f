/**
 * `landfall review weekly`'s reading: per environment (in its account) the SLOs and error budgets, the alarms
 * that fired, the releases and the cost against the previous period; from the security account the open critical
 * and high findings of every account. Each part that cannot be read becomes a gap; the others are still read.
 */
import { paginateDescribeAlarms } from '@aws-sdk/client-cloudwatch';
import type { LandfallModel, ResolvedEnvironment } from '../../config';
import { clusterName, operationsPrefix, TAGS } from '../../naming';
import type { AccountClients, Read } from '../aws/account-access';
import { attempt } from '../aws/account-access';
import { alarmStateChanges, isWindowInput } from '../aws/alarm-history';
import { collect } from '../aws/call';
import type { RetryOptions } from '../aws/call';
import type { AwsClients } from '../aws/clients';
import type { CostLine } from '../aws/cost-and-usage';
import { costByTag, costPeriods } from '../aws/cost-and-usage';
import type { Window } from '../aws/error-budget';
import { budgetSpent, objectiveProbes, SLO_PERIOD_MS } from '../aws/error-budget';
import type { OpenFinding } from '../aws/security-findings';
import { openFindings } from '../aws/security-findings';
import { serviceDeployments } from '../aws/service-deployments';
import type { AlarmWeek } from './weekly-alarms';
import { alarmWeeks, noisiest, silentAlarms } from './weekly-alarms';

/** An objective of a web service over the window and its 30-day error budget. */
export interface ObjectiveWeek {
  readonly service: string;
  /** `availability` or `latency`. */
  readonly objective: string;
  readonly objectivePercent: number;
  /** Good events in the window, in percent; `undefined` without traffic. */
  readonly attainmentPercent?: number;
  /** Error budget of the last 30 days not spent, in percent (negative: overspent); `undefined` without traffic. */
  readonly budgetLeftPercent?: number;
}

/** The releases (ECS service deployments) of a service in the window, by final status. */
export interface ReleasesWeek {
  readonly service: string;
  readonly count: number;
  /** `SUCCESSFUL: 3`, `ROLLBACK_SUCCESSFUL: 1`, ... */
  readonly byStatus: Readonly<Record<string, number>>;
}

export interface CostWeek {
  readonly lines: readonly CostLine[];
  readonly currentUsd: number;
  readonly previousUsd: number;
  /** Cost Explorer days of the current period: `YYYY-MM-DD` to `YYYY-MM-DD` (exclusive). */
  readonly current: { readonly start: string; readonly end: string };
}

export interface EnvironmentWeek {
  readonly environment: string;
  readonly account: string;
  readonly accountId: string;
  readonly objectives: readonly ObjectiveWeek[];
  /** Alarms that fired or were in alarm, most fired first. */
  readonly alarms: readonly AlarmWeek[];
  readonly noisiest: readonly AlarmWeek[];
  /** Alarms that did not fire for 30 days. */
  readonly silent: readonly string[];
  readonly releases: readonly ReleasesWeek[];
  readonly cost?: CostWeek;
  /** What could not be read, and why. */
  readonly gaps: readonly string[];
}

export interface FindingsByAccount {
  readonly account: string;
  readonly accountId: string;
  readonly critical: number;
  readonly high: number;
  readonly findings: readonly OpenFinding[];
}

export interface WeeklyReview {
  readonly window: Window;
  readonly days: number;
  readonly environments: readonly EnvironmentWeek[];
  /** Open critical and high findings per account; `undefined` when the security account could not be read. */
  readonly findings?: readonly FindingsByAccount[];
  /** Cost Explorer requests the run made ($0.01 each). */
  readonly costRequests: number;
  readonly gaps: readonly string[];
}

export interface WeeklyInputs {
  readonly model: LandfallModel;
  readonly environments: readonly ResolvedEnvironment[];
  readonly window: Window;
  readonly days: number;
  readonly retry: RetryOptions;
  /** Read-only clients of an account (its review role, or the caller's own credentials). */
  readonly access: (accountId: string) => Promise<Read<AccountClients>>;
}

const DAY_MS = 86_400_000;
/** How far back "silent" looks: CloudWatch keeps alarm history for 30 days. */
const SILENT_DAYS = 30;

/** The environment's alarms that notify (window inputs left out), with their current state. */
async function existingAlarms(clients: AwsClients, prefix: string): Promise<Array<{ name: string; state?: string }>> {
  const pages = await collect(
    'cloudwatch:DescribeAlarms',
    paginateDescribeAlarms(
      { client: clients.cloudWatch },
      { AlarmNamePrefix: prefix, AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] },
    ),
    (page) => [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])],
  );
  return pages.flatMap((a) =>
    a.AlarmName === undefined || isWindowInput(a.AlarmName)
      ? []
      : [{ name: a.AlarmName, ...(a.StateValue === undefined ? {} : { state: a.StateValue }) }],
  );
}

async function environmentWeek(
  inputs: WeeklyInputs,
  env: ResolvedEnvironment,
  clients: AwsClients,
  onCostRequests: (n: number) => void,
): Promise<EnvironmentWeek> {
  const { window, retry, model } = inputs;
  const gaps: string[] = [];
  const prefix = `${operationsPrefix(env.name)}-`;
  const reasonOf = (part: string) => (r: { ok: false; reason: string }) => gaps.push(`${part}: ${r.reason}`);

  let alarms: AlarmWeek[] = [];
  let silent: string[] = [];
  const history = await attempt(async () => {
    const existing = await existingAlarms(clients, prefix);
    const changes = await alarmStateChanges(clients, [prefix], {
      from: new Date(window.to.getTime() - SILENT_DAYS * DAY_MS),
      to: window.to,
    });
    return { existing, changes };
  });
  if (history.ok) {
    alarms = alarmWeeks(history.value.changes, window);
    silent = silentAlarms(history.value.existing, history.value.changes);
  } else reasonOf('alarms')(history);

  const probes = objectiveProbes(env.name, model.services);
  const slo = await attempt(async () => ({
    week: await budgetSpent(clients, retry, probes, window),
    month: await budgetSpent(clients, retry, probes, {
      from: new Date(window.to.getTime() - SLO_PERIOD_MS),
      to: window.to,
    }),
  }));
  const objectives: ObjectiveWeek[] = [];
  if (slo.ok) {
    slo.value.week.forEach((w, i) => {
      const month = slo.value.month[i];
      objectives.push({
        service: w.service,
        objective: w.objective,
        objectivePercent: w.objectivePercent,
        ...(w.badPercent === undefined ? {} : { attainmentPercent: 100 - w.badPercent }),
        ...(month?.spentPercent === undefined ? {} : { budgetLeftPercent: 100 - month.spentPercent }),
      });
    });
  } else reasonOf('SLOs')(slo);

  const releases: ReleasesWeek[] = [];
  for (const service of model.services) {
    const read = await attempt(() => serviceDeployments(clients, retry, clusterName(env.name), service.name, window));
    if (!read.ok) {
      reasonOf(`releases of ${service.name}`)(read);
      continue;
    }
    const byStatus: Record<string, number> = {};
    for (const d of read.value) byStatus[d.status ?? 'UNKNOWN'] = (byStatus[d.status ?? 'UNKNOWN'] ?? 0) + 1;
    releases.push({ service: service.name, count: read.value.length, byStatus });
  }

  const periods = costPeriods(window.to, inputs.days);
  const cost = await attempt(() =>
    costByTag(clients, retry, { accountIds: [env.account.id], tagKey: TAGS.service, periods }),
  );
  let costWeek: CostWeek | undefined;
  if (cost.ok) {
    onCostRequests(cost.value.requests);
    const sum = (f: (l: CostLine) => number) => cost.value.lines.reduce((s, l) => s + f(l), 0);
    costWeek = {
      lines: cost.value.lines,
      currentUsd: sum((l) => l.currentUsd),
      previousUsd: sum((l) => l.previousUsd),
      current: { start: periods.currentStart, end: periods.end },
    };
  } else reasonOf('cost')(cost);

  return {
    environment: env.name,
    account: env.account.name,
    accountId: env.account.id,
    objectives,
    alarms,
    noisiest: noisiest(alarms),
    silent,
    releases,
    ...(costWeek === undefined ? {} : { cost: costWeek }),
    gaps,
  };
}

/** Every account of the platform, by ID: shared accounts first, then the environments'. */
function platformAccounts(model: LandfallModel): Array<{ name: string; id: string }> {
  const seen = new Map<string, string>();
  for (const a of [model.accounts.management, model.accounts.security, model.accounts.logArchive])
    seen.set(a.id, a.name);
  for (const e of model.environments) if (!seen.has(e.account.id)) seen.set(e.account.id, e.account.name);
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** Read the review. */
export async function weeklyReview(inputs: WeeklyInputs): Promise<WeeklyReview> {
  const { model } = inputs;
  const home = model.platform.homeRegion;
  const gaps: string[] = [];
  let costRequests = 0;
  const environments: EnvironmentWeek[] = [];
  for (const env of inputs.environments) {
    const access = await inputs.access(env.account.id);
    if (!access.ok) {
      gaps.push(`environment ${env.name} (account ${env.account.name}, ${env.account.id}): ${access.reason}`);
      continue;
    }
    environments.push(await environmentWeek(inputs, env, access.value(home), (n) => (costRequests += n)));
  }

  let findings: FindingsByAccount[] | undefined;
  const security = model.accounts.security;
  const access = await inputs.access(security.id);
  if (access.ok) {
    const accounts = platformAccounts(model);
    const read = await attempt(() =>
      openFindings(
        access.value(home),
        accounts.map((a) => a.id),
      ),
    );
    if (read.ok) {
      findings = accounts.map((a) => {
        const mine = read.value.filter((f) => f.accountId === a.id);
        return {
          account: a.name,
          accountId: a.id,
          critical: mine.filter((f) => f.severity === 'CRITICAL').length,
          high: mine.filter((f) => f.severity === 'HIGH').length,
          findings: mine,
        };
      });
    } else gaps.push(`findings (security account ${security.name}): ${read.reason}`);
  } else gaps.push(`findings (security account ${security.name}, ${security.id}): ${access.reason}`);

  return {
    window: inputs.window,
    days: inputs.days,
    environments,
    ...(findings === undefined ? {} : { findings }),
    costRequests,
    gaps,
  };
}
