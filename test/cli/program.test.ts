import * as path from 'node:path';
import type { Command, CommandGroup } from '../../lib/cli/command';
import { defineCommand, flag, list, optionFlag, usageLine, value } from '../../lib/cli/command';
import { COMMAND_GROUPS, COMMANDS } from '../../lib/cli/commands';
import { EXIT } from '../../lib/cli/errors';
import { memoryIo } from '../../lib/cli/io';
import { main } from '../../lib/cli/main';
import { ENV_ARGUMENT, JSON_ALIAS_OPTION, RESULT_FORMAT_OPTION } from '../../lib/cli/options';
import packageJson from '../../package.json';
import { tempRepo } from '../support/cli';
import { REFERENCE_ROOT } from '../support/example';

async function run(args: string[], commands?: readonly Command[], groups?: readonly CommandGroup[]) {
  const io = memoryIo({ cwd: REFERENCE_ROOT });
  const code = await main(args, io, commands, groups);
  return { code, out: io.stdout(), err: io.stderr() };
}

const names = COMMANDS.map((c) => c.name.join(' '));

describe('help of every command', () => {
  it.each(names)(
    '`landfall %s --help` exits 0 with the usage, the description and every option described',
    async (name) => {
      const command = COMMANDS.find((c) => c.name.join(' ') === name) as Command;
      const { code, out, err } = await run([...command.name, '--help']);
      expect([code, err]).toEqual([0, '']);
      expect(out.split('\n')[0]).toBe(`Usage: ${usageLine(command)}`);
      expect(out.replace(/\s+/g, ' ')).toContain((command.description ?? command.summary).replace(/\s+/g, ' '));
      for (const [key, spec] of Object.entries(command.options ?? {})) {
        const line = out
          .slice(out.indexOf('\nOptions:'))
          .split('\n')
          .find((l) => l.trimStart().startsWith(`${optionFlag(key)} `) || l.trim() === optionFlag(key));
        if (spec.hidden) expect(line).toBeUndefined();
        else expect(line).toContain(spec.description.split(' ').slice(0, 3).join(' '));
      }
      for (const a of command.arguments ?? [])
        expect(out).toMatch(new RegExp(`^ {2}${a.name.toUpperCase()} +\\S`, 'm'));
      expect(out).toContain(`AWS access: ${command.aws ?? 'none'}`.split(' ').slice(0, 4).join(' '));
    },
  );

  it.each(names)('`landfall help %s` prints the same help as --help', async (name) => {
    const words = name.split(' ');
    expect(await run(['help', ...words])).toEqual(await run([...words, '--help']));
  });

  it('lists every command, with its arguments, on `landfall`, `landfall help` and `landfall --help` (exit 0)', async () => {
    const bare = await run([]);
    expect(bare.code).toBe(0);
    expect(await run(['help'])).toEqual(bare);
    expect(await run(['--help'])).toEqual(bare);
    for (const command of COMMANDS) {
      const term = [...command.name, ...(command.arguments ?? []).map((a) => a.name.toUpperCase())].join(' ');
      expect(bare.out).toMatch(
        new RegExp(`^ {2}${term} +${command.summary.slice(0, 20).replace(/[()|.*?[\]]/g, '\\$&')}`, 'm'),
      );
    }
    expect(bare.out).toContain(
      'Exit codes: 0 ok, 1 problems found, 2 usage error, 3 AWS or environment error, 4 precondition not met.',
    );
  });

  it.each(COMMAND_GROUPS.map((g) => g.name.join(' ')))(
    '`landfall %s` and `landfall help %s` list the commands of the group (exit 0)',
    async (group) => {
      const bare = await run([group]);
      expect(bare.code).toBe(0);
      expect(await run(['help', group])).toEqual(bare);
      const inGroup = COMMANDS.filter((c) => c.name[0] === group);
      expect(inGroup.length).toBeGreaterThan(0);
      for (const c of inGroup) expect(bare.out).toMatch(new RegExp(`^ {2}${c.name.join(' ')}\\b`, 'm'));
      for (const c of COMMANDS.filter((c) => c.name[0] !== group))
        expect(bare.out).not.toMatch(new RegExp(`^ {2}${c.name.join(' ')} `, 'm'));
    },
  );

  it('prints the package version with --version and -V', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, out: `${packageJson.version}\n`, err: '' });
    expect((await run(['-V'])).out).toBe(`${packageJson.version}\n`);
  });
});

