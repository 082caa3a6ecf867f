import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { memoryIo } from '../../lib/cli/io';
import { main } from '../../lib/cli/main';
import { REPO_ROOT } from '../support/example';
import packageJson from '../../package.json';

const THREE_MISTAKES = 'test/fixtures/three-mistakes';

describe('landfall validate', () => {
  it('summarizes accounts, environments and services of a valid config and exits 0', async () => {
    const io = memoryIo({ cwd: REPO_ROOT });
    expect(await main(['validate', '--config', 'test/fixtures/reference/config'], io)).toBe(0);
    expect(io.stdout()).toContain('config: valid. Organization acme (owner platform-team), home region ap-northeast-1');
    expect(io.stdout()).toMatch(/Accounts \(6\):[\s\S]*prod\s+workload\s+666666666666/);
    expect(io.stdout()).toMatch(/Environments \(3\):[\s\S]*prod\s+prod\s+prod \(666666666666\)\s+3\s+2-20\s+365\s+yes/);
    expect(io.stdout()).toMatch(/Services \(2, deployed to every environment\):[\s\S]*api\s+web\s+512\s+1024\s+jobs/);
  });

  it('prints all three problems of a config with three mistakes and exits 1', async () => {
    const io = memoryIo({ cwd: REPO_ROOT });
    expect(await main(['validate', '--config', THREE_MISTAKES], io)).toBe(1);
    expect(io.stderr()).toBe(
      [
        'test/fixtures/three-mistakes/platform.ts has 2 problems:',
        '  * accounts[0].id: "11111111111" is not a 12-digit AWS account ID',
        '  * availabilityZones[1]: "us-east-1c" is not in the home region ap-northeast-1 (allowed: ap-northeast-1a, ap-northeast-1b, ...)',
        'test/fixtures/three-mistakes/services/web.ts has 1 problem:',
        '  * memoryMiB: 4096 is not allowed with cpu 256 (allowed: 512, 1024, 2048)',
        '',
        '3 problems found; nothing was synthesized.',
        '',
      ].join('\n'),
    );
    expect(io.stdout()).toBe('');
  });

  it('prints problems as JSON for scripts', async () => {
    const io = memoryIo({ cwd: REPO_ROOT });
    expect(await main(['validate', '--config', THREE_MISTAKES, '--format', 'json'], io)).toBe(1);
    const parsed = JSON.parse(io.stdout()) as { valid: boolean; problems: Array<{ file: string; path: string }> };
    expect(parsed.valid).toBe(false);
    expect(parsed.problems.map((p) => p.path)).toEqual(['accounts[0].id', 'availabilityZones[1]', 'memoryMiB']);
  });

  it('rejects an unknown flag with the usage and exit code 2', async () => {
    const io = memoryIo({ cwd: REPO_ROOT });
    expect(await main(['validate', '--confg', 'x'], io)).toBe(2);
    expect(io.stderr()).toBe(
      'landfall: unknown option --confg (did you mean --config?)\nhint: usage: landfall validate [--config DIR] [--format text|md|json]\n',
    );
    expect(io.stdout()).toBe('');
  });

  it('rejects an unknown command with the list of commands and exit code 2', async () => {
    const io = memoryIo({ cwd: REPO_ROOT });
    expect(await main(['valdiate'], io)).toBe(2);
    expect(io.stderr()).toMatch(
      /^landfall: unknown command "valdiate" \(did you mean validate\?\)\nhint: commands: init, validate, rollout, bootstrap, accounts sync, .* \(landfall help\)\n$/,
    );
  });

  it('prints the summary as Markdown tables with --format md', async () => {
    const io = memoryIo({ cwd: REPO_ROOT });
    expect(await main(['validate', '--config', 'test/fixtures/reference/config', '--format', 'md'], io)).toBe(0);
    expect(io.stdout()).toContain(
      '### Services (2, deployed to every environment):\n\n| service | kind | cpu | memory MiB | sends to |\n| --- | --- | ---: | ---: | --- |\n| api | web | 512 | 1024 | jobs |',
    );
  });

  it('reports a config directory that does not exist as a config problem, not a crash', async () => {
    const io = memoryIo({ cwd: REPO_ROOT });
    expect(await main(['validate', '--config', 'nowhere'], io)).toBe(1);
    expect(io.stderr()).toContain('nowhere/platform.ts has 1 problem:\n  * does not exist');
  });
});

describe('the landfall bin', () => {
  it('answers --help with exit 0 and the usage, and --version with the package version', () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin/landfall-cli.js'), ...args], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      });
    const help = run(['validate', '--help']);
    expect([help.status, help.stdout.split('\n')[0]]).toEqual([
      0,
      'Usage: landfall validate [--config DIR] [--format text|md|json]',
    ]);
    const version = run(['--version']);
    expect([version.status, version.stdout]).toEqual([0, `${packageJson.version}\n`]);
  });

  it('exits 1 with every problem and no stack trace', () => {
    const result = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'bin/landfall-cli.js'), 'validate', '--config', THREE_MISTAKES],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr.match(/^ {2}\* /gm)).toHaveLength(3);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});
