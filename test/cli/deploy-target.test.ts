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

  it('fails with --github-output outside GitHub Actions', async () => {
    const run = await runIn([deployTargetCommand], ['deploy-target', 'prod', '--github-output']);
    expect(run.code).toBe(4);
    expect(run.stderr).toBe(
      'landfall: --github-output needs the GITHUB_OUTPUT environment variable (set in GitHub Actions steps)\n',
    );
  });
});
