import type { CliIo } from './io';
import type { ExitCode } from './errors';

/** A CLI command: its own file in `lib/cli/`, registered in `lib/cli/commands.ts`. */
export interface Command {
  /** Words that select it, for example `['validate']` or `['cost', 'review']`. */
  readonly name: readonly string[];
  /** One line for `landfall help`. */
  readonly summary: string;
  /** Usage line(s) shown on usage errors and by `landfall help COMMAND`. */
  readonly usage: string;
  /** Run with the arguments after the command words; returns the exit code or throws `CliError`. */
  run(args: readonly string[], io: CliIo): Promise<ExitCode>;
}
