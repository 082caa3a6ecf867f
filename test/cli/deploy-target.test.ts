import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deployTargetCommand } from '../../lib/cli/deploy-target';
import { ROLE_NAMES } from '../../lib/naming';
import { runIn } from '../support/cli';

describe('landfall deploy-target', () => {
  it("prints the environment's account, region, Baseline deploy role and stack selector", async () => {
    const run = await runIn([deployTargetCommand], ['deploy-target', 'stg']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `account-id=555555555555\nregion=ap-northeast-1\nrole-arn=arn:aws:iam::555555555555:role/${ROLE_NAMES.githubDeploy}\nstacks=stg/*\n`,
    );
  });

  it('appends the values to $GITHUB_OUTPUT with --github-output', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'landfall-gh-')), 'output');
    fs.writeFileSync(file, 'earlier=1\n');
    await runIn([deployTargetCommand], ['deploy-target', 'prod', '--github-output'], { env: { GITHUB_OUTPUT: file } });
    expect(fs.readFileSync(file, 'utf8')).toBe(
      'earlier=1\naccount-id=666666666666\nregion=ap-northeast-1\nrole-arn=arn:aws:iam::666666666666:role/landfall-github-deploy\nstacks=prod/*\n',
    );
  });

  it('prints the target as JSON with --format json', async () => {
    const run = await runIn([deployTargetCommand], ['deploy-target', 'dev', '--format', 'json']);
    expect(JSON.parse(run.stdout)).toEqual({
      environment: 'dev',
      accountId: '444444444444',
      region: 'ap-northeast-1',
      roleArn: `arn:aws:iam::444444444444:role/${ROLE_NAMES.githubDeploy}`,
      stacks: 'dev/*',
    });
  });

  it('refuses an environment that is not in the config with exit 2, naming the allowed ones', async () => {
    const run = await runIn([deployTargetCommand], ['deploy-target', 'nope']);
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toBe(
      'landfall: "nope" is not an environment (allowed: dev, stg, prod)\n' +
        'hint: usage: landfall deploy-target ENV [--github-output] [--format text|json] [--config DIR]\n',
    );
  });

  it('refuses --format json with --github-output', async () => {
    const run = await runIn([deployTargetCommand], ['deploy-target', 'dev', '--format', 'json', '--github-output']);
    expect([run.code, run.stderr.split('\n')[0]]).toEqual([
      2,
      'landfall: --format json and --github-output exclude each other',
    ]);
  });

  it('fails with --github-output outside GitHub Actions', async () => {
    const run = await runIn([deployTargetCommand], ['deploy-target', 'prod', '--github-output']);
    expect(run.code).toBe(4);
    expect(run.stderr).toBe(
      'landfall: --github-output needs the GITHUB_OUTPUT environment variable (set in GitHub Actions steps)\n',
    );
  });
});
