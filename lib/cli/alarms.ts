import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALARM_METADATA_KEY } from '../../constructs/report-metadata';
import type { AlarmMetadata } from '../../constructs/report-metadata';
import { ConfigError, loadConfig } from '../config';
import type { AssemblyStack, TemplateResource } from './assembly';
import { literal, plural, readAssembly, usd } from './assembly';
import { defineCommand, value } from './command';
import { EXIT, UsageError } from './errors';
import { CONFIG_OPTION, OUT_OPTION, REPORT_FORMAT_OPTION } from './options';
import { warnIfStale } from './stale-assembly';
import type { Column } from './table';
import { table } from './table';

/** One alarm as the report lists it. */
export interface AlarmRow {
  readonly environment: string;
  readonly service: string;
  readonly name: string;
  readonly type: 'metric' | 'composite';
  readonly metric: string;
  readonly threshold: string;
  /** `page`, `ticket`, `input` (of a composite), or `unknown` for an alarm landfall did not annotate. */
  readonly severity: string;
  /** `on`, `off` (disabled by profile) or `none` (no actions). */
  readonly actions: string;
  readonly runbook: string;
  /** List price per month: $0.10 per metric a standard alarm evaluates, $0.30 high-resolution, $0.50 composite. */
  readonly monthlyUsd: number;
  readonly stack: string;
}

/** Counts and cost of one environment's alarms. */
export interface AlarmTotals {
  readonly environment: string;
  readonly page: number;
  readonly ticket: number;
  readonly input: number;
  readonly other: number;
  readonly total: number;
  readonly monthlyUsd: number;
}

export interface AlarmReport {
  readonly alarms: readonly AlarmRow[];
  readonly totals: readonly AlarmTotals[];
  /** Alarms a reviewer should fix: no landfall annotation, no runbook, or a runbook file that does not exist. */
  readonly problems: readonly string[];
}

const SEVERITY_ORDER = ['page', 'ticket', 'input', 'scaling', 'unknown'];

/** Every alarm of the assembly, by environment and service, with totals and problems. */
export function alarmReport(
  stacks: readonly AssemblyStack[],
  options: { runbookRoot?: string; environment?: string } = {},
): AlarmReport {
  const alarms: AlarmRow[] = [];
  const problems: string[] = [];
  for (const stack of stacks) {
    for (const [logicalId, resource] of Object.entries(stack.resources)) {
      if (resource.Type !== 'AWS::CloudWatch::Alarm' && resource.Type !== 'AWS::CloudWatch::CompositeAlarm') continue;
      const row = alarmRow(stack, logicalId, resource);
      if (options.environment !== undefined && row.environment !== options.environment) continue;
      alarms.push(row);
      if (row.severity === 'unknown')
        problems.push(
          `${row.name} (${stack.displayName}) has no landfall alarm metadata: severity and runbook unknown`,
        );
      if (row.runbook === '-') problems.push(`${row.name} (${stack.displayName}) links no runbook`);
      else if (options.runbookRoot !== undefined && !fs.existsSync(path.join(options.runbookRoot, row.runbook))) {
        problems.push(`${row.name} (${stack.displayName}) links ${row.runbook}, which does not exist`);
      }
    }
  }
  alarms.sort(
    (a, b) =>
      a.environment.localeCompare(b.environment) ||
      a.service.localeCompare(b.service) ||
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      a.name.localeCompare(b.name),
  );
  const environments = [...new Set(alarms.map((a) => a.environment))];
  const totals = environments.map((environment): AlarmTotals => {
    const rows = alarms.filter((a) => a.environment === environment);
    const count = (s: string) => rows.filter((r) => r.severity === s).length;
    return {
      environment,
      page: count('page'),
      ticket: count('ticket'),
      input: count('input'),
      other: rows.length - count('page') - count('ticket') - count('input'),
      total: rows.length,
      monthlyUsd: Math.round(rows.reduce((sum, r) => sum + r.monthlyUsd, 0) * 100) / 100,
    };
  });
  return { alarms, totals, problems };
}

function alarmRow(stack: AssemblyStack, logicalId: string, resource: TemplateResource): AlarmRow {
  const props = resource.Properties ?? {};
  const meta = resource.Metadata?.[ALARM_METADATA_KEY] as AlarmMetadata | undefined;
  const composite = resource.Type === 'AWS::CloudWatch::CompositeAlarm';
  const name = literal(props.AlarmName) ?? logicalId;
  const actionsEnabled = props.ActionsEnabled !== false;
  const hasActions = ['AlarmActions', 'OKActions', 'InsufficientDataActions'].some(
    (k) => Array.isArray(props[k]) && (props[k] as unknown[]).length > 0,
  );
  return {
    environment: meta?.environment ?? stack.stage,
    service: meta?.service ?? '-',
    name,
    type: composite ? 'composite' : 'metric',
    metric: meta?.metric ?? fallbackMetric(props),
    threshold: meta?.threshold ?? fallbackThreshold(props),
    severity: meta?.severity ?? 'unknown',
    actions: !hasActions ? 'none' : actionsEnabled ? 'on' : 'off',
    runbook: meta?.runbook ?? '-',
    monthlyUsd: composite ? 0.5 : metricAlarmPrice(props),
    stack: stack.displayName,
  };
}

/** CloudWatch list price: $0.10 per metric evaluated (metric math alarms pay per metric), $0.30 at high resolution. */
function metricAlarmPrice(props: Record<string, unknown>): number {
  const queries = Array.isArray(props.Metrics)
    ? (props.Metrics as Array<{ MetricStat?: { Period?: number } }>)
    : undefined;
  const periods =
    queries === undefined
      ? [Number(props.Period ?? 60)]
      : queries.filter((q) => q.MetricStat !== undefined).map((q) => Number(q.MetricStat?.Period ?? 60));
  return periods.reduce((sum, period) => sum + (period < 60 ? 0.3 : 0.1), 0);
}

