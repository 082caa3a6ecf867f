/** `landfall review weekly` as text (terminals), Markdown (the workflow's job summary and issue) or JSON. */
import type { Column, OutputFormat } from '../table';
import { table } from '../table';
import type { AlarmWeek } from './weekly-alarms';
import type { CostLine } from '../aws/cost-and-usage';
import type { EnvironmentWeek, FindingsByAccount, ObjectiveWeek, ReleasesWeek, WeeklyReview } from './weekly';

/** Cost Explorer's price per request (AWS Cost Explorer pricing: "$0.01 per request"; each page is a request). */
export const COST_EXPLORER_USD_PER_REQUEST = 0.01;

/** How many findings per account the review names (the rest are counted). */
const FINDINGS_LISTED = 5;

const pct = (v: number | undefined, digits = 2) => (v === undefined ? 'no traffic' : `${v.toFixed(digits)}%`);
const money = (v: number) => `$${v.toFixed(2)}`;
const change = (current: number, previous: number) => {
  if (previous === 0) return current === 0 ? '0%' : 'new';
  const p = Math.round(((current - previous) / previous) * 100);
  return p === 0 ? '0%' : `${p > 0 ? '+' : ''}${p}%`;
};
const minutes = (m: number) => (m >= 120 ? `${(m / 60).toFixed(1)} h` : `${m} min`);

const OBJECTIVE_COLUMNS: readonly Column<ObjectiveWeek>[] = [
  { header: 'service', value: (o) => o.service },
  { header: 'objective', value: (o) => `${o.objective} ${o.objectivePercent}%` },
  { header: 'this week', value: (o) => pct(o.attainmentPercent, 3), right: true },
  {
    header: 'met',
    value: (o) => (o.attainmentPercent === undefined ? '-' : o.attainmentPercent >= o.objectivePercent ? 'yes' : 'NO'),
  },
  { header: 'budget left (30 d)', value: (o) => pct(o.budgetLeftPercent, 0), right: true },
];

const ALARM_COLUMNS: readonly Column<AlarmWeek>[] = [
  { header: 'alarm', value: (a) => a.alarm },
  { header: 'fired', value: (a) => a.fired, right: true },
  { header: 'in alarm', value: (a) => minutes(a.minutesInAlarm), right: true },
];

const RELEASE_COLUMNS: readonly Column<ReleasesWeek>[] = [
  { header: 'service', value: (r) => r.service },
  { header: 'releases', value: (r) => r.count, right: true },
  {
    header: 'outcomes',
    value: (r) =>
      Object.entries(r.byStatus)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([s, n]) => `${s} ${n}`)
        .join(', ') || '-',
  },
];

const COST_COLUMNS: readonly Column<CostLine>[] = [
  { header: 'service tag', value: (l) => l.service || '(untagged)' },
  { header: 'this period', value: (l) => money(l.currentUsd), right: true },
  { header: 'previous', value: (l) => money(l.previousUsd), right: true },
  { header: 'change', value: (l) => change(l.currentUsd, l.previousUsd), right: true },
];

const FINDING_COLUMNS: readonly Column<FindingsByAccount>[] = [
  { header: 'account', value: (f) => `${f.account} (${f.accountId})` },
  { header: 'critical', value: (f) => f.critical, right: true },
  { header: 'high', value: (f) => f.high, right: true },
];

function heading(text: string, level: number, format: Exclude<OutputFormat, 'json'>): string {
  return format === 'md'
    ? `${'#'.repeat(level)} ${text}`
    : level <= 2
      ? `${text}\n${'='.repeat(text.length)}`
      : `${text}:`;
}

function environmentSection(env: EnvironmentWeek, format: Exclude<OutputFormat, 'json'>): string[] {
  const out = [heading(`${env.environment} (account ${env.account}, ${env.accountId})`, 2, format), ''];
  out.push(heading('SLOs', 3, format));
  out.push(
    env.objectives.length === 0 ? 'no web service objectives' : table(env.objectives, OBJECTIVE_COLUMNS, format),
    '',
  );
  out.push(heading('Alarms that fired', 3, format));
  out.push(env.alarms.length === 0 ? 'none' : table(env.alarms, ALARM_COLUMNS, format));
  if (env.noisiest.length > 0)
    out.push('', `noisiest: ${env.noisiest.map((a) => `${a.alarm} (${a.fired} times)`).join(', ')}`);
  out.push(
    '',
    env.silent.length === 0
      ? 'silent for 30 days: none'
      : `silent for 30 days (${env.silent.length}; check that their thresholds can still be reached): ${env.silent.join(', ')}`,
    '',
  );
  out.push(heading('Releases', 3, format));
  out.push(env.releases.length === 0 ? 'not read' : table(env.releases, RELEASE_COLUMNS, format), '');
  out.push(heading('Cost', 3, format));
  if (env.cost === undefined) out.push('not read');
  else {
    out.push(
      `${money(env.cost.currentUsd)} from ${env.cost.current.start} to ${env.cost.current.end} (exclusive), ${change(env.cost.currentUsd, env.cost.previousUsd)} against the previous period (${money(env.cost.previousUsd)})`,
    );
    if (env.cost.lines.length > 0) out.push('', table(env.cost.lines, COST_COLUMNS, format));
  }
  if (env.gaps.length > 0) out.push('', `not read: ${env.gaps.join('; ')}`);
  out.push('');
  return out;
}

/** The review in `format`. */
export function renderWeekly(review: WeeklyReview, format: OutputFormat): string {
  if (format === 'json') return JSON.stringify(review, null, 2);
  const days = `${review.days} day${review.days === 1 ? '' : 's'}`;
  const out = [
    heading(
      `Weekly review: ${review.window.from.toISOString()} to ${review.window.to.toISOString()} (${days})`,
      1,
      format,
    ),
    '',
  ];
  for (const env of review.environments) out.push(...environmentSection(env, format));
  out.push(heading('Open critical and high findings (Security Hub)', 2, format), '');
  if (review.findings === undefined) out.push('not read');
  else {
    out.push(table(review.findings, FINDING_COLUMNS, format));
    for (const account of review.findings) {
      const listed = [...account.findings]
        .sort((a, b) => a.severity.localeCompare(b.severity) || a.title.localeCompare(b.title))
        .slice(0, FINDINGS_LISTED);
      if (listed.length === 0) continue;
      out.push('', `${account.account}:`);
      for (const f of listed) out.push(`- ${f.severity} ${f.control === undefined ? '' : `${f.control} `}${f.title}`);
      const more = account.findings.length - listed.length;
      if (more > 0) out.push(`- and ${more} more`);
    }
  }
  out.push('');
  if (review.gaps.length > 0) {
    out.push(heading('Not read', 2, format), '', ...review.gaps.map((g) => `- ${g}`), '');
  }
  out.push(
    `Cost Explorer requests: ${review.costRequests} ($${(review.costRequests * COST_EXPLORER_USD_PER_REQUEST).toFixed(2)})`,
  );
  return out.join('\n');
}
