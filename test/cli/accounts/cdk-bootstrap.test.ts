import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cdkBootstrapCommand, cdkBootstrapTargets } from '../../../lib/cli/accounts/cdk-bootstrap';
import { runIn, tempRepo } from '../../support/cli';
import { referenceModel } from '../../support/example';

import { cdkExecutionPolicy, cdkPermissionsBoundary } from '../../../lib/plan/cdk-execution';

/** The reference repository after `accounts sync`: real account IDs, so the command does not refuse placeholders. */
const synced = () => tempRepo(undefined, { discovered: true });

/** The execution policy and boundary landfall defines, by their names in the account (issue 10, item 1). */
const exec = (id: string) =>
  `--cloudformation-execution-policies arn:aws:iam::${id}:policy/landfall-cdk-execution --custom-permissions-boundary landfall-cdk-boundary --termination-protection`;

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
      `npx cdk bootstrap aws://111111111111/ap-northeast-1 --profile management --qualifier landfall ${exec('111111111111')}`,
    );
    expect(commands[10]).toBe(
      `npx cdk bootstrap aws://666666666666/ap-northeast-1 --profile prod --qualifier landfall --trust 111111111111 ${exec('666666666666')}`,
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
      `npx cdk bootstrap aws://444444444444/ap-northeast-1 --profile acme-dev-444444444444 --qualifier landfall --trust 222222222222 ${exec('444444444444')}`,
    );
    expect(run.stdout).toContain(
      `npx cdk bootstrap aws://222222222222/ap-northeast-1 --profile acme-security-222222222222 --qualifier landfall ${exec('222222222222')}`,
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

  it('never attaches AdministratorAccess to the execution role', () => {
    for (const t of cdkBootstrapTargets(referenceModel())) expect(t.command).not.toContain('AdministratorAccess');
  });

  it('prints the create-policy commands once per account, before its bootstrap commands', async () => {
    const run = await runIn([cdkBootstrapCommand], ['accounts', 'cdk-bootstrap'], { cwd: synced() });
    const lines = run.stdout.split('\n');
    const create = lines.filter((l) => l.startsWith('aws iam create-policy') && l.endsWith('--profile prod'));
    expect(create).toEqual([
      `aws iam create-policy --policy-name landfall-cdk-execution --description "${cdkExecutionPolicy('landfall').description}" --policy-document file://./landfall-cdk-execution.json --profile prod`,
      `aws iam create-policy --policy-name landfall-cdk-boundary --description "${cdkPermissionsBoundary('landfall').description}" --policy-document file://./landfall-cdk-boundary.json --profile prod`,
    ]);
    expect(lines.indexOf(create[1])).toBeLessThan(lines.findIndex((l) => l.includes('aws://666666666666/')));
  });

  it('writes the two documents with --write-policies', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'landfall-policies-'));
    const run = await runIn([cdkBootstrapCommand], ['accounts', 'cdk-bootstrap', '--write-policies', dir], {
      cwd: synced(),
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'landfall-cdk-boundary.json'), 'utf8'))).toEqual(
      cdkPermissionsBoundary('landfall').document,
    );
    expect(fs.readdirSync(dir).sort()).toEqual(['landfall-cdk-boundary.json', 'landfall-cdk-execution.json']);
  });

  it('refuses while the trusted account ID is a placeholder, naming the field and the value (exit 4)', async () => {
    const run = await runIn([cdkBootstrapCommand], ['accounts', 'cdk-bootstrap']);
    expect([run.code, run.stdout]).toEqual([4, '']);
    expect(run.stderr.split('\n')[0]).toBe(
      'landfall: config/platform.ts accounts[0].id: "111111111111" is a placeholder (an example account ID): put the management account\'s real ID here (`aws sts get-caller-identity` with its credentials); `landfall accounts cdk-bootstrap` needs it',
    );
  });
});