function fallbackMetric(props: Record<string, unknown>): string {
  if (typeof props.AlarmRule !== 'undefined') return 'composite rule';
  if (typeof props.MetricName === 'string') return `${literal(props.Namespace) ?? '?'} ${props.MetricName}`;
  return 'metric math';
}

function fallbackThreshold(props: Record<string, unknown>): string {
  if (props.Threshold === undefined) return '-';
  const op = String(props.ComparisonOperator ?? '');
  const symbol = op.startsWith('GreaterThanOrEqual')
    ? '>='
    : op.startsWith('GreaterThan')
      ? '>'
      : op.startsWith('LessThanOrEqual')
        ? '<='
        : op.startsWith('LessThan')
          ? '<'
          : op;
  return `${symbol} ${String(props.Threshold)}`;
}

const COLUMNS: readonly Column<AlarmRow>[] = [
  { header: 'service', value: (a) => a.service },
  { header: 'alarm', value: (a) => a.name },
  { header: 'metric', value: (a) => a.metric },
  { header: 'threshold', value: (a) => a.threshold },
  { header: 'severity', value: (a) => a.severity },
  { header: 'actions', value: (a) => a.actions },
  { header: 'runbook', value: (a) => a.runbook },
];

const TOTAL_COLUMNS: readonly Column<AlarmTotals>[] = [
  { header: 'environment', value: (t) => t.environment },
  { header: 'page', value: (t) => t.page, right: true },
  { header: 'ticket', value: (t) => t.ticket, right: true },
  { header: 'composite inputs', value: (t) => t.input, right: true },
  { header: 'other', value: (t) => t.other, right: true },
  { header: 'total', value: (t) => t.total, right: true },
  { header: 'list price/month', value: (t) => usd(t.monthlyUsd), right: true },
];

/** The report as text (terminal) or Markdown (job summary). */
export function renderAlarmReport(report: AlarmReport, format: 'text' | 'md'): string {
  const heading = (text: string, level: number) => (format === 'md' ? `${'#'.repeat(level)} ${text}` : text);
  if (report.alarms.length === 0) return `${heading('Alarms', 2)}\n\nNo alarms in the cloud assembly.`;
  const out = [heading('Alarms', 2), ''];
  for (const t of report.totals) {
    out.push(
      heading(
        `${t.environment}: ${plural(t.total, 'alarm')} (${t.page} page, ${t.ticket} ticket, ${plural(t.input, 'composite input')}), about ${usd(t.monthlyUsd)} a month`,
        3,
      ),
      '',
      table(
        report.alarms.filter((a) => a.environment === t.environment),
        COLUMNS,
        format,
      ),
      '',
    );
  }
  out.push(heading('Totals', 3), '', table(report.totals, TOTAL_COLUMNS, format));
  out.push(
    '',
    heading(`Problems (${report.problems.length})`, 3),
    '',
    report.problems.length === 0 ? 'None.' : report.problems.map((p) => `- ${p}`).join('\n'),
  );
  return out.join('\n');
}

/**
 * The environments `--environment` may name: the config's (when it loads) and every environment label of the
 * assembly's alarms (such as `organization` for the billing alarm).
 */
export function alarmEnvironments(stacks: readonly AssemblyStack[], configDir: string): string[] {
  let configured: string[] = [];
  try {
    configured = loadConfig(configDir).environments.map((e) => e.name);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
  }
  const labelled = alarmReport(stacks).alarms.map((a) => a.environment);
  return [...new Set([...configured, ...labelled])];
}

/** `landfall alarms`: every alarm in cdk.out by environment and service, with totals; exit 1 when an alarm lacks a runbook. */
export const alarmsCommand = defineCommand({
  name: ['alarms'],
  summary: 'list every alarm in cdk.out by environment and service (metric, threshold, severity, runbook) with totals',
  description:
    'Reads the synthesized templates in cdk.out (no AWS access) and lists every CloudWatch alarm with its metric, threshold, severity (page, ticket, composite input), actions and runbook, with counts and list price per environment. Exits 1 when an alarm has no landfall metadata or links a runbook that does not exist under docs/runbooks/. Warns when cdk.out is older than the config.',
  options: {
    out: OUT_OPTION,
    environment: value({
      placeholder: 'NAME',
      description: 'only the alarms of this environment (an environment of the config, or `organization`)',
    }),
    format: REPORT_FORMAT_OPTION,
    config: CONFIG_OPTION,
  },
  examples: ['landfall alarms --environment prod', 'landfall alarms --format md >> "$GITHUB_STEP_SUMMARY"'],
  async run({ options }, io) {
    const outDir = path.resolve(io.cwd, options.out);
    const configDir = path.resolve(io.cwd, options.config);
    const stacks = readAssembly(outDir);
    if (options.environment !== undefined) {
      const allowed = alarmEnvironments(stacks, configDir);
      if (!allowed.includes(options.environment))
        throw new UsageError(
          `--environment "${options.environment}" is not an environment (allowed: ${allowed.join(', ')})`,
        );
    }
    warnIfStale(io, outDir, configDir);
    const runbookRoot = fs.existsSync(path.join(io.cwd, 'docs', 'runbooks')) ? io.cwd : undefined;
    const report = alarmReport(stacks, {
      ...(runbookRoot === undefined ? {} : { runbookRoot }),
      ...(options.environment === undefined ? {} : { environment: options.environment }),
    });
    io.out(options.format === 'json' ? JSON.stringify(report, null, 2) : renderAlarmReport(report, options.format));
    return report.problems.length > 0 ? EXIT.problems : EXIT.ok;
  },
});
