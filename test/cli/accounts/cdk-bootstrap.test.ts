import * as fs from 'node:fs';
import * as path from 'node:path';
import { cdkBootstrapCommand, cdkBootstrapTargets } from '../../../lib/cli/accounts/cdk-bootstrap';
import { runIn, tempRepo } from '../../support/cli';
import { referenceModel } from '../../support/example';

const EXEC = '--cloudformation-execution-policies arn:aws:iam::aws:policy/AdministratorAccess --termination-protection';

describe('cdk bootstrap commands', () => {
  it('gives every account a command for the home region and every other allowed region (RegionalBaseline stacks)', () => {
    expect(cdkBootstrapTargets(referenceModel()).map((t) => `${t.account.name} ${t.region}`)).toEqual([
      'management ap-northeast-1',
      'management us-east-1',
      'security ap-northeast-1',
      'security us-east-1',
      'log-archive ap-northeast-1',
      'log-archive us-east-1',
      'dev ap-northeast-1',
      'dev us-east-1',
      'stg ap-northeast-1',
      'stg us-east-1',
      'prod ap-northeast-1',
      'prod us-east-1',
    ]);
  });

  it('trusts the management account in every other account, with the qualifier and execution policy', () => {
    const commands = cdkBootstrapTargets(referenceModel()).map((t) => t.command);
    expect(commands[0]).toBe(
      `npx cdk bootstrap aws://111111111111/ap-northeast-1 --profile management --qualifier hnb659fds ${EXEC}`,
    );
    expect(commands[10]).toBe(
      `npx cdk bootstrap aws://666666666666/ap-northeast-1 --profile prod --qualifier hnb659fds --trust 111111111111 ${EXEC}`,
    );
  });

  it('uses the qualifier of platform.deploy.cdkQualifier', () => {
    const model = referenceModel();
    const custom = {
      ...model,
      platform: { ...model.platform, deploy: { ...model.platform.deploy, cdkQualifier: 'acme1' } },
    };
    expect(cdkBootstrapTargets(custom)[0].command).toContain('--qualifier acme1');
  });

  it('trusts another deploying account and names profiles by a format with --trust and --profile-format', async () => {
    const run = await runIn(
      [cdkBootstrapCommand],
      ['accounts', 'cdk-bootstrap', '--trust', 'security', '--profile-format', 'acme-{name}-{id}'],
      { cwd: tempRepo(undefined, { discovered: true }) },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `npx cdk bootstrap aws://444444444444/ap-northeast-1 --profile acme-dev-444444444444 --qualifier hnb659fds --trust 222222222222 ${EXEC}`,
    );
    expect(run.stdout).toContain(
      `npx cdk bootstrap aws://222222222222/ap-northeast-1 --profile acme-security-222222222222 --qualifier hnb659fds ${EXEC}`,
    );
  });

  it('rejects a --trust account that is not in the config', async () => {
    const run = await runIn([cdkBootstrapCommand], ['accounts', 'cdk-bootstrap', '--trust', 'ci']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(
      'landfall: --trust ci: no such account (allowed: management, security, log-archive, dev, stg, prod)',
    );
  });

  it('prints no command for an account the sync has not found yet', async () => {
    const root = tempRepo(undefined, { discovered: true });
    const file = path.join(root, 'config', 'discovered.json');
    const discovered = JSON.parse(fs.readFileSync(file, 'utf8'));
    discovered.accounts = discovered.accounts.filter((a: { name: string }) => a.name !== 'prod');
    fs.writeFileSync(file, JSON.stringify(discovered));
    const run = await runIn([cdkBootstrapCommand], ['accounts', 'cdk-bootstrap'], { cwd: root });
    expect(run.stdout).toContain(
      '# prod in ap-northeast-1: not in the organization yet: next `npx cdk deploy Org/Organization` (rollout step deploy-org-organization), then `npx landfall accounts sync` (rollout step accounts-sync-members)',
    );
    expect(run.stdout).not.toContain('aws://666666666666');
  });

  it('refuses while the trusted account ID is a placeholder, naming the field and the value (exit 4)', async () => {
    const run = await runIn([cdkBootstrapCommand], ['accounts', 'cdk-bootstrap']);
    expect([run.code, run.stdout]).toEqual([4, '']);
    expect(run.stderr.split('\n')[0]).toBe(
      'landfall: config/platform.ts accounts[0].id: "111111111111" is a placeholder (an example account ID): put the management account\'s real ID here (`aws sts get-caller-identity` with its credentials); `landfall accounts cdk-bootstrap` needs it',
    );
  });
});
