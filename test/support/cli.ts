import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Command } from '../../lib/cli/command';
import { memoryIo } from '../../lib/cli/io';
import { main } from '../../lib/cli/main';
import { REFERENCE_ROOT, REPO_ROOT } from './example';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Run commands in-process through `main` (parser, one-line errors and exit codes included). The working directory
 * is the reference fixture unless given, so `--config` defaults to its config/, never the repository's own.
 */
export async function runIn(
  commands: readonly Command[],
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; isTty?: boolean } = {},
): Promise<CliRun> {
  const io = memoryIo({ cwd: options.cwd ?? REFERENCE_ROOT, env: options.env ?? {}, isTty: options.isTty });
  const code = await main(args, io, commands);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

/**
 * A throwaway repository root with a copy of the reference fixture's `config/` and `services/` and a link to `lib/`,
 * so commands can write files without touching the working tree. The config files' imports of `lib/config` are
 * rewritten for the new depth (`../lib/config`, as in a real repository). `edit` rewrites platform.ts;
 * `discovered` adds the `config/discovered.json` that `landfall accounts sync` writes for the reference organization.
 */
export function tempRepo(
  edit: (platformTs: string) => string = (s) => s,
  options: { readonly discovered?: boolean } = {},
): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'landfall-cli-'));
  fs.cpSync(path.join(REFERENCE_ROOT, 'config'), path.join(root, 'config'), { recursive: true });
  // The reference services build their images from these directories.
  fs.cpSync(path.join(REFERENCE_ROOT, 'services'), path.join(root, 'services'), { recursive: true });
  fs.symlinkSync(path.join(REPO_ROOT, 'lib'), path.join(root, 'lib'), 'dir');
  for (const file of configModules(path.join(root, 'config'))) {
    const depth = path.relative(path.dirname(file), root).split(path.sep).filter(Boolean).length;
    const lib = `${'../'.repeat(depth)}lib/config`;
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/(['"])(?:\.\.\/)+lib\/config\1/g, `$1${lib}$1`));
  }
  const platform = path.join(root, 'config', 'platform.ts');
  fs.writeFileSync(platform, edit(fs.readFileSync(platform, 'utf8')));
  if (options.discovered) {
    fs.copyFileSync(
      path.join(REPO_ROOT, 'test', 'fixtures', 'discovered', 'discovered.json'),
      path.join(root, 'config', 'discovered.json'),
    );
  }
  return root;
}

/** The TypeScript modules under a config directory. */
function configModules(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Run the real CLI (`node bin/landfall-cli.js ...`) as a child process. */
export function runCliProcess(
  args: readonly string[],
  options: { cwd: string; env: Record<string, string | undefined> },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'landfall-cli.js'), ...args], {
      cwd: options.cwd,
      env: options.env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
