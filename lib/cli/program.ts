import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command as Commander, Help, Option } from 'commander';
import type { CommanderError } from 'commander';
import type { ArgumentSpec, Command, CommandGroup, OptionSpec, OptionSpecs, Parsed } from './command';
import { optionFlag, usageLine, usageTail } from './command';
import { EXIT, UsageError } from './errors';
import type { ExitCode } from './errors';
import type { CliIo } from './io';

/** Width `--help` (and docs/cli.md) wraps at. */
export const HELP_WIDTH = 100;

export const PROGRAM_DESCRIPTION =
  'The landfall platform CLI: what CloudFormation cannot do (organization preflight, trusted access, delegated administrators, account discovery), reviews of cdk.out, new services, redrive and deploy windows.';

const HELP_FOOTER = [
  '',
  'Run `landfall help COMMAND` (or `landfall COMMAND --help`) for what a command does and its options.',
  'Exit codes: 0 ok, 1 problems found, 2 usage error, 3 AWS or environment error, 4 precondition not met.',
].join('\n');

/** The version in package.json (`landfall --version`). */
export function packageVersion(): string {
  const file = path.join(__dirname, '..', '..', 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

/** Help was shown (`--help`, `help`, `--version`): exit 0. */
class HelpShown extends Error {}

/** The parsed CLI: where the words lead, and the exit code of the command that ran. */
interface Tree {
  readonly root: Commander;
  /** The definition of each of commander's commands that runs something (not the groups). */
  readonly leaves: Map<Commander, Command>;
  code: ExitCode;
}

/**
 * Build the commander program for these commands. Commander never exits the process nor prints its own errors:
 * every error becomes a `UsageError` (one line and a hint, exit 2), help and `--version` end with exit 0.
 */
function buildProgram(commands: readonly Command[], groups: readonly CommandGroup[], io: CliIo): Tree {
  const root = new Commander('landfall');
  const tree: Tree = { root, leaves: new Map(), code: EXIT.ok };
  root
    .description(PROGRAM_DESCRIPTION)
    .usage('COMMAND [options]')
    .version(packageVersion(), '-V, --version', 'print the landfall version')
    .helpOption('-h, --help', 'show what a command does and its options')
    .helpCommand(false)
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: (text) => (io.write ?? io.out)(text), writeErr: io.err, outputError: () => undefined })
    .configureHelp({ helpWidth: HELP_WIDTH, formatHelp: (cmd, helper) => formatHelp(tree, cmd, helper) })
    .addHelpText('after', HELP_FOOTER);
  overrideExit(tree, root);

  const byPath = new Map<string, Commander>([['', root]]);
  const parentOf = (words: readonly string[]): Commander => {
    const key = words.join(' ');
    const known = byPath.get(key);
    if (known && tree.leaves.has(known)) throw new Error(`command "${key}" is declared twice, or is also a group`);
    if (known) return known;
    const group = groups.find((g) => g.name.join(' ') === key);
    if (!group)
      throw new Error(`command group "${key}" is not declared: add it to COMMAND_GROUPS in lib/cli/commands.ts`);
    const cmd = parentOf(words.slice(0, -1))
      .command(words[words.length - 1])
      .summary(group.summary)
      .description(group.summary)
      .usage('COMMAND [options]');
    overrideExit(tree, cmd);
    byPath.set(key, cmd);
    return cmd;
  };

  for (const def of commands) {
    const key = def.name.join(' ');
    if (def.name.length === 0 || def.name[0] === 'help') throw new Error(`invalid command name "${key}"`);
    if (byPath.has(key)) throw new Error(`command "${key}" is declared twice, or is also a group`);
    const cmd = parentOf(def.name.slice(0, -1))
      .command(def.name[def.name.length - 1])
      .summary(def.summary)
      .description(def.description ?? def.summary)
      .usage(usageTail(def))
      .allowExcessArguments(true);
    for (const a of def.arguments ?? []) {
      cmd.argument(a.optional ? `[${a.name.toUpperCase()}]` : `<${a.name.toUpperCase()}>`, a.description);
    }
    for (const [key, spec] of Object.entries(def.options ?? {})) cmd.addOption(commanderOption(key, spec));
    const after = [
      `\n${wrap(`AWS access: ${def.aws ?? 'none'}`, HELP_WIDTH)}`,
      ...(def.examples?.length ? ['', 'Examples:', ...def.examples.map((e) => `  ${e}`)] : []),
    ].join('\n');
    cmd.addHelpText('after', after);
    cmd.action(async () => {
      try {
        tree.code = await def.run(parsedOf(def, cmd, io), io);
      } catch (err) {
        // A usage error without a hint gets the command's usage line.
        if (err instanceof UsageError && err.hint === undefined)
          throw new UsageError(err.message, `usage: ${usageLine(def)}`);
        throw err;
      }
    });
    overrideExit(tree, cmd);
    byPath.set(key, cmd);
    tree.leaves.set(cmd, def);
  }
  return tree;
}

