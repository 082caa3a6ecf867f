import * as fs from 'node:fs';
import * as path from 'node:path';
import { defineCommand, value } from '../command';
import { EXIT } from '../errors';
import { RESULT_FORMAT_OPTION } from '../options';
import { table } from '../table';
import { POSTMORTEM_DIR } from './command';
import type { PostmortemSummary } from './postmortem';
import { readSummary } from './postmortem';

/** The postmortems of a directory, newest first (by date, then file name); README.md is the directory's guide. */
export function listPostmortems(dir: string): PostmortemSummary[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f.toLowerCase() !== 'readme.md')
    .map((f) => readSummary(f, fs.readFileSync(path.join(dir, f), 'utf8')))
    .sort((a, b) => b.date.localeCompare(a.date) || b.file.localeCompare(a.file));
}

/** `landfall incident list`: every postmortem with its date, environment, services and status. */
export const incidentListCommand = defineCommand({
  name: ['incident', 'list'],
  summary: 'list the postmortems of docs/postmortems/ with date, environment, services and status',
  description:
    'Reads the front matter of every postmortem in docs/postmortems/ (what `landfall incident new` writes) and lists them newest first: date, title, environment, services and status (draft until the team changes it to reviewed).',
  options: {
    dir: value({
      placeholder: 'DIR',
      default: POSTMORTEM_DIR,
      description: 'the postmortem directory, relative to the working directory',
    }),
    format: RESULT_FORMAT_OPTION,
  },
  examples: ['landfall incident list', 'landfall incident list --format json'],
  async run({ options }, io) {
    const dir = path.resolve(io.cwd, options.dir);
    const found = listPostmortems(dir);
    if (options.format === 'json') {
      io.out(JSON.stringify(found, null, 2));
      return EXIT.ok;
    }
    if (found.length === 0) {
      io.out(`No postmortems in ${path.relative(io.cwd, dir) || dir} yet: landfall incident new "TITLE" --env ENV`);
      return EXIT.ok;
    }
    io.out(
      table(
        found,
        [
          { header: 'date', value: (p) => p.date },
          { header: 'title', value: (p) => p.title },
          { header: 'environment', value: (p) => p.environment },
          { header: 'services', value: (p) => p.services },
          { header: 'status', value: (p) => p.status },
          { header: 'file', value: (p) => p.file },
        ],
        'text',
      ),
    );
    return EXIT.ok;
  },
});
