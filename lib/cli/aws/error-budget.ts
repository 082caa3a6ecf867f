/**
 * The error budget a time window spent, per web service and objective, measured with the metric queries of the
 * deployed burn-rate alarms themselves (so no target group has to be looked up): for `landfall incident new`'s
 * impact and the release freeze of `landfall deploy-window check --error-budgets`. Reads only.
 */
import { DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { SLO_PERIOD_DAYS } from '../../../constructs/burn-rate-windows';
import type { ServiceConfig } from '../../config';
import { resolveWebOperations } from '../../config';
import { alarmName } from '../../plan/alarm-names';
import { call } from './call';
import type { RetryOptions } from './call';
import type { AwsClients } from './clients';

export interface Window {
  readonly from: Date;
  readonly to: Date;
}

/** Share of a service's 30-day error budget that a window spent, for one objective. */
export interface BudgetSpent {
  readonly service: string;
  /** `availability` (5xx) or `latency` (slower than the target). */
  readonly objective: string;
  /** The objective, in percent of good events (99.9). */
  readonly objectivePercent: number;
  /** Bad events over the window, in percent of all events; `undefined` when there was no traffic. */
  readonly badPercent?: number;
  /** Percent of the 30-day budget the window spent (assuming the window's traffic is the period's average). */
  readonly spentPercent?: number;
}

/** The 30-day SLO period of the burn-rate alarms, in milliseconds. */
export const SLO_PERIOD_MS = SLO_PERIOD_DAYS * 24 * 3600 * 1000;

/** An objective of a web service and the burn-rate window alarm whose query measures its bad-event percentage. */
export interface ObjectiveProbe {
  readonly service: string;
  readonly objective: string;
  readonly objectivePercent: number;
  /** A window alarm of the objective (`landfall-prod-api-availability-burn-fast-short`). */
  readonly alarmName: string;
}

/** The alarm's queries with every metric's period set to `seconds`: one value for the whole window. */
function overWindow(queries: readonly MetricDataQuery[], seconds: number): MetricDataQuery[] {
  return queries.map((q) => ({
    ...q,
    ...(q.MetricStat ? { MetricStat: { ...q.MetricStat, Period: seconds } } : {}),
    ...(q.Period === undefined ? {} : { Period: seconds }),
  }));
}

/**
 * Bad events over the window in percent (the alarm's own expression, its metrics summed over the whole window) and
 * the share of the 30-day error budget that is: bad% / (100 - objective%) x window / 30 days.
 */
export async function budgetSpent(
  clients: AwsClients,
  retry: RetryOptions,
  probes: readonly ObjectiveProbe[],
  window: Window,
): Promise<BudgetSpent[]> {
  if (probes.length === 0) return [];
  const described = await call(
    'cloudwatch:DescribeAlarms',
    () => clients.cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: probes.map((p) => p.alarmName) })),
    retry,
  );
  const byName = new Map((described.MetricAlarms ?? []).map((a) => [a.AlarmName ?? '', a]));
  const seconds = Math.max(60, Math.ceil((window.to.getTime() - window.from.getTime()) / 60_000) * 60);
  const out: BudgetSpent[] = [];
  for (const probe of probes) {
    const base = { service: probe.service, objective: probe.objective, objectivePercent: probe.objectivePercent };
    const queries = byName.get(probe.alarmName)?.Metrics;
    if (queries === undefined || queries.length === 0) {
      out.push(base);
      continue;
    }
    const data = await call(
      'cloudwatch:GetMetricData',
      () =>
        clients.cloudWatch.send(
          new GetMetricDataCommand({
            MetricDataQueries: overWindow(queries, seconds),
            StartTime: window.from,
            EndTime: new Date(window.from.getTime() + seconds * 1000),
          }),
        ),
      retry,
    );
    const result = (data.MetricDataResults ?? []).find((r) => (r.Values ?? []).length > 0);
    const bad = result?.Values?.[0];
    if (bad === undefined) {
      out.push(base);
      continue;
    }
    const spent = ((bad / (100 - probe.objectivePercent)) * seconds * 100) / (SLO_PERIOD_MS / 1000);
    out.push({ ...base, badPercent: bad, spentPercent: spent });
  }
  return out;
}

/** The availability and latency objectives of the web services, each measured by its fast burn's short window. */
export function objectiveProbes(environment: string, services: readonly ServiceConfig[]): ObjectiveProbe[] {
  return services.flatMap((s) => {
    if (s.kind !== 'web') return [];
    const slo = resolveWebOperations(s);
    return [
      { objective: 'availability', objectivePercent: slo.availabilityPercent },
      { objective: 'latency', objectivePercent: slo.latencyPercent },
    ].map((o) => ({
      ...o,
      service: s.name,
      alarmName: alarmName(environment, s.name, `${o.objective}-burn-fast-short`),
    }));
  });
}
