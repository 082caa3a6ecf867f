import type { CostLine, Range } from './model';

/** The lines of one item in one stack (all its NAT gateways, all its alarms), as reports show them. */
export interface LineGroup {
  readonly key: string;
  readonly environment: string;
  readonly service: string;
  readonly account: string;
  readonly stack: string;
  readonly item: string;
  /** How many resources the group has. */
  readonly resources: number;
  readonly quantity: string;
  readonly assumption: string;
  readonly monthlyUsd: Range;
}

/** Sum `3 metrics` and `1 metric`-style quantities that share a unit; otherwise say how many resources. */
function groupQuantity(lines: readonly CostLine[]): string {
  if (lines.length === 1) return lines[0].quantity;
  const parsed = lines.map((l) => /^(\d+(?:\.\d+)?) (\S+)$/.exec(l.quantity));
  const units = new Set(parsed.map((m) => (m === null ? null : m[2].replace(/s$/, ''))));
  if (parsed.every((m) => m !== null) && units.size === 1) {
    const total = parsed.reduce((s, m) => s + Number(m?.[1] ?? 0), 0);
    const unit = [...units][0] ?? '';
    return `${total.toLocaleString('en-US')} ${unit}${total === 1 ? '' : 's'}`;
  }
  const same = lines.every((l) => l.quantity === lines[0].quantity);
  return same ? `${lines.length} x ${lines[0].quantity}` : `${lines.length} resources`;
}

function groupAssumption(lines: readonly CostLine[]): string {
  const distinct = [...new Set(lines.map((l) => l.assumption))];
  if (distinct.length === 1) return lines.length === 1 ? distinct[0] : `each: ${distinct[0]}`;
  return `${lines.length} resources, each priced as --format json shows`;
}

/** Lines grouped by stack and item, in stack order. */
export function groupLines(lines: readonly CostLine[]): LineGroup[] {
  const groups = new Map<string, CostLine[]>();
  for (const l of lines) {
    const key = `${l.stack}|${l.service}|${l.item}`;
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  return [...groups.entries()]
    .map(([key, ls]): LineGroup => ({
      key,
      environment: ls[0].environment,
      service: ls[0].service,
      account: ls[0].account,
      stack: ls[0].stack,
      item: ls[0].item,
      resources: new Set(ls.map((l) => l.resource)).size,
      quantity: groupQuantity(ls),
      assumption: groupAssumption(ls),
      monthlyUsd: ls.reduce((s, l) => ({ low: s.low + l.monthlyUsd.low, high: s.high + l.monthlyUsd.high }), {
        low: 0,
        high: 0,
      }),
    }))
    .sort(
      (a, b) => a.stack.localeCompare(b.stack) || a.service.localeCompare(b.service) || a.item.localeCompare(b.item),
    );
}
