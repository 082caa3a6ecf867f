/**
 * What AWS remembers of an incident window, read-only: the state changes of the services' alarms (CloudWatch alarm
 * history), their releases (ECS service deployments), and the error budget the window spent, measured with the
 * metric queries of the deployed burn-rate alarms themselves (so no target group has to be looked up).
 */
import { DescribeAlarmsCommand, GetMetricDataCommand, paginateDescribeAlarmHistory } from '@aws-sdk/client-cloudwatch';
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { ListServiceDeploymentsCommand } from '@aws-sdk/client-ecs';
import type { ServiceDeploymentBrief } from '@aws-sdk/client-ecs';
import { SLO_PERIOD_DAYS } from '../../../constructs/burn-rate-windows';
import { call, collect } from '../aws/call';
import type { RetryOptions } from '../aws/call';
import type { AwsClients } from '../aws/clients';
import type { BudgetSpent, TimelineEntry } from './postmortem';

export interface Window {
  readonly from: Date;
  readonly to: Date;
}

/** Burn-rate window alarms (`...-long`, `...-short`) only feed their composites: the timeline leaves them out. */
const isWindowInput = (name: string) => /-(long|short)$/.test(name);

/**
 * The state changes of alarms whose names start with one of `prefixes` (`landfall-prod-api-`), oldest first.
 * DescribeAlarmHistory filters by one alarm name or none, so the prefix filter runs here.
 */
export async function alarmTimeline(
  clients: AwsClients,
  prefixes: readonly string[],
  window: Window,
): Promise<TimelineEntry[]> {
  const items = await collect(
    'cloudwatch:DescribeAlarmHistory',
    paginateDescribeAlarmHistory(
      { client: clients.cloudWatch },
      {
        HistoryItemType: 'StateUpdate',
        StartDate: window.from,
        EndDate: window.to,
        ScanBy: 'TimestampAscending',
      },
    ),
    (page) => page.AlarmHistoryItems,
  );
  return items
    .filter((i) => {
      const name = i.AlarmName ?? '';
      return prefixes.some((p) => name.startsWith(p)) && !isWindowInput(name);
    })
    .map((i) => ({ at: i.Timestamp ?? window.from, text: `${i.AlarmName}: ${i.HistorySummary ?? 'state changed'}` }));
}

/** The deployments of one ECS service that started in the window (ListServiceDeployments), as timeline entries. */
export async function releases(
  clients: AwsClients,
  retry: RetryOptions,
  cluster: string,
  service: string,
  window: Window,
): Promise<TimelineEntry[]> {
  const found: ServiceDeploymentBrief[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call(
      'ecs:ListServiceDeployments',
      () =>
        clients.ecs.send(
          new ListServiceDeploymentsCommand({
            cluster,
            service,
            createdAt: { after: window.from, before: window.to },
            ...(nextToken === undefined ? {} : { nextToken }),
          }),
        ),
      retry,
    );
    found.push(...(page.serviceDeployments ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return found.flatMap((d) => {
    const revision = d.targetServiceRevisionArn?.split('/').pop() ?? 'a new revision';
    const started = d.startedAt ?? d.createdAt;
    const entries: TimelineEntry[] = [];
    if (started) entries.push({ at: started, text: `release of ${service} started (revision ${revision})` });
    if (d.finishedAt) {
      entries.push({
        at: d.finishedAt,
        text: `release of ${service} ended: ${d.status ?? 'UNKNOWN'}${d.statusReason ? ` (${d.statusReason})` : ''}`,
      });
    }
    return entries;
  });
}

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
    const spent = ((bad / (100 - probe.objectivePercent)) * seconds * 100) / (SLO_PERIOD_DAYS * 24 * 3600);
    out.push({ ...base, badPercent: bad, spentPercent: spent });
  }
  return out;
}