describe('usage errors: exit 2, one line and a hint, nothing on stdout', () => {
  it.each([
    [
      ['valdiate'],
      'landfall: unknown command "valdiate" (did you mean validate?)',
      /^hint: commands: init, validate, rollout, bootstrap, accounts sync, accounts invite, accounts accept, accounts cdk-bootstrap, .* \(landfall help\)$/,
    ],
    [
      ['accounts', 'synk'],
      'landfall: unknown command "accounts synk" (did you mean sync?)',
      /^hint: commands: accounts sync, accounts invite, accounts accept, accounts cdk-bootstrap \(landfall help accounts\)$/,
    ],
    [['help', 'nope'], 'landfall: unknown command "nope"', /^hint: commands: init, validate, /],
    [['nope', '--help'], 'landfall: unknown command "nope"', /^hint: commands: init, validate, /],
    [
      ['validate', '--confg', 'x'],
      'landfall: unknown option --confg (did you mean --config?)',
      /^hint: usage: landfall validate \[--config DIR\] \[--format text\|md\|json\]$/,
    ],
    [['validate', 'extra'], 'landfall: unexpected argument "extra"', /^hint: usage: landfall validate /],
    [
      ['deploy-target', 'dev', 'stg'],
      'landfall: unexpected argument "stg"',
      /^hint: usage: landfall deploy-target ENV /,
    ],
    [
      ['deploy-target'],
      'landfall: missing ENV (an environment of the config (the names in platform.ts environments))',
      /^hint: usage: landfall deploy-target ENV /,
    ],
    [['validate', '--config'], 'landfall: --config needs a value (DIR)', /^hint: usage: landfall validate /],
    [
      ['validate', '--format', 'html'],
      'landfall: --format "html" is not allowed (allowed: text, md, json)',
      /^hint: usage: landfall validate /,
    ],
    [
      ['deploy-target', 'dev', '--format', 'md'],
      'landfall: --format "md" is not allowed (allowed: text, json)',
      /^hint: usage: landfall deploy-target /,
    ],
    [['alarms', '--json'], 'landfall: unknown option --json', /^hint: usage: landfall alarms /],
  ])('landfall %j', async (args, message, hint) => {
    const { code, out, err } = await run(args);
    expect([code, out]).toEqual([EXIT.usage, '']);
    const lines = err.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(message);
    expect(lines[1]).toMatch(hint);
  });
});

describe('environment names', () => {
  const takingEnv = COMMANDS.filter((c) => (c.arguments ?? []).some((a) => a.name === ENV_ARGUMENT.name));

  it.each(takingEnv.map((c) => c.name.join(' ')))(
    '`landfall %s` refuses an environment the config does not have with exit 2, naming it and the allowed ones',
    async (name) => {
      const command = takingEnv.find((c) => c.name.join(' ') === name) as Command;
      const args = (command.arguments ?? []).map((a) => (a.name === ENV_ARGUMENT.name ? 'nope' : 'jobs'));
      const { code, out, err } = await run([...command.name, ...args]);
      expect([code, out]).toEqual([2, '']);
      expect(err.split('\n')[0]).toBe('landfall: "nope" is not an environment (allowed: dev, stg, prod)');
    },
  );
});

describe('commander stays in-process', () => {
  it('never exits the process or writes to it, for help, --version and usage errors', async () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const stdout = jest.spyOn(process.stdout, 'write');
    const stderr = jest.spyOn(process.stderr, 'write');
    try {
      for (const args of [
        [],
        ['--help'],
        ['--version'],
        ['accounts'],
        ['nope'],
        ['validate', '--nope'],
        ['deploy-target'],
      ])
        await run(args);
      expect(exit).not.toHaveBeenCalled();
      expect(stdout).not.toHaveBeenCalled();
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      exit.mockRestore();
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });
});

describe('--json, the spelling before --format json', () => {
  it('still prints JSON, with a warning on stderr', async () => {
    // A config whose IDs `accounts sync` wrote (deploy-target refuses placeholder account IDs).
    const config = path.join(tempRepo(undefined, { discovered: true }), 'config');
    const { code, out, err } = await run(['deploy-target', 'dev', '--json', '--config', config]);
    expect(code).toBe(0);
    expect(JSON.parse(out).accountId).toBe('444444444444');
    expect(err).toBe('warning: --json is deprecated; use --format json\n');
  });

  it('is refused with another --format', async () => {
    const { code, err } = await run(['deploy-target', 'dev', '--json', '--format', 'text']);
    expect(code).toBe(2);
    expect(err.split('\n')[0]).toBe('landfall: --json means --format json; it cannot be combined with --format text');
  });

  it('is left out of the help', async () => {
    expect((await run(['deploy-target', '--help'])).out).not.toContain('--json');
  });
});