/** Words wrapped at `width` columns. */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line].join('\n');
}

function commanderOption(key: string, spec: OptionSpec): Option {
  const name = optionFlag(key);
  const option =
    spec.kind === 'flag'
      ? new Option(name, spec.description)
      : new Option(`${name} <${spec.placeholder}>`, spec.description);
  if (spec.kind === 'list') option.argParser((v: string, previous: string[] | undefined) => [...(previous ?? []), v]);
  if (spec.kind === 'value' && spec.choices) option.choices(spec.choices);
  if (spec.kind === 'value' && spec.default !== undefined) option.default(spec.default);
  if (spec.hidden) option.hideHelp();
  return option;
}

/** The arguments and options of a leaf command, checked beyond what commander checks. */
function parsedOf(def: Command, cmd: Commander, io: CliIo): Parsed<OptionSpecs, readonly ArgumentSpec[]> {
  const specs = def.arguments ?? [];
  const extra = cmd.args.slice(specs.length);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`, `usage: ${usageLine(def)}`);
  const args: Record<string, string | undefined> = {};
  specs.forEach((a, i) => (args[a.name] = cmd.processedArgs[i] as string | undefined));
  const raw = cmd.opts<Record<string, unknown>>();
  const options: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(def.options ?? {})) {
    if (spec.kind === 'flag') options[key] = raw[key] === true;
    else if (spec.kind === 'list') options[key] = raw[key] ?? [];
    else options[key] = raw[key];
    if (spec.kind === 'value' && spec.required && raw[key] === undefined) {
      const allowed = spec.choices ? ` (allowed: ${spec.choices.join(', ')})` : '';
      throw new UsageError(`${optionFlag(key)} is required${allowed}`, `usage: ${usageLine(def)}`);
    }
  }
  for (const [key, spec] of Object.entries(def.options ?? {})) {
    if (spec.kind !== 'flag' || !spec.deprecatedFor || options[key] !== true) continue;
    const target = spec.deprecatedFor;
    if (cmd.getOptionValueSource(target.option) === 'cli' && raw[target.option] !== target.value) {
      throw new UsageError(
        `${optionFlag(key)} means ${optionFlag(target.option)} ${target.value}; it cannot be combined with ${optionFlag(target.option)} ${String(raw[target.option])}`,
        `usage: ${usageLine(def)}`,
      );
    }
    options[target.option] = target.value;
    io.err(`warning: ${optionFlag(key)} is deprecated; use ${optionFlag(target.option)} ${target.value}`);
  }
  return { args, options } as unknown as Parsed<OptionSpecs, readonly ArgumentSpec[]>;
}

/** Commander throws instead of exiting; its errors become one line and a hint. */
function overrideExit(tree: Tree, cmd: Commander): void {
  cmd.exitOverride((err) => {
    if (err.exitCode === 0) throw new HelpShown();
    throw usageErrorOf(tree, cmd, err);
  });
}

/** Commander's error as landfall's one-line usage error, with the usage of the command it is about. */
function usageErrorOf(tree: Tree, cmd: Commander, err: CommanderError): UsageError {
  const message = err.message.replace(/^error: /, '');
  const [first, ...rest] = message.split('\n');
  const suggestion = /\(Did you mean (.+)\?\)/.exec(rest.join(' '))?.[1];
  const def = tree.leaves.get(cmd);
  const usage = def ? `usage: ${usageLine(def)}` : commandsHint(tree, cmd);
  const didYouMean = suggestion === undefined ? '' : ` (did you mean ${suggestion}?)`;
  switch (err.code) {
    case 'commander.unknownCommand': {
      const word = /unknown command '(.*)'/.exec(first)?.[1] ?? first;
      return new UsageError(`unknown command "${[...wordsOf(cmd), word].join(' ')}"${didYouMean}`, usage);
    }
    case 'commander.unknownOption': {
      const flagName = /unknown option '(.*)'/.exec(first)?.[1] ?? first;
      return new UsageError(`unknown option ${flagName}${didYouMean}`, usage);
    }
    case 'commander.invalidArgument': {
      const choice = /^option '(\S+)[^']*' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/.exec(first);
      if (choice) return new UsageError(`${choice[1]} "${choice[2]}" is not allowed (allowed: ${choice[3]})`, usage);
      return new UsageError(first, usage);
    }
    case 'commander.optionMissingArgument': {
      const option = /^option '(\S+) <(.*)>' argument missing$/.exec(first);
      return new UsageError(option ? `${option[1]} needs a value (${option[2]})` : first, usage);
    }
    case 'commander.missingArgument': {
      const name = /missing required argument '(.*)'/.exec(first)?.[1] ?? first;
      const spec = def?.arguments?.find((a) => a.name.toUpperCase() === name);
      return new UsageError(`missing ${name}${spec ? ` (${spec.description})` : ''}`, usage);
    }
    default:
      return new UsageError(first, usage);
  }
}

/** The command words of a commander command, without `landfall`. */
function wordsOf(cmd: Commander): string[] {
  const words: string[] = [];
  for (let c: Commander | null = cmd; c?.parent; c = c.parent) words.unshift(c.name());
  return words;
}

/** The commands under a group (or all of them), leaves in the order they were declared. */
function leavesUnder(tree: Tree, cmd: Commander): Command[] {
  const prefix = wordsOf(cmd);
  return [...tree.leaves.values()].filter((def) => prefix.every((w, i) => def.name[i] === w));
}

function commandsHint(tree: Tree, cmd: Commander): string {
  const words = wordsOf(cmd);
  const names = leavesUnder(tree, cmd).map((d) => d.name.join(' '));
  return `commands: ${names.join(', ')} (landfall help${words.length > 0 ? ` ${words.join(' ')}` : ''})`;
}

/** Help of a command as commander formats it; a group's (and the program's) lists every command under it. */
function formatHelp(tree: Tree, cmd: Commander, helper: Help): string {
  if (tree.leaves.has(cmd)) return Help.prototype.formatHelp.call(helper, cmd, helper);
  const leaves = leavesUnder(tree, cmd).map((def) => ({
    term: [...def.name, ...(def.arguments ?? []).map((a) => a.name.toUpperCase())].join(' '),
    description: def.summary,
  }));
  const options = helper.visibleOptions(cmd).map((o) => ({
    term: helper.optionTerm(o),
    description: helper.optionDescription(o),
  }));
  const width = Math.max(...[...leaves, ...options].map((i) => i.term.length));
  const item = (i: { term: string; description: string }) => helper.formatItem(i.term, width, i.description, helper);
  return [
    `Usage: ${helper.commandUsage(cmd)}`,
    '',
    helper.boxWrap(helper.commandDescription(cmd), helper.helpWidth ?? HELP_WIDTH),
    '',
    'Commands:',
    ...leaves.map(item),
    '',
    'Options:',
    ...options.map(item),
    '',
  ].join('\n');
}

/**
 * The arguments commander should parse: `help WORDS` and bare group words (`landfall accounts`) ask for help.
 * Help flags after an unknown command word are dropped, so the unknown word is reported instead of help.
 */
function normalize(tree: Tree, args: readonly string[]): string[] {
  const asked = args[0] === 'help' ? [...args.slice(1), '--help'] : [...args];
  let cmd = tree.root;
  let i = 0;
  for (; i < asked.length && !asked[i].startsWith('-') && !tree.leaves.has(cmd); i++) {
    const next = cmd.commands.find((c) => c.name() === asked[i]);
    if (!next) return asked.filter((a) => a !== '--help' && a !== '-h');
    cmd = next;
  }
  return i === asked.length && !tree.leaves.has(cmd) ? [...asked, '--help'] : asked;
}

/** Parse `args` and run the command they name; returns its exit code (0 after help). */
export async function runProgram(
  args: readonly string[],
  io: CliIo,
  commands: readonly Command[],
  groups: readonly CommandGroup[],
): Promise<ExitCode> {
  const tree = buildProgram(commands, groups, io);
  try {
    await tree.root.parseAsync(normalize(tree, args), { from: 'user' });
  } catch (err) {
    if (err instanceof HelpShown) return EXIT.ok;
    throw err;
  }
  return tree.code;
}
