import type { Command, CommandGroup } from './command';
import { COMMAND_GROUPS, COMMANDS } from './commands';
import { CliError, EXIT } from './errors';
import type { ExitCode } from './errors';
import type { CliIo } from './io';
import { runProgram } from './program';

/**
 * Run the CLI. Every error ends as one readable line (and a hint) on stderr with a documented exit code; a stack
 * trace appears only with `LANDFALL_DEBUG=1`.
 */
export async function main(
  args: readonly string[],
  io: CliIo,
  commands: readonly Command[] = COMMANDS,
  groups: readonly CommandGroup[] = COMMAND_GROUPS,
): Promise<ExitCode> {
  try {
    return await runProgram(args, io, commands, groups);
  } catch (err) {
    if (err instanceof CliError) {
      io.err(`landfall: ${err.message}`);
      if (err.hint) io.err(`hint: ${err.hint}`);
      return err.exitCode;
    }
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    io.err(`landfall: unexpected error: ${message}`);
    io.err('hint: run again with LANDFALL_DEBUG=1 for the stack trace, and report it if it persists');
    if (io.env.LANDFALL_DEBUG === '1' && err instanceof Error && err.stack) io.err(err.stack);
    return EXIT.aws;
  }
}
