/**
 * Slow statements from PostgreSQL log lines, as `log_min_duration_statement` writes them (Aurora's prefix
 * `%t:%r:%u@%d:[%p]:`): `2026-12-01 10:00:00 UTC:10.0.1.5(40122):app@api:[1234]:LOG:  duration: 1234.567 ms
 * statement: SELECT ...`, or `execute <name>: ...` for prepared statements; a multi-line statement continues on the
 * next lines of the same event. Pure functions: the command feeds them what CloudWatch Logs Insights returns.
 */

/** One slow statement as logged. */
export interface SlowStatement {
  readonly durationMs: number;
  readonly statement: string;
}

/** Statistics of one normalized statement. */
export interface StatementStats {
  readonly statement: string;
  readonly count: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  readonly totalMs: number;
}

const DURATION = /duration: (\d+(?:\.\d+)?) ms\s+(?:statement|execute [^:]*|bind [^:]*|parse [^:]*):\s*([\s\S]*)$/;

/** The duration and statement text of one log event (`@message`), or undefined for other lines. */
export function parseSlowStatement(message: string): SlowStatement | undefined {
  const match = DURATION.exec(message);
  if (match === null) return undefined;
  const [, duration, statement] = match;
  if (duration === undefined || statement === undefined || statement.trim() === '') return undefined;
  return { durationMs: Number(duration), statement: statement.trim() };
}

/**
 * A statement with its literals replaced by `?`: quoted strings (with '' escapes and E'' strings), dollar-quoted
 * strings, numbers, and lists of them (`IN (1, 2, 3)` becomes `IN (?)`); comments removed, whitespace collapsed.
 */
export function normalizeStatement(statement: string): string {
  return statement
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\$([A-Za-z_]*)\$[\s\S]*?\$\1\$/g, '?')
    .replace(/[Ee]?'(?:[^']|'')*'/g, '?')
    .replace(/\$\d+/g, '?')
    .replace(/(?<![A-Za-z_0-9."])-?\b\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\b/g, '?')
    .replace(/\b(true|false|null)\b/gi, (m) => (m.toLowerCase() === 'null' ? 'NULL' : '?'))
    .replace(/\(\s*\?(?:\s*,\s*\?)*\s*\)/g, '(?)')
    .replace(/\s+/g, ' ')
    .replace(/\s*;\s*$/, '')
    .trim();
}

/** The value at quantile q (0..1) of sorted numbers, nearest-rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? 0;
}

/** Group slow statements by normalized text; the slowest by total time first, at most `top`. */
export function summarize(statements: readonly SlowStatement[], top: number): StatementStats[] {
  const groups = new Map<string, number[]>();
  for (const s of statements) {
    const key = normalizeStatement(s.statement);
    const list = groups.get(key) ?? [];
    list.push(s.durationMs);
    groups.set(key, list);
  }
  return [...groups.entries()]
    .map(([statement, durations]) => {
      const sorted = [...durations].sort((a, b) => a - b);
      return {
        statement,
        count: sorted.length,
        p50Ms: quantile(sorted, 0.5),
        p95Ms: quantile(sorted, 0.95),
        maxMs: sorted[sorted.length - 1] ?? 0,
        totalMs: Math.round(sorted.reduce((a, b) => a + b, 0) * 1000) / 1000,
      };
    })
    .sort((a, b) => b.totalMs - a.totalMs || b.maxMs - a.maxMs || a.statement.localeCompare(b.statement))
    .slice(0, top);
}

/** `24h`, `90m`, `7d` in milliseconds, or undefined when it is none of those. */
export function parseSince(text: string): number | undefined {
  const match = /^(\d+)([mhd])$/.exec(text);
  if (match === null) return undefined;
  const n = Number(match[1]);
  const unit = match[2] === 'm' ? 60_000 : match[2] === 'h' ? 3_600_000 : 86_400_000;
  return n > 0 ? n * unit : undefined;
}
