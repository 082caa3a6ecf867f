import type { Command } from './command';
import { COMMANDS } from './commands';
import { CliError, EXIT, UsageError } from './errors';
import type { ExitCode } from './errors';
import type { CliIo } from './io';

/** Find the command whose words start the arguments (the longest match wins: `cost review` before `cost`). */
function findCommand(
  args: readonly string[],
  commands: readonly Command[],
): { command: Command; rest: string[] } | undefined {
  const matches = commands
    .filter((c) => c.name.every((word, i) => args[i] === word))
    .sort((a, b) => b.name.length - a.name.length);
  const command = matches[0];
  return command ? { command, rest: args.slice(command.name.length) } : undefined;
}

export function helpText(commands: readonly Command[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.join(' ').length));
  return [
    'landfall: the platform CLI',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    "Run `landfall help COMMAND` for a command's usage.",
    'Exit codes: 0 ok, 1 problems found, 2 usage error, 3 AWS or environment error, 4 precondition not met.',
  ].join('\n');
}

/**
 * Run the CLI. Every error ends as one readable line (and a hint) on stderr with a documented exit code; a stack
 * trace appears only with `LANDFALL_DEBUG=1`.
 */
export async function main(
  args: readonly string[],
  io: CliIo,
  commands: readonly Command[] = COMMANDS,
): Promise<ExitCode> {
  if (args.length === 0 || args[0] === 'help' || args[0] === '--help' || args[0] === '-h') {
    const target = args[0] === 'help' && args.length > 1 ? findCommand(args.slice(1), commands) : undefined;
    io.out(target ? `usage: ${target.command.usage}\n\n${target.command.summary}` : helpText(commands));
    return EXIT.ok;
  }
  const found = findCommand(args, commands);
  try {
    if (!found) {
      const known = commands.map((c) => c.name.join(' ')).join(', ');
      throw new UsageError(`unknown command "${args.join(' ')}"`, `commands: ${known} (landfall help)`);
    }
    return await found.command.run(found.rest, io);
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
