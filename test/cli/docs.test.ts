import * as fs from 'node:fs';
import * as path from 'node:path';
import { optionFlag } from '../../lib/cli/command';
import { COMMAND_GROUPS, COMMANDS } from '../../lib/cli/commands';
import { commandReference, withSections } from '../../lib/cli/reference';
import { REPO_ROOT } from '../support/example';

const DOC = path.join(REPO_ROOT, 'docs', 'cli.md');

describe('docs/cli.md', () => {
  it('holds the command reference generated from the command definitions (run `npm run docs:cli`)', async () => {
    const doc = fs.readFileSync(DOC, 'utf8');
    expect(doc).toBe(withSections(doc, await commandReference(COMMANDS, COMMAND_GROUPS)));
  });

  // The field review found `--json` in the docs where the code said `--format json`: every landfall command line
  // the docs quote (inline code outside code blocks) must name a command and options the CLI has.
  // The getting-started guide is followed command by command: its code blocks are checked too.
  const WHOLE = new Set(['docs/getting-started.md']);
  it.each([
    'README.md',
    'docs/cli.md',
    'docs/organization.md',
    'docs/operations.md',
    'docs/environments.md',
    'docs/getting-started.md',
  ])('%s quotes only commands and options the CLI has', (file) => {
    const source = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
    const text = source.replace(/```[\s\S]*?```/g, '');
    const blockLines = WHOLE.has(file)
      ? [...source.matchAll(/```[^\n]*\n([\s\S]*?)```/g)].flatMap(([, block]) =>
          block
            .replace(/\\\n\s*/g, ' ')
            .split('\n')
            .flatMap((l) => /^\s*(?:npx )?landfall (.+)$/.exec(l)?.slice(1) ?? []),
        )
      : [];
    if (WHOLE.has(file)) expect(blockLines.length).toBeGreaterThan(5);
    const wrong: string[] = [];
    for (const line of [...[...text.matchAll(/`(?:npx )?landfall ([^`]+)`/g)].map((m) => m[1]), ...blockLines]) {
      const words = line.split(/\s+/);
      const rest = words[0] === 'help' ? words.slice(1) : words;
      const command = [...COMMANDS]
        .sort((a, b) => b.name.length - a.name.length)
        .find((c) => c.name.every((w, i) => rest[i] === w));
      const group = COMMAND_GROUPS.some((g) => g.name.every((w, i) => rest[i] === w));
      if (!command) {
        if (!group && !/^[A-Z]/.test(rest[0] ?? '') && rest[0] !== undefined && !rest[0].startsWith('-'))
          wrong.push(`${line}: no such command`);
        continue;
      }
      const options = new Set(
        Object.entries(command.options ?? {})
          .filter(([, spec]) => !spec.hidden)
          .map(([key]) => optionFlag(key)),
      );
      for (const flag of line.match(/--[a-z][a-z-]*/g) ?? [])
        if (flag !== '--help' && !options.has(flag)) wrong.push(`${line}: ${command.name.join(' ')} has no ${flag}`);
    }
    // Where only the CLI is the subject, an option quoted on its own must be one of a command.
    const anyOption = new Set(COMMANDS.flatMap((c) => Object.keys(c.options ?? {}).map(optionFlag)));
    for (const [, flag] of file === 'docs/cli.md' || file === 'README.md'
      ? text.matchAll(/`(--[a-z][a-z-]*)[^`]*`/g)
      : [])
      if (flag !== '--help' && flag !== '--version' && !anyOption.has(flag)) wrong.push(`${flag}: no command has it`);
    expect(wrong).toEqual([]);
  });

  it('fails loudly when a marker is missing', () => {
    expect(() => withSections('no markers', { commands: '', 'command-help': '' })).toThrow(
      'docs/cli.md lacks the markers <!-- commands:begin --> ... <!-- commands:end -->',
    );
  });
});
