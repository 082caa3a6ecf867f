import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deployTargetCommand } from '../../lib/cli/deploy-target';
import { ROLE_NAMES } from '../../lib/naming';
import { runIn, tempRepo } from '../support/cli';

describe('landfall deploy-target', () => {
  // The account IDs `landfall accounts sync` wrote: confirmed by the organization, so not placeholders.
  let synced: string;
  beforeAll(() => {
    synced = tempRepo(undefined, { discovered: true });
  });
  it("prints the environment's account, region, Baseline deploy role and stack selector", async () => {
    const run = await runIn([deployTargetCommand], ['deploy-target', 'stg'], { cwd: synced });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `account-id=555555555555\nregion=ap-northeast-1\nrole-arn=arn:aws:iam::555555555555:role/${ROLE_NAMES.githubDeploy}\nstacks=stg/*\n`,
    );
  });

  it('appends the values to $GITHUB_OUTPUT with --github-output', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'landfall-gh-')), 'output');
    fs.writeFileSync(file, 'earlier=1\n');
    await runIn([deployTargetCommand], ['deploy-target', 'prod', '--github-output'], {
      cwd: synced,
      env: { GITHUB_OUTPUT: file },
    });
    expect(fs.readFileSync(file, 'utf8')).toBe(
      'earlier=1\naccount-id=666666666666\nregion=ap-northeast-1\nrole-arn=arn:aws:iam::666666666666:role/landfall-github-deploy\nstacks=prod/*\n',
    );
  });

  it('prints the target as JSON with --format json', async () => {
    const run = await runIn([deployTargetCommand], ['deploy-target', 'dev', '--format', 'json'], { cwd: synced });
    expect(JSON.parse(run.stdout)).toEqual({
      environment: 'dev',
      accountId: '444444444444',
      region: 'ap-northeast-1',
      roleArn: `arn:aws:iam::444444444444:role/${ROLE_NAMES.githubDeploy}`,
      stacks: 'dev/*',
    });
  });

  it('refuses an environment that is not in the config with exit 2, naming the allowed ones', async () => {
    const run = await runIn([deployTargetCommand], ['deploy-target', 'nope'], { cwd: synced });
    expect([run.code, run.stdout]).toEqual([2, '']);
    expect(run.stderr).toBe(
      'landfall: "nope" is not an environment (allowed: dev, stg, prod)\n' +
        'hint: usage: landfall deploy-target ENV [--github-output] [--format text|json] [--config DIR]\n',
    );
  });

  it('refuses --format json with --github-output', async () => {
    const run = await runIn([deployTargetCommand], ['deploy-target', 'dev', '--format', 'json', '--github-output'], {
      cwd: synced,
    });
    expect([run.code, run.stderr.split('\n')[0]]).toEqual([
      2,
      'landfall: --format json and --github-output exclude each other',
    ]);
  });

  it('fails with --github-output outside GitHub Actions', async () => {
    const run = await runIn([deployTargetCommand], ['deploy-target', 'prod', '--github-output'], { cwd: synced });
    expect(run.code).toBe(4);
    expect(run.stderr).toBe(
      'landfall: --github-output needs the GITHUB_OUTPUT environment variable (set in GitHub Actions steps)\n',
    );
  });

  it("refuses while the environment's account ID is a placeholder, naming the field and the value (exit 4)", async () => {
    const run = await runIn([deployTargetCommand], ['deploy-target', 'prod']);
    expect([run.code, run.stdout]).toEqual([4, '']);
    expect(run.stderr).toBe(
      'landfall: config/platform.ts accounts[5].id: "666666666666" is a placeholder (an example account ID): `npx landfall accounts sync` fills it in once the account exists in the organization; `landfall deploy-target prod` needs it\n' +
        'hint: `landfall validate` lists every placeholder; `landfall rollout` says which step fills each\n',
    );
  });

  it('still prints a target whose other accounts hold placeholders (it needs only its own account ID)', async () => {
    const root = tempRepo((s) => s.replace("'666666666666'", "'962705831654'"));
    const run = await runIn([deployTargetCommand], ['deploy-target', 'prod'], { cwd: root });
    expect([run.code, run.stdout.split('\n')[0]]).toEqual([0, 'account-id=962705831654']);
  });
});
