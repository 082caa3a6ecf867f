/**
 * A service's metrics summed, averaged or maxed over whole time windows (one value per window), read-only: for
 * `landfall review release`'s before/after comparison.
 *
 * Which CloudWatch metric (namespace, dimensions) a measure reads comes from the deployed alarms, which
 * `constructs/service-metrics.ts` defines: the load balancer's dimensions need the target group's generated name,
 * so only the alarms know them (as for the dashboard in another stack, and the error budget in `error-budget.ts`).
 * This file only says which alarm holds which measure's metric and which statistic summarizes a window.
 */
import { DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { Metric, MetricAlarm, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { ServiceConfig } from '../../config';
import { alarmName } from '../../plan/alarm-names';
import type { COMMON_ALARM_KINDS, WEB_ALARM_KINDS, WORKER_ALARM_KINDS } from '../../plan/alarm-names';
import { call } from './call';
import type { RetryOptions } from './call';
import type { AwsClients } from './clients';
import type { Window } from './error-budget';

export type Measure =
  'requests' | 'errors5xx' | 'p50Ms' | 'p99Ms' | 'cpuPercent' | 'memoryPercent' | 'backlog' | 'oldestAgeSeconds';

type AlarmKind =
  (typeof WEB_ALARM_KINDS)[number] | (typeof WORKER_ALARM_KINDS)[number] | (typeof COMMON_ALARM_KINDS)[number];

interface MeasureSource {
  /** The alarm whose metric the measure reads. */
  readonly alarm: AlarmKind;
  /** The AWS metric of that alarm (an alarm on an expression holds several). */
  readonly metricName: string;
  /** How a whole window is summarized. */
  readonly stat: 'Sum' | 'Average' | 'Maximum' | 'p50' | 'p99';
  /** Factor from CloudWatch's unit to the measure's (TargetResponseTime is in seconds). @default 1 */
  readonly scale?: number;
}

/** Every measure, the alarm that holds its metric and how a window is summarized. */
export const MEASURE_SOURCES: Readonly<Record<Measure, MeasureSource>> = {
  requests: { alarm: 'server-errors', metricName: 'RequestCount', stat: 'Sum' },
  errors5xx: { alarm: 'server-errors', metricName: 'HTTPCode_Target_5XX_Count', stat: 'Sum' },
  p50Ms: { alarm: 'p99-latency', metricName: 'TargetResponseTime', stat: 'p50', scale: 1000 },
  p99Ms: { alarm: 'p99-latency', metricName: 'TargetResponseTime', stat: 'p99', scale: 1000 },
  cpuPercent: { alarm: 'cpu-high', metricName: 'CPUUtilization', stat: 'Average' },
  memoryPercent: { alarm: 'memory-high', metricName: 'MemoryUtilization', stat: 'Average' },
  backlog: { alarm: 'backlog-stalled', metricName: 'ApproximateNumberOfMessagesVisible', stat: 'Maximum' },
  oldestAgeSeconds: { alarm: 'message-age', metricName: 'ApproximateAgeOfOldestMessage', stat: 'Maximum' },
};

/** The measures of a kind of service, in report order. */
export const SERVICE_MEASURES: Readonly<Record<ServiceConfig['kind'], readonly Measure[]>> = {
  web: ['requests', 'errors5xx', 'p50Ms', 'p99Ms', 'cpuPercent', 'memoryPercent'],
  worker: ['backlog', 'oldestAgeSeconds', 'cpuPercent', 'memoryPercent'],
};

/** A measure's metric as deployed. */
export interface MeasureMetric {
  readonly service: string;
  readonly measure: Measure;
  readonly metric: Metric;
}

/** The metrics of an alarm: its own (an alarm on one metric) or those its expression uses. */
export function alarmMetrics(alarm: MetricAlarm): Metric[] {
  if (alarm.MetricName !== undefined) {
    return [{ Namespace: alarm.Namespace, MetricName: alarm.MetricName, Dimensions: alarm.Dimensions }];
  }
  return (alarm.Metrics ?? []).flatMap((q) => (q.MetricStat?.Metric ? [q.MetricStat.Metric] : []));
}

/**
 * The deployed metric of every measure of the services, read from their alarms' definitions (DescribeAlarms).
 * A measure whose alarm is missing (a service not deployed yet) is left out.
 */
export async function measureMetrics(
  clients: AwsClients,
  retry: RetryOptions,
  environment: string,
  services: readonly Pick<ServiceConfig, 'name' | 'kind'>[],
): Promise<MeasureMetric[]> {
  const wanted = services.flatMap((s) =>
    SERVICE_MEASURES[s.kind].map((measure) => ({
      service: s.name,
      measure,
      alarm: alarmName(environment, s.name, MEASURE_SOURCES[measure].alarm),
    })),
  );
  const names = [...new Set(wanted.map((w) => w.alarm))];
  const alarms = new Map<string, MetricAlarm>();
  // DescribeAlarms takes at most 100 names per call.
  for (let i = 0; i < names.length; i += 100) {
    const page = await call(
      'cloudwatch:DescribeAlarms',
      () => clients.cloudWatch.send(new DescribeAlarmsCommand({ AlarmNames: names.slice(i, i + 100) })),
      retry,
    );
    for (const a of page.MetricAlarms ?? []) alarms.set(a.AlarmName ?? '', a);
  }
  return wanted.flatMap((w) => {
    const alarm = alarms.get(w.alarm);
    const metric = alarm && alarmMetrics(alarm).find((m) => m.MetricName === MEASURE_SOURCES[w.measure].metricName);
    return metric ? [{ service: w.service, measure: w.measure, metric }] : [];
  });
}

/** One value per measure over a window; `undefined` where CloudWatch has no data point. */
export type WindowValues = ReadonlyMap<MeasureMetric, number | undefined>;

/** A window's length in whole minutes (CloudWatch periods are multiples of 60 seconds), at least one. */
export function windowSeconds(window: Window): number {
  return Math.max(60, Math.ceil((window.to.getTime() - window.from.getTime()) / 60_000) * 60);
}

function combine(stat: MeasureSource['stat'], values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  if (stat === 'Sum') return values.reduce((a, b) => a + b, 0);
  if (stat === 'Maximum') return Math.max(...values);
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * Every measure over the window, the whole window as one period (GetMetricData, at most 500 queries a call). A
 * window CloudWatch splits into several data points anyway is combined: sums add, maxima take the largest, averages
 * and percentiles are averaged.
 */
export async function readWindow(
  clients: AwsClients,
  retry: RetryOptions,
  metrics: readonly MeasureMetric[],
  window: Window,
): Promise<WindowValues> {
  const seconds = windowSeconds(window);
  const values = new Map<MeasureMetric, number | undefined>();
  for (let i = 0; i < metrics.length; i += 500) {
    const batch = metrics.slice(i, i + 500);
    const queries: MetricDataQuery[] = batch.map((m, j) => ({
      Id: `m${j}`,
      MetricStat: { Metric: m.metric, Period: seconds, Stat: MEASURE_SOURCES[m.measure].stat },
      ReturnData: true,
    }));
    const data = await call(
      'cloudwatch:GetMetricData',
      () =>
        clients.cloudWatch.send(
          new GetMetricDataCommand({
            MetricDataQueries: queries,
            StartTime: window.from,
            EndTime: new Date(window.from.getTime() + seconds * 1000),
          }),
        ),
      retry,
    );
    const byId = new Map((data.MetricDataResults ?? []).map((r) => [r.Id ?? '', r.Values ?? []]));
    batch.forEach((m, j) => {
      const source = MEASURE_SOURCES[m.measure];
      const value = combine(source.stat, byId.get(`m${j}`) ?? []);
      values.set(m, value === undefined ? undefined : value * (source.scale ?? 1));
    });
  }
  return values;
}
