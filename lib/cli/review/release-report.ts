/** How `landfall review release` prints its comparison: text for terminals, md for the job summary, json. */
import type { Column } from '../table';
import { table } from '../table';
import type { PeriodName, ReviewRow, ServiceReview } from './release-review';
import { PERIODS } from './release-review';

export interface ReleaseReport {
  readonly environment: string;
  /** Length of the compared periods, as given (`--since`). */
  readonly since: string;
  readonly services: readonly ServiceReview[];
}

const PERIOD_HEADERS: Readonly<Record<PeriodName, string>> = {
  after: 'after',
  before: 'before',
  weekAgo: 'a week ago',
};

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The number of regressions of the report: the exit code's reason. */
export function regressionCount(report: ReleaseReport): number {
  return report.services.reduce((n, s) => n + s.regressions.length, 0);
}

function cell(row: ReviewRow, period: PeriodName): string {
  const v = row.values[period];
  return v === undefined ? '-' : String(Number(v.toFixed(row.digits)));
}

function serviceHeading(s: ServiceReview): string {
  const verdict = s.note !== undefined ? 'not checked' : s.regressions.length > 0 ? 'REGRESSION' : 'ok';
  if (s.release === undefined) return `${s.service}: ${verdict}`;
  const what =
    s.release.revision === '' ? ` (${s.release.status})` : ` (revision ${s.release.revision}, ${s.release.status})`;
  return `${s.service} released ${utc(s.release.at)}${what}: ${verdict}`;
}

export function renderReleaseReport(report: ReleaseReport, format: 'text' | 'md'): string {
  const md = format === 'md';
  const lines: string[] = [
    md ? `### Release check of ${report.environment}` : `Release check of ${report.environment}`,
    `Each service's ${report.since} after its release against the ${report.since} before it and the same ${report.since} a week earlier.`,
    '',
  ];
  const columns: Column<ReviewRow>[] = [
    { header: 'measure', value: (r) => r.label },
    ...PERIODS.map((p) => ({ header: PERIOD_HEADERS[p], value: (r: ReviewRow) => cell(r, p), right: true })),
  ];
  for (const s of report.services) {
    lines.push(md ? `#### ${serviceHeading(s)}` : serviceHeading(s));
    if (s.note !== undefined) lines.push(`${md ? '' : '  '}${s.note}`);
    if (s.rows.length > 0) {
      if (md) lines.push('', table(s.rows, columns, 'md'));
      else
        lines.push(
          ...table(s.rows, columns, 'text')
            .split('\n')
            .map((l) => `  ${l}`),
        );
    }
    for (const r of s.regressions) lines.push(`${md ? '- **regression**' : '  regression'}: ${r.text}`);
    lines.push('');
  }
  const count = regressionCount(report);
  const names = report.services.filter((s) => s.regressions.length > 0).map((s) => s.service);
  lines.push(
    count === 0
      ? `${report.environment}: no regression after the release.`
      : `${report.environment}: ${count} regression${count === 1 ? '' : 's'} after the release (${names.join(', ')}).`,
  );
  return lines.join('\n');
}

/** The report as JSON: periods as ISO times, values as measured (no rounding). */
export function releaseReportJson(report: ReleaseReport): object {
  return {
    environment: report.environment,
    since: report.since,
    regressions: regressionCount(report),
    services: report.services.map((s) => ({
      service: s.service,
      kind: s.kind,
      ...(s.release === undefined
        ? {}
        : { release: { at: s.release.at.toISOString(), status: s.release.status, revision: s.release.revision } }),
      ...(s.periods === undefined
        ? {}
        : {
            periods: Object.fromEntries(
              PERIODS.map((p) => [p, { from: s.periods?.[p].from.toISOString(), to: s.periods?.[p].to.toISOString() }]),
            ),
          }),
      measures: s.rows.map((r) => ({ measure: r.label, ...r.values })),
      regressions: s.regressions,
      ...(s.note === undefined ? {} : { note: s.note }),
    })),
  };
}
