import type { Command, CommandGroup } from './command';
import { memoryIo } from './io';
import { main } from './main';

/**
 * The command reference of docs/cli.md, generated from the command definitions (`npm run docs:cli` writes it,
 * test/cli/docs.test.ts fails when the file differs), so the docs say what `--help` says.
 */

/** The generated sections of docs/cli.md, by marker name (`<!-- NAME:begin -->` ... `<!-- NAME:end -->`). */
export type ReferenceSections = Readonly<Record<'commands' | 'command-help', string>>;

const GENERATED = '<!-- Generated from the command definitions in lib/cli by `npm run docs:cli`: do not edit. -->';

/** `--help` of a command, as the CLI prints it. */
async function helpOf(words: readonly string[], commands: readonly Command[], groups: readonly CommandGroup[]) {
  const io = memoryIo();
  await main([...words, '--help'], io, commands, groups);
  return io.stdout().trimEnd();
}

/** What a command reaches in AWS, in a few words (the text before the first colon). */
function awsBrief(command: Command): string {
  return (command.aws ?? 'none').split(':')[0];
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** Both generated sections: the overview table and every command's help. */
export async function commandReference(
  commands: readonly Command[],
  groups: readonly CommandGroup[],
): Promise<ReferenceSections> {
  const reportCommands = commands.filter((c) => {
    const format = c.options?.format;
    return format?.kind === 'value' && format.choices?.includes('md');
  });
  const table = [
    GENERATED,
    '',
    '| command | what it does | AWS access |',
    '|---|---|---|',
    ...commands.map((c) => {
      const args = (c.arguments ?? []).map((a) =>
        a.optional ? ` [${a.name.toUpperCase()}]` : ` ${a.name.toUpperCase()}`,
      );
      return `| \`${[...c.name].join(' ')}${args.join('')}\` | ${cell(c.summary)} | ${cell(awsBrief(c))} |`;
    }),
    '',
    `Every command answers \`--help\` (or \`landfall help COMMAND\`); \`landfall ${groups.map((g) => g.name.join(' ')).join('`, `landfall ')}\` list their commands. ` +
      `Reports (${reportCommands.map((c) => `\`${c.name.join(' ')}\``).join(', ')}) take \`--format text|md|json\` (md for a pull request's job summary); ` +
      'the other commands that print a result take `--format text|json`. Commands that read the config take `--config DIR` (default `config`).',
  ].join('\n');
  const help: string[] = [GENERATED];
  for (const c of commands) {
    help.push('', `### \`landfall ${c.name.join(' ')}\``, '', '```text', await helpOf(c.name, commands, groups), '```');
  }
  return { commands: table, 'command-help': help.join('\n') };
}

/** `doc` with the text between each section's markers replaced; a missing marker is an error. */
export function withSections(doc: string, sections: ReferenceSections): string {
  let out = doc;
  for (const [name, text] of Object.entries(sections)) {
    const begin = `<!-- ${name}:begin -->`;
    const end = `<!-- ${name}:end -->`;
    const from = out.indexOf(begin);
    const to = out.indexOf(end);
    if (from < 0 || to < from) throw new Error(`docs/cli.md lacks the markers ${begin} ... ${end}`);
    out = `${out.slice(0, from + begin.length)}\n${text}\n${out.slice(to)}`;
  }
  return out;
}
