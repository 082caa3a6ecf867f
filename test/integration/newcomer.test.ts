import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCliProcess, tempRepo } from '../support/cli';
import { REPO_ROOT } from '../support/example';

/**
 * Issue 11's drill, as a newcomer does it from a fresh clone: replace the organization name and every example email
 * in config/platform.ts, add a worker and a web service that sends to it with `new-service`, then `landfall
 * validate`, `cdk synth` and the platform suite (the tests that read config/) all pass. The example is the
 * reference fixture's copy, so this test never depends on what a team has done to its own config/.
 */
describe('a newcomer edits the example and adds two services', () => {
  const root = tempRepo((platform) =>
    platform
      .replace("name: 'acme'", "name: 'globex'")
      .replace("owner: 'platform-team'", "owner: 'sre'")
      .replaceAll('@example.com', '@globex.io'),
  );
  for (const entry of ['bin', 'constructs', 'node_modules', 'cdk.json', 'tsconfig.json', 'package.json', 'docs']) {
    fs.symlinkSync(path.join(REPO_ROOT, entry), path.join(root, entry));
  }
  const env = { ...process.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: 'landfall-none' };
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('adds the worker and the web service that sends to it', async () => {
    const worker = await runCliProcess(['new-service', 'mailer', '--kind', 'worker'], { cwd: root, env });
    expect([worker.code, worker.stderr]).toEqual([0, '']);
    const web = await runCliProcess(['new-service', 'billing', '--kind', 'web', '--sends-to', 'mailer'], {
      cwd: root,
      env,
    });
    expect([web.code, web.stderr]).toEqual([0, '']);
  });

  it('validates', async () => {
    const run = await runCliProcess(['validate'], { cwd: root, env });
    // The example IDs are still in the config: validate names them (on stderr) and still passes.
    expect(run.stderr.trim().split('\n').pop()).toMatch(/^\d+ placeholders left: the config is valid/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Organization globex (owner sre)');
    expect(run.stdout).toMatch(/Services \(4, deployed to every environment\)/);
  });

  it('synthesizes offline', () => {
    const run = spawnSync('npx', ['cdk', 'synth', '--quiet'], { cwd: root, env, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/Service-billing/);
  });

  it('keeps the platform suite green on the edited config', () => {
    const run = spawnSync(
      'npx',
      ['jest', '--rootDir', REPO_ROOT, '--maxWorkers=1', '--ci', path.join(REPO_ROOT, 'test', 'platform')],
      { cwd: REPO_ROOT, env: { ...env, LANDFALL_TEAM_CONFIG: path.join(root, 'config') }, encoding: 'utf8' },
    );
    expect(run.stderr).toMatch(/Tests: +\d+ passed, \d+ total/);
    expect(run.status).toBe(0);
  });
});
