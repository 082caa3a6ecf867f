/**
 * What `landfall review release` calls a regression: rules derived from each service's SLO and alarm thresholds in
 * its config, pure (no AWS). A measure regresses only when it is worse than both the period before the release and
 * the same period a week earlier (those that have data), and beyond a threshold of the service's own config, so a
 * release that keeps yesterday's bad day is not blamed for it, and a quiet environment does not flag noise.
 */
import { resolveWebOperations, resolveWorkerOperations } from '../../config';
import type { ServiceConfig } from '../../config';

/** Fewer requests than this after the release, and the 5xx and latency rules do not judge (too little traffic). */
export const MIN_REQUESTS = 100;
/** Fewer 5xx responses than this after the release, and the 5xx rule does not judge. */
export const MIN_ERRORS = 5;
/** The 5xx share regresses above this many times the error budget rate (100% - availability objective). */
export const ERROR_BUDGET_FACTOR = 2;
/** p99 latency regresses when it is this much worse (as a fraction) than the worse baseline. */
export const LATENCY_MARGIN = 0.2;

/** A measure's values in the three periods; `undefined` where CloudWatch has no data. */
export interface Compared {
  readonly after?: number;
  readonly before?: number;
  readonly weekAgo?: number;
}

/** The figures of one service the rules judge. */
export interface Figures {
  readonly requests: Compared;
  readonly server5xxPercent: Compared;
  readonly errors5xx: Compared;
  readonly p99Ms: Compared;
  readonly cpuPercent: Compared;
  readonly memoryPercent: Compared;
  readonly oldestAgeSeconds: Compared;
}

/** A regression: the measure, what it was, and the rule it broke. */
export interface Regression {
  readonly measure: string;
  readonly text: string;
}

/** The worse of the baselines that have data; 0 when neither has. */
const baseline = (c: Compared) => Math.max(c.before ?? 0, c.weekAgo ?? 0);
const fmt = (n: number | undefined, digits = 2) => (n === undefined ? 'no data' : `${Number(n.toFixed(digits))}`);
const baselines = (c: Compared, unit: string) =>
  `before ${fmt(c.before)}${c.before === undefined ? '' : unit}, a week ago ${fmt(c.weekAgo)}${c.weekAgo === undefined ? '' : unit}`;

/** The rules of one service, as the help and the docs state them. */
export function describeRules(service: ServiceConfig): string[] {
  if (service.kind === 'web') {
    const ops = resolveWebOperations(service);
    const budget = 100 - ops.availabilityPercent;
    return [
      `5xx share above ${fmt(ERROR_BUDGET_FACTOR * budget, 3)}% (${ERROR_BUDGET_FACTOR} x the error budget rate of ${ops.availabilityPercent}%) and ${fmt(budget, 3)} points above both baselines, with at least ${MIN_REQUESTS} requests and ${MIN_ERRORS} 5xx`,
      `p99 latency above ${ops.latencyTargetMs} ms (slo.latencyTargetMs) and ${LATENCY_MARGIN * 100}% above both baselines, with at least ${MIN_REQUESTS} requests`,
      `CPU at least ${ops.cpuPercent}% or memory at least ${ops.memoryPercent}% (the alarm thresholds) and above both baselines`,
    ];
  }
  const ops = resolveWorkerOperations(service);
  return [
    `oldest message at least ${ops.maxMessageAgeSeconds} s (the message-age alarm's threshold) and older than both baselines`,
    `CPU at least ${ops.cpuPercent}% or memory at least ${ops.memoryPercent}% (the alarm thresholds) and above both baselines`,
  ];
}

function saturation(cpu: Compared, memory: Compared, cpuLimit: number, memoryLimit: number): Regression[] {
  const out: Regression[] = [];
  for (const [measure, c, limit] of [
    ['CPU', cpu, cpuLimit],
    ['memory', memory, memoryLimit],
  ] as const) {
    if (c.after !== undefined && c.after >= limit && c.after > baseline(c)) {
      out.push({
        measure,
        text: `${measure} ${fmt(c.after, 1)}% (${baselines(c, '%')}; the alarm threshold is ${limit}%)`,
      });
    }
  }
  return out;
}

/** The regressions of one service after its release; none when traffic was too low to judge. */
export function regressions(service: ServiceConfig, f: Figures): Regression[] {
  if (service.kind === 'worker') {
    const ops = resolveWorkerOperations(service);
    const age = f.oldestAgeSeconds;
    const out: Regression[] = [];
    if (age.after !== undefined && age.after >= ops.maxMessageAgeSeconds && age.after > baseline(age)) {
      out.push({
        measure: 'oldest message',
        text: `oldest message ${fmt(age.after, 0)} s (${baselines(age, ' s')}; the message-age alarm fires at ${ops.maxMessageAgeSeconds} s)`,
      });
    }
    return [...out, ...saturation(f.cpuPercent, f.memoryPercent, ops.cpuPercent, ops.memoryPercent)];
  }
  const ops = resolveWebOperations(service);
  const out: Regression[] = [];
  const enoughTraffic = (f.requests.after ?? 0) >= MIN_REQUESTS;
  const budget = 100 - ops.availabilityPercent;
  const share = f.server5xxPercent;
  if (
    enoughTraffic &&
    (f.errors5xx.after ?? 0) >= MIN_ERRORS &&
    share.after !== undefined &&
    share.after > ERROR_BUDGET_FACTOR * budget &&
    share.after >= baseline(share) + budget
  ) {
    out.push({
      measure: '5xx share',
      text: `5xx share ${fmt(share.after, 3)}% (${baselines(share, '%')}; allowed up to ${fmt(ERROR_BUDGET_FACTOR * budget, 3)}%, ${ERROR_BUDGET_FACTOR} x the error budget of ${ops.availabilityPercent}%)`,
    });
  }
  const p99 = f.p99Ms;
  if (
    enoughTraffic &&
    p99.after !== undefined &&
    p99.after > ops.latencyTargetMs &&
    p99.after > baseline(p99) * (1 + LATENCY_MARGIN)
  ) {
    out.push({
      measure: 'p99 latency',
      text: `p99 latency ${fmt(p99.after, 0)} ms (${baselines(p99, ' ms')}; the latency objective is ${ops.latencyTargetMs} ms)`,
    });
  }
  return [...out, ...saturation(f.cpuPercent, f.memoryPercent, ops.cpuPercent, ops.memoryPercent)];
}
