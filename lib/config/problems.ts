import type { z } from 'zod';

/** One thing wrong with the configuration: where (file and field path) and what (value and what is allowed). */
export interface Problem {
  /** The config file the problem is in, as the user would open it (for example `config/services/api.ts`). */
  readonly file: string;
  /** Field path inside the file's default export, for example `accounts[2].id`. Empty for the file itself. */
  readonly path: string;
  /** The value given and what is allowed, for example `"12345" is not a 12-digit AWS account ID`. */
  readonly message: string;
}

/** Thrown by the loader with every problem found; its message is the readable report. */
export class ConfigError extends Error {
  public readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    super(formatProblems(problems));
    this.problems = groupByFile(problems);
    this.name = 'ConfigError';
  }
}

/** Problems grouped by file (files in order of first appearance), as the report shows them. */
function groupByFile(problems: readonly Problem[]): Problem[] {
  const files = [...new Set(problems.map((p) => p.file))];
  return files.flatMap((file) => problems.filter((p) => p.file === file));
}

/** `accounts[2].id` from `['accounts', 2, 'id']`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out === '' ? String(key) : `${out}.${String(key)}`;
  }, '');
}

/** A value as the user wrote it, short enough for one line. */
export function renderValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = typeof value === 'function' ? '[function]' : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Turn zod issues (parsed with `reportInput: true`) into problems of one file. */
export function problemsFromZod(file: string, error: z.ZodError): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    const path = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({ file, path: formatPath([...issue.path, key]), message: issue.message });
      }
      continue;
    }
    const input = offendingValue(issue);
    if (input === undefined && issue.code === 'invalid_type') {
      problems.push({ file, path, message: `is missing (expected ${issue.expected})` });
      continue;
    }
    problems.push({ file, path, message: `${renderValue(input)} ${issue.message}` });
  }
  return problems;
}

/**
 * The value an issue is about. A discriminated union reports the whole object at the discriminator's path;
 * show the discriminator's own value instead.
 */
function offendingValue(issue: z.core.$ZodIssue): unknown {
  const input = (issue as { input?: unknown }).input;
  const last = issue.path[issue.path.length - 1];
  if (
    issue.code === 'invalid_union' &&
    input !== null &&
    typeof input === 'object' &&
    typeof last === 'string' &&
    last in input
  ) {
    return (input as Record<string, unknown>)[last];
  }
  return input;
}

/** The error map used for every parse: phrases zod's built-in issues as "<value> <what is wrong>". */
export const errorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return `is not ${article(issue.expected)} ${issue.expected}`;
    case 'invalid_value':
      return `is not allowed (allowed: ${issue.values.map((v) => JSON.stringify(v)).join(', ')})`;
    case 'too_small':
      return issue.origin === 'array'
        ? `has ${lengthOf(issue.input)} items (minimum: ${issue.minimum})`
        : `is too small (minimum: ${issue.minimum})`;
    case 'too_big':
      return issue.origin === 'array'
        ? `has ${lengthOf(issue.input)} items (maximum: ${issue.maximum})`
        : `is too large (maximum: ${issue.maximum})`;
    case 'invalid_format':
      return `is not a valid ${issue.format}`;
    case 'invalid_union':
      return 'does not match any allowed form';
    default:
      return undefined;
  }
};

const article = (word: string): string => (/^[aeiou]/.test(word) ? 'an' : 'a');
const lengthOf = (value: unknown): number => (Array.isArray(value) ? value.length : 0);

/**
 * The report users read:
 * ```
 * config/services/api.ts has 2 problems:
 *   * memoryMiB: 8192 is not allowed with cpu 256 (allowed: 512, 1024, 2048)
 *   * name: "API" must be lower-kebab-case, ...
 * ```
 */
export function formatProblems(problems: readonly Problem[]): string {
  const byFile = new Map<string, Problem[]>();
  for (const p of problems) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  const sections = [...byFile].map(([file, list]) => {
    const lines = list.map((p) => `  * ${p.path === '' ? '' : `${p.path}: `}${p.message}`);
    return `${file} has ${list.length} problem${list.length === 1 ? '' : 's'}:\n${lines.join('\n')}`;
  });
  return sections.join('\n');
}
