import { groupLines } from './groups';
import type { CostEstimate, Range } from './model';

/** The cost of one group of lines (or one service) before and after a change. */
export interface CostChange {
  readonly key: string;
  readonly environment: string;
  readonly service: string;
  /** Stack and item, for resource changes. */
  readonly stack?: string;
  readonly item?: string;
  readonly before: { readonly resources: number; readonly monthlyUsd: Range };
  readonly after: { readonly resources: number; readonly monthlyUsd: Range };
  readonly delta: Range;
}

export interface CostComparison {
  /** Per stack and item (NAT gateways, alarms, tasks ...): only those whose count or cost changed. */
  readonly resources: readonly CostChange[];
  /** Per environment and service: only those that changed. */
  readonly services: readonly CostChange[];
  readonly before: Range;
  readonly after: Range;
  readonly delta: Range;
  /** Unknown resource types whose count changed (the change may cost more than the estimate shows). */
  readonly unknown: ReadonlyArray<{ readonly type: string; readonly before: number; readonly after: number }>;
}

const ZERO: Range = { low: 0, high: 0 };
const CENT = 0.005;
const diff = (a: Range, b: Range): Range => ({ low: a.low - b.low, high: a.high - b.high });
const changed = (d: Range) => Math.abs(d.low) >= CENT || Math.abs(d.high) >= CENT;

/** What a change does to the estimate: `after` is the pull request, `before` its base. Pure. */
export function compare(before: CostEstimate, after: CostEstimate): CostComparison {
  const pair = <T extends { key: string }>(a: readonly T[], b: readonly T[]) => {
    const keys = [...new Set([...a.map((x) => x.key), ...b.map((x) => x.key)])].sort();
    return keys.map((k) => [a.find((x) => x.key === k), b.find((x) => x.key === k)] as const);
  };
  const resources: CostChange[] = [];
  for (const [was, now] of pair(groupLines(before.lines), groupLines(after.lines))) {
    const ref = (now ?? was)!;
    const b = { resources: was?.resources ?? 0, monthlyUsd: was?.monthlyUsd ?? ZERO };
    const a = { resources: now?.resources ?? 0, monthlyUsd: now?.monthlyUsd ?? ZERO };
    const delta = diff(a.monthlyUsd, b.monthlyUsd);
    if (!changed(delta) && a.resources === b.resources) continue;
    resources.push({
      key: ref.key,
      environment: ref.environment,
      service: ref.service,
      stack: ref.stack,
      item: ref.item,
      before: b,
      after: a,
      delta,
    });
  }
  const services: CostChange[] = [];
  for (const [was, now] of pair(before.totals.byService, after.totals.byService)) {
    const ref = (now ?? was)!;
    const count = (env: CostEstimate) =>
      new Set(
        env.lines.filter((l) => `${l.environment}/${l.service}` === ref.key).map((l) => `${l.stack}|${l.resource}`),
      ).size;
    const b = { resources: count(before), monthlyUsd: was?.monthlyUsd ?? ZERO };
    const a = { resources: count(after), monthlyUsd: now?.monthlyUsd ?? ZERO };
    const delta = diff(a.monthlyUsd, b.monthlyUsd);
    if (!changed(delta)) continue;
    services.push({
      key: ref.key,
      environment: ref.environment ?? '?',
      service: ref.service ?? '-',
      before: b,
      after: a,
      delta,
    });
  }
  const unknownCount = (e: CostEstimate, type: string) =>
    e.unknown.filter((u) => u.type === type).reduce((s, u) => s + u.count, 0);
  const types = [...new Set([...before.unknown, ...after.unknown].map((u) => u.type))].sort();
  const unknown = types
    .map((type) => ({ type, before: unknownCount(before, type), after: unknownCount(after, type) }))
    .filter((u) => u.before !== u.after);
  return {
    resources,
    services,
    before: before.totals.all,
    after: after.totals.all,
    delta: diff(after.totals.all, before.totals.all),
    unknown,
  };
}
