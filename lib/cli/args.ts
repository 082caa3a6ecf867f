import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { UsageError } from './errors';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parse a command's arguments strictly: an unknown flag or a missing value is a usage error that names it and
 * shows the usage, instead of being ignored.
 */
export function parseCommandArgs<O extends Options>(args: readonly string[], options: O, usage: string) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0].replace(/^TypeError \[[A-Z_]+\]: /, '') : String(err);
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/, ''), `usage: ${usage}`);
  }
}

/** The value of `--format`, checked. */
export function formatOption(value: string | undefined, allowed: readonly string[] = ['text', 'md', 'json']): string {
  const format = value ?? 'text';
  if (!allowed.includes(format)) throw new UsageError(`--format ${format} is not supported (allowed: ${allowed.join(', ')})`);
  return format;
}
