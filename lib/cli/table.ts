/** A column of a table: its heading and how to read a row's cell. */
export interface Column<T> {
  readonly header: string;
  readonly value: (row: T) => string | number;
  /** Right-align (numbers). @default false */
  readonly right?: boolean;
}

/** A plain-text table with aligned columns, for terminals. */
export function textTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) => columns.map((c) => String(c.value(row))));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i].length)));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => (columns[i].right ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** A GitHub-flavoured Markdown table (pipes in cells escaped). */
export function markdownTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const esc = (v: string | number) => String(v).replace(/\|/g, '\\|');
  return [
    `| ${columns.map((c) => esc(c.header)).join(' | ')} |`,
    `| ${columns.map((c) => (c.right ? '---:' : '---')).join(' | ')} |`,
    ...rows.map((row) => `| ${columns.map((c) => esc(c.value(row))).join(' | ')} |`),
  ].join('\n');
}

export type OutputFormat = 'text' | 'md' | 'json';

/** A table in the requested format (json is left to the command, which knows its data). */
export function table<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  format: Exclude<OutputFormat, 'json'>,
): string {
  return format === 'md' ? markdownTable(rows, columns) : textTable(rows, columns);
}