describe('a command declared with defineCommand', () => {
  const seen: unknown[] = [];
  const greet = defineCommand({
    name: ['demo', 'greet'],
    summary: 'greet someone',
    description: 'Greets NAME, or the world.',
    arguments: [ENV_ARGUMENT, { name: 'who', description: 'who to greet', optional: true }],
    options: {
      loud: flag({ description: 'shout' }),
      times: value({ placeholder: 'N', default: '1', description: 'how often' }),
      tone: value({ placeholder: 'TONE', choices: ['warm', 'dry'], required: true, description: 'the tone' }),
      cc: list({ placeholder: 'NAME', description: 'also greet' }),
      format: RESULT_FORMAT_OPTION,
      json: JSON_ALIAS_OPTION,
    },
    aws: 'none, it only greets',
    examples: ['landfall demo greet dev --tone warm'],
    async run({ args, options }, io) {
      // The types follow the declaration: `args.env` is a string, `args.who` may be undefined, `options.tone` is
      // 'warm' | 'dry', `options.cc` a string array.
      const env: string = args.env;
      const tone: 'warm' | 'dry' = options.tone;
      const cc: string[] = options.cc;
      seen.push({ env, who: args.who, tone, cc, loud: options.loud, times: options.times, format: options.format });
      io.out(`hello ${args.who ?? 'world'}`);
      return EXIT.ok;
    },
  });
  const commands = [greet];
  const groups: CommandGroup[] = [{ name: ['demo'], summary: 'demonstrations' }];

  beforeEach(() => (seen.length = 0));

  it('hands run the typed arguments, defaults, choices and repeated options', async () => {
    const result = await run(
      ['demo', 'greet', 'dev', 'ana', '--tone', 'dry', '--cc', 'bo', '--cc', 'cy', '--loud'],
      commands,
      groups,
    );
    expect(result).toEqual({ code: 0, out: 'hello ana\n', err: '' });
    expect(seen).toEqual([
      { env: 'dev', who: 'ana', tone: 'dry', cc: ['bo', 'cy'], loud: true, times: '1', format: 'text' },
    ]);
  });

  it('leaves an optional argument undefined, a flag false and a list empty', async () => {
    await run(['demo', 'greet', 'dev', '--tone', 'warm'], commands, groups);
    expect(seen).toEqual([
      { env: 'dev', who: undefined, tone: 'warm', cc: [], loud: false, times: '1', format: 'text' },
    ]);
  });

  it('refuses a missing required option with its choices', async () => {
    const { code, err } = await run(['demo', 'greet', 'dev'], commands, groups);
    expect(code).toBe(2);
    expect(err).toBe(
      'landfall: --tone is required (allowed: warm, dry)\n' +
        'hint: usage: landfall demo greet ENV [WHO] [--loud] [--times N] --tone warm|dry [--cc NAME]... [--format text|json]\n',
    );
    expect(seen).toEqual([]);
  });

  it('gets its help, usage line, AWS access and examples from the declaration', async () => {
    const { code, out } = await run(['help', 'demo', 'greet'], commands, groups);
    expect(code).toBe(0);
    expect(out).toBe(
      [
        'Usage: landfall demo greet ENV [WHO] [--loud] [--times N] --tone warm|dry [--cc NAME]... [--format text|json]',
        '',
        'Greets NAME, or the world.',
        '',
        'Arguments:',
        '  ENV                an environment of the config (the names in platform.ts environments)',
        '  WHO                who to greet',
        '',
        'Options:',
        '  --loud             shout',
        '  --times <N>        how often (default: "1")',
        '  --tone <TONE>      the tone (choices: "warm", "dry")',
        '  --cc <NAME>        also greet',
        '  --format <FORMAT>  text for terminals and logs, json for scripts (choices: "text", "json",',
        '                     default: "text")',
        '  -h, --help         show what a command does and its options',
        '',
        'AWS access: none, it only greets',
        '',
        'Examples:',
        '  landfall demo greet dev --tone warm',
        '',
      ].join('\n'),
    );
  });

  it('is listed under its group', async () => {
    expect((await run(['demo'], commands, groups)).out).toContain('  demo greet ENV WHO  greet someone');
  });

  it('cannot be registered without its group', async () => {
    const { code, err } = await run(['demo', 'greet', 'dev'], commands, []);
    expect(code).toBe(EXIT.aws);
    expect(err.split('\n')[0]).toBe(
      'landfall: unexpected error: command group "demo" is not declared: add it to COMMAND_GROUPS in lib/cli/commands.ts',
    );
  });

  it('cannot be both a command and a group', async () => {
    const demo = defineCommand({ name: ['demo'], summary: 'a demo', run: async () => EXIT.ok });
    const { err } = await run(['demo'], [demo, greet], groups);
    expect(err.split('\n')[0]).toBe('landfall: unexpected error: command "demo" is declared twice, or is also a group');
  });

  it('cannot be registered twice', async () => {
    const { err } = await run(['demo', 'greet'], [greet, greet], groups);
    expect(err.split('\n')[0]).toBe(
      'landfall: unexpected error: command "demo greet" is declared twice, or is also a group',
    );
  });
});
