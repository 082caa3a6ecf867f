/**
 * `landfall review release`'s measurements: per service, the period after its release against the same length of
 * time before it and the same period a week earlier, read from CloudWatch (reads only) and judged by
 * `release-rules.ts`.
 */
import type { ServiceConfig } from '../../config';
import type { RetryOptions } from '../aws/call';
import type { AwsClients } from '../aws/clients';
import { budgetSpent, objectiveProbes } from '../aws/error-budget';
import type { Window } from '../aws/error-budget';
import { measureMetrics, readWindow, windowSeconds } from '../aws/metric-windows';
import type { Measure, MeasureMetric, WindowValues } from '../aws/metric-windows';
import type { Release } from '../aws/service-deployments';
import type { Compared, Figures, Regression } from './release-rules';
import { regressions } from './release-rules';

const WEEK_MS = 7 * 24 * 3600 * 1000;
/** Less than this after the release, and the check cannot say anything yet. */
export const MIN_AFTER_MS = 5 * 60_000;

export const PERIODS = ['after', 'before', 'weekAgo'] as const;
export type PeriodName = (typeof PERIODS)[number];
export type Periods = Readonly<Record<PeriodName, Window>>;

/**
 * The three periods of a release at `at`: after it (`length`, cut at `now`), the same length just before it, and
 * the after period a week earlier.
 */
export function periodsOf(at: Date, length: number, now: Date): Periods {
  const end = new Date(Math.min(at.getTime() + length, now.getTime()));
  const after = { from: at, to: end };
  const span = end.getTime() - at.getTime();
  return {
    after,
    before: { from: new Date(at.getTime() - span), to: at },
    weekAgo: { from: new Date(at.getTime() - WEEK_MS), to: new Date(end.getTime() - WEEK_MS) },
  };
}

/** One line of a service's table. */
export interface ReviewRow {
  readonly label: string;
  readonly values: Compared;
  /** Decimal places shown. */
  readonly digits: number;
}

export interface ServiceReview {
  readonly service: string;
  readonly kind: ServiceConfig['kind'];
  /** When the compared release happened: the latest ECS deployment, or `--at`. */
  readonly release?: Release;
  readonly periods?: Periods;
  readonly rows: readonly ReviewRow[];
  readonly regressions: readonly Regression[];
  /** Why the service was not judged (no release, too early, not deployed). */
  readonly note?: string;
}

type Values = Readonly<Record<PeriodName, WindowValues>>;

function compared(values: Values, metric: MeasureMetric | undefined, per = (n: number) => n): Compared {
  if (metric === undefined) return {};
  const out: Record<string, number> = {};
  for (const p of PERIODS) {
    const v = values[p].get(metric);
    if (v !== undefined) out[p] = per(v);
  }
  return out;
}

function ratio(a: Compared, b: Compared, scale: number): Compared {
  const out: Record<string, number> = {};
  for (const p of PERIODS) {
    const x = a[p] ?? (b[p] === undefined ? undefined : 0);
    const y = b[p];
    if (x !== undefined && y !== undefined && y > 0) out[p] = (scale * x) / y;
  }
  return out;
}

/** Measure and judge one service's release. */
export async function reviewService(
  clients: AwsClients,
  retry: RetryOptions,
  environment: string,
  service: ServiceConfig,
  release: Release,
  periods: Periods,
): Promise<ServiceReview> {
  const base = { service: service.name, kind: service.kind, release, periods };
  if (periods.after.to.getTime() - periods.after.from.getTime() < MIN_AFTER_MS) {
    const minutes = Math.floor((periods.after.to.getTime() - periods.after.from.getTime()) / 60_000);
    return {
      ...base,
      rows: [],
      regressions: [],
      note: `only ${minutes} min since the release: too early to compare (at least ${MIN_AFTER_MS / 60_000} min; --wait waits)`,
    };
  }
  const metrics = await measureMetrics(clients, retry, environment, [service]);
  if (metrics.length === 0) {
    return { ...base, rows: [], regressions: [], note: 'no alarms of the service found: is it deployed?' };
  }
  const values: Record<string, WindowValues> = {};
  for (const p of PERIODS) values[p] = await readWindow(clients, retry, metrics, periods[p]);
  const v = values as Values;
  const of = (measure: Measure) => metrics.find((m) => m.measure === measure);
  const get = (measure: Measure) => compared(v, of(measure));
  const requests = get('requests');
  const errors5xx = get('errors5xx');
  const figures: Figures = {
    requests,
    errors5xx,
    server5xxPercent: ratio(errors5xx, requests, 100),
    p99Ms: get('p99Ms'),
    cpuPercent: get('cpuPercent'),
    memoryPercent: get('memoryPercent'),
    oldestAgeSeconds: get('oldestAgeSeconds'),
  };
  const rows: ReviewRow[] =
    service.kind === 'web'
      ? [
          {
            label: 'requests/min',
            values: Object.fromEntries(
              PERIODS.flatMap((p) =>
                requests[p] === undefined ? [] : [[p, (requests[p] * 60) / windowSeconds(periods[p])]],
              ),
            ),
            digits: 1,
          },
          { label: '5xx share (%)', values: figures.server5xxPercent, digits: 3 },
          { label: 'p50 latency (ms)', values: get('p50Ms'), digits: 0 },
          { label: 'p99 latency (ms)', values: figures.p99Ms, digits: 0 },
          ...(await burnRows(clients, retry, environment, service, periods)),
        ]
      : [
          { label: 'backlog (max waiting)', values: get('backlog'), digits: 0 },
          { label: 'oldest message (s)', values: figures.oldestAgeSeconds, digits: 0 },
        ];
  rows.push(
    { label: 'CPU (avg %)', values: figures.cpuPercent, digits: 1 },
    { label: 'memory (avg %)', values: figures.memoryPercent, digits: 1 },
  );
  return { ...base, rows, regressions: regressions(service, figures) };
}

/**
 * The error budget burn rate of each objective per period (1 spends the 30-day budget in 30 days), measured with
 * the burn-rate alarms' own queries (`error-budget.ts`).
 */
async function burnRows(
  clients: AwsClients,
  retry: RetryOptions,
  environment: string,
  service: ServiceConfig,
  periods: Periods,
): Promise<ReviewRow[]> {
  const probes = objectiveProbes(environment, [service]);
  const burns = new Map<string, Record<string, number>>();
  for (const p of PERIODS) {
    for (const spent of await budgetSpent(clients, retry, probes, periods[p])) {
      const row = burns.get(spent.objective) ?? {};
      if (spent.badPercent !== undefined) row[p] = spent.badPercent / (100 - spent.objectivePercent);
      burns.set(spent.objective, row);
    }
  }
  return probes.map((probe) => ({
    label: `${probe.objective} burn rate (x)`,
    values: burns.get(probe.objective) ?? {},
    digits: 2,
  }));
}
