import type { ExitCode } from './errors';
import type { CliIo } from './io';

interface OptionBase {
  /** One line for `--help` and docs/cli.md: what the option does, not its type. */
  readonly description: string;
  /** Left out of `--help` and the docs (deprecated spellings that still work). @default false */
  readonly hidden?: boolean;
}

/** A switch such as `--dry-run`: `true` when given, `false` otherwise. */
export interface FlagOption extends OptionBase {
  readonly kind: 'flag';
  /**
   * A deprecated spelling of another option's value (`--json` for `--format json`): given, it sets that option,
   * prints a warning, and conflicts with an explicit other value.
   */
  readonly deprecatedFor?: { readonly option: string; readonly value: string };
}

/** An option with one value, such as `--config DIR`. */
export interface ValueOption extends OptionBase {
  readonly kind: 'value';
  /** The value's name in usage lines and help: `DIR`, `NAME`, `FORMAT`. */
  readonly placeholder: string;
  /** The only values allowed; the parser refuses any other with exit 2. */
  readonly choices?: readonly string[];
  /** The value when the option is not given. @default undefined */
  readonly default?: string;
  /** The command refuses to run without it (exit 2). @default false */
  readonly required?: boolean;
}

/** An option given once per value, such as `--sends-to WORKER --sends-to mailer`. */
export interface ListOption extends OptionBase {
  readonly kind: 'list';
  readonly placeholder: string;
}

export type OptionSpec = FlagOption | ValueOption | ListOption;
/** Options by their camelCase name; the flag is its kebab-case form (`dryRun` is `--dry-run`). */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** A positional argument. Its name is lower case (`env`); usage lines show it upper case (`ENV`). */
export interface ArgumentSpec {
  readonly name: string;
  readonly description: string;
  /** May be left out. @default false (required: the parser refuses the command without it) */
  readonly optional?: boolean;
}

type OptionValue<S> = S extends FlagOption
  ? boolean
  : S extends ListOption
    ? string[]
    : S extends ValueOption
      ? (S extends { readonly choices: readonly (infer C)[] } ? C : string) | Absent<S>
      : never;
type Absent<S> = S extends { readonly default: string } | { readonly required: true } ? never : undefined;

/** What the parser hands a command: its arguments by name and its options by camelCase name, typed. */
export interface Parsed<O extends OptionSpecs, A extends readonly ArgumentSpec[]> {
  readonly args: {
    readonly [S in A[number] as S['name']]: S extends { readonly optional: true } ? string | undefined : string;
  };
  readonly options: { readonly [K in keyof O]: OptionValue<O[K]> };
}

/**
 * A CLI command, declared: its words, help texts, arguments and options; the parser (lib/cli/program.ts) turns
 * it into `--help`, usage errors and docs/cli.md. Register it in `lib/cli/commands.ts`.
 */
export interface CommandDefinition<
  O extends OptionSpecs = OptionSpecs,
  A extends readonly ArgumentSpec[] = readonly ArgumentSpec[],
> {
  /** The words that select it: `['validate']`, `['cost', 'review']` (the first word of a pair is a group). */
  readonly name: readonly string[];
  /** One line, lower case, no final period: the command lists and the first line of `--help`. */
  readonly summary: string;
  /** Paragraphs for `--help` and docs/cli.md. @default the summary */
  readonly description?: string;
  readonly arguments?: A;
  readonly options?: O;
  /** What the command calls in AWS, as `--help` and the docs say it. @default 'none' */
  readonly aws?: string;
  /** Command lines that show typical use. @default none */
  readonly examples?: readonly string[];
  /** Run with what the parser checked; return the exit code, or throw `CliError` (one line and a hint). */
  run(parsed: Parsed<O, A>, io: CliIo): Promise<ExitCode>;
}

/** A command as the registry holds it (its option and argument types erased). */
export type Command = CommandDefinition<OptionSpecs, readonly ArgumentSpec[]>;

/** Declare a command; `run` receives typed `args` and `options`. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export function defineCommand<const O extends OptionSpecs = {}, const A extends readonly ArgumentSpec[] = []>(
  definition: CommandDefinition<O, A>,
): Command {
  return definition as unknown as Command;
}

/** A group of commands (`accounts` for `accounts sync` and `accounts cdk-bootstrap`): `landfall accounts` lists them. */
export interface CommandGroup {
  readonly name: readonly string[];
  readonly summary: string;
}

/** A switch. */
export function flag<const S extends Omit<FlagOption, 'kind'>>(spec: S): S & { readonly kind: 'flag' } {
  return { ...spec, kind: 'flag' };
}

/** An option with one value. */
export function value<const S extends Omit<ValueOption, 'kind'>>(spec: S): S & { readonly kind: 'value' } {
  return { ...spec, kind: 'value' };
}

/** An option given once per value. */
export function list<const S extends Omit<ListOption, 'kind'>>(spec: S): S & { readonly kind: 'list' } {
  return { ...spec, kind: 'list' };
}

/** `dryRun` as a flag: `--dry-run`. */
export function optionFlag(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** The usage line: `landfall redrive ENV WORKER [--rate N] [--dry-run] [--format text|json] [--config DIR]`. */
export function usageLine(command: Command): string {
  return ['landfall', ...command.name, usageTail(command)].filter(Boolean).join(' ');
}

/** The usage line after the command words. */
export function usageTail(command: Command): string {
  const args = (command.arguments ?? []).map((a) => (a.optional ? `[${a.name.toUpperCase()}]` : a.name.toUpperCase()));
  const options = Object.entries(command.options ?? {})
    .filter(([, spec]) => !spec.hidden)
    .map(([key, spec]) => {
      const name = optionFlag(key);
      if (spec.kind === 'flag') return `[${name}]`;
      if (spec.kind === 'list') return `[${name} ${spec.placeholder}]...`;
      const term = `${name} ${spec.choices ? spec.choices.join('|') : spec.placeholder}`;
      return spec.required ? term : `[${term}]`;
    });
  return [...args, ...options].join(' ');
}
