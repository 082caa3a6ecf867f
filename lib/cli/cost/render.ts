import { plural } from '../assembly';
import type { Column } from '../table';
import { table } from '../table';
import type { CostChange, CostComparison } from './compare';
import type { LineGroup } from './groups';
import { groupLines } from './groups';
import type { CostEstimate, ExternalItem, FreeType, Range, Total, UnknownType } from './model';

export type TextFormat = 'text' | 'md';

/** USD with cents and thousands separators: `$1,234.50`. */
export function money(usd: number): string {
  const cents = Math.round(usd * 100) / 100;
  const sign = cents < 0 ? '-' : '';
  return `${sign}$${Math.abs(cents).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** `$45.26`, or `$45.26 to $90.10` when the ends differ. */
export function span(r: Range): string {
  return money(r.low) === money(r.high) ? money(r.low) : `${money(r.low)} to ${money(r.high)}`;
}

function signed(usd: number): string {
  const text = money(usd);
  return usd >= 0.005 ? `+${text}` : text;
}

/** "this change costs $12.40 a month more" (or less), from the idle figure, with the high end beside it. */
export function headline(delta: Range): string {
  const low = Math.round(delta.low * 100) / 100;
  const high = Math.round(delta.high * 100) / 100;
  if (low === 0 && high === 0) return 'This change does not change the estimated monthly cost.';
  const direction = (v: number) => (v >= 0 ? 'more' : 'less');
  const idle =
    low === 0
      ? 'nothing more idle'
      : `${money(Math.abs(low))} a month ${direction(low)} idle (at the minimum task counts)`;
  const top = high === 0 ? 'the same at the maximum' : `${money(Math.abs(high))} ${direction(high)} at the maximum`;
  return `This change costs ${idle}; ${top}.`;
}

const heading = (format: TextFormat, text: string, level: number) =>
  format === 'md' ? `${'#'.repeat(level)} ${text}` : level <= 2 ? `${text}\n${'='.repeat(text.length)}` : text;

const ENV_COLUMNS: readonly Column<Total>[] = [
  { header: 'environment', value: (t) => t.key },
  { header: 'accounts', value: (t) => t.covers.join(', ') },
  { header: 'idle/month', value: (t) => money(t.monthlyUsd.low), right: true },
  { header: 'up to/month', value: (t) => money(t.monthlyUsd.high), right: true },
];
const SERVICE_COLUMNS: readonly Column<Total>[] = [
  { header: 'environment', value: (t) => t.environment ?? '-' },
  { header: 'service', value: (t) => t.service ?? '-' },
  { header: 'idle/month', value: (t) => money(t.monthlyUsd.low), right: true },
  { header: 'up to/month', value: (t) => money(t.monthlyUsd.high), right: true },
];
const ACCOUNT_COLUMNS: readonly Column<Total>[] = [
  { header: 'account', value: (t) => t.key },
  { header: 'environments', value: (t) => t.covers.join(', ') },
  { header: 'idle/month', value: (t) => money(t.monthlyUsd.low), right: true },
  { header: 'up to/month', value: (t) => money(t.monthlyUsd.high), right: true },
];
const LINE_COLUMNS: readonly Column<LineGroup>[] = [
  { header: 'service', value: (g) => g.service },
  { header: 'stack', value: (g) => g.stack },
  { header: 'item', value: (g) => g.item },
  { header: 'quantity', value: (g) => g.quantity },
  { header: 'idle/month', value: (g) => money(g.monthlyUsd.low), right: true },
  { header: 'up to/month', value: (g) => money(g.monthlyUsd.high), right: true },
  { header: 'how', value: (g) => g.assumption },
];
const UNKNOWN_COLUMNS: readonly Column<UnknownType>[] = [
  { header: 'type', value: (u) => u.type },
  { header: 'count', value: (u) => u.count, right: true },
  { header: 'why not priced', value: (u) => u.reason },
  { header: 'stacks', value: (u) => u.stacks.join(', ') },
];
const EXTERNAL_COLUMNS: readonly Column<ExternalItem>[] = [
  { header: 'secret', value: (x) => x.value },
  { header: 'read by', value: (x) => x.stacks.join(', ') },
  { header: 'list price/month', value: (x) => money(x.monthlyUsd), right: true },
];
const FREE_COLUMNS: readonly Column<FreeType>[] = [
  { header: 'type', value: (f) => f.type },
  { header: 'count', value: (f) => f.count, right: true },
  { header: 'why free', value: (f) => f.reason },
];

/** The estimate as text (terminal) or Markdown (job summary). */
export function renderEstimate(e: CostEstimate, format: TextFormat, options: { lines?: boolean } = {}): string {
  const all = e.totals.all;
  const out = [
    heading(format, 'Monthly cost estimate', 2),
    '',
    `${span(all)} a month in ${e.prices.currency} list prices (${e.prices.file}, read ${e.prices.read}). ` +
      'Idle: every service at its minimum task count; up to: at its maximum, with rotated keys and the high end of usage ranges.',
    '',
    heading(format, 'By environment', 3),
    '',
    table([...e.totals.byEnvironment, { key: 'total', covers: [], monthlyUsd: all }], ENV_COLUMNS, format),
    '',
    heading(format, 'By service', 3),
    '',
    table(
      e.totals.byService.filter((t) => t.service !== '-'),
      SERVICE_COLUMNS,
      format,
    ),
    '',
    heading(format, 'By account', 3),
    '',
    table(e.totals.byAccount, ACCOUNT_COLUMNS, format),
    '',
  ];
  if (options.lines ?? true) {
    const groups = groupLines(e.lines);
    for (const env of e.totals.byEnvironment) {
      out.push(
        heading(format, `${env.key} (${env.covers.join(', ')}): ${span(env.monthlyUsd)} a month`, 3),
        '',
        table(
          groups.filter((g) => g.environment === env.key),
          LINE_COLUMNS,
          format,
        ),
        '',
      );
    }
  }
  const unknownCount = e.unknown.reduce((s, u) => s + u.count, 0);
  out.push(
    heading(format, `Not priced (${plural(unknownCount, 'resource')} of ${plural(e.unknown.length, 'kind')})`, 3),
    '',
    e.unknown.length === 0 ? 'None.' : table(e.unknown, UNKNOWN_COLUMNS, format),
    '',
    heading(
      format,
      `Read but not created by these stacks (not in the totals): ${plural(e.external.length, 'secret')}`,
      3,
    ),
    '',
    e.external.length === 0 ? 'None.' : table(e.external, EXTERNAL_COLUMNS, format),
    '',
    heading(
      format,
      `Known to cost nothing (${plural(
        e.free.reduce((s, f) => s + f.count, 0),
        'resource',
      )})`,
      3,
    ),
    '',
    e.free.length === 0 ? 'None.' : table(e.free, FREE_COLUMNS, format),
    '',
    heading(format, 'Assumptions', 3),
    '',
    e.assumptions.map((a) => `- ${a}`).join('\n'),
  );
  return out.join('\n');
}

const countAndCost = (side: CostChange['before']) => `${side.resources} (${money(side.monthlyUsd.low)})`;
const CHANGE_COLUMNS: readonly Column<CostChange>[] = [
  { header: 'environment', value: (c) => c.environment },
  { header: 'service', value: (c) => c.service },
  { header: 'stack', value: (c) => c.stack ?? '-' },
  { header: 'item', value: (c) => c.item ?? '-' },
  { header: 'before', value: (c) => countAndCost(c.before), right: true },
  { header: 'after', value: (c) => countAndCost(c.after), right: true },
  { header: 'change idle', value: (c) => signed(c.delta.low), right: true },
  { header: 'change up to', value: (c) => signed(c.delta.high), right: true },
];
const SERVICE_CHANGE_COLUMNS: readonly Column<CostChange>[] = [
  { header: 'environment', value: (c) => c.environment },
  { header: 'service', value: (c) => c.service },
  { header: 'before idle', value: (c) => money(c.before.monthlyUsd.low), right: true },
  { header: 'after idle', value: (c) => money(c.after.monthlyUsd.low), right: true },
  { header: 'change idle', value: (c) => signed(c.delta.low), right: true },
  { header: 'change up to', value: (c) => signed(c.delta.high), right: true },
];

/** A comparison as text or Markdown: the headline, then the change per service and per resource. */
export function renderComparison(c: CostComparison, format: TextFormat): string {
  const out = [
    heading(format, 'Cost of this change', 2),
    '',
    headline(c.delta),
    '',
    `Before: ${span(c.before)} a month. After: ${span(c.after)} a month.`,
    '',
    heading(format, 'By service', 3),
    '',
    c.services.length === 0 ? 'No change.' : table(c.services, SERVICE_CHANGE_COLUMNS, format),
    '',
    heading(format, 'By resource (count and idle cost)', 3),
    '',
    c.resources.length === 0 ? 'No change.' : table(c.resources, CHANGE_COLUMNS, format),
  ];
  if (c.unknown.length > 0)
    out.push(
      '',
      heading(format, 'Not priced, and changed (the change may cost more than shown)', 3),
      '',
      c.unknown.map((u) => `- ${u.type}: ${u.before} -> ${u.after}`).join('\n'),
    );
  return out.join('\n');
}
