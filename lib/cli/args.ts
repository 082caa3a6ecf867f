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
    // Read the message structurally: errors from node:util may come from another realm (jest), failing instanceof.
    const raw =
      typeof (err as { message?: unknown }).message === 'string' ? (err as { message: string }).message : String(err);
    const message = raw.split('\n')[0].replace(/^(TypeError )?\[ERR_[A-Z_]+\]: /, '');
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/, ''), `usage: ${usage}`);
  }
}

/** The value of `--format`, checked. */
export function formatOption(value: string | undefined, allowed: readonly string[] = ['text', 'md', 'json']): string {
  const format = value ?? 'text';
  if (!allowed.includes(format))
    throw new UsageError(`--format ${format} is not supported (allowed: ${allowed.join(', ')})`);
  return format;
}
