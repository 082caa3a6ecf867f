/**
 * Write the command reference of docs/cli.md from the command definitions (`npm run docs:cli`), or with
 * `--check` exit 1 when the file differs from them. test/cli/docs.test.ts runs the same check.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMAND_GROUPS, COMMANDS } from '../lib/cli/commands';
import { commandReference, withSections } from '../lib/cli/reference';

const FILE = path.join(__dirname, '..', 'docs', 'cli.md');

async function run(): Promise<number> {
  const doc = fs.readFileSync(FILE, 'utf8');
  const next = withSections(doc, await commandReference(COMMANDS, COMMAND_GROUPS));
  if (process.argv.includes('--check')) {
    if (next === doc) return 0;
    console.error('docs/cli.md differs from the command definitions: run `npm run docs:cli`');
    return 1;
  }
  if (next !== doc) fs.writeFileSync(FILE, next);
  console.log(next === doc ? 'docs/cli.md is up to date' : 'docs/cli.md updated');
  return 0;
}

run().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  },
);
