import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ListAccountsCommand } from '@aws-sdk/client-organizations';
import { makeAccountsSyncCommand } from '../../../lib/cli/accounts/sync';
import { writeFileAtomic } from '../../../lib/cli/accounts/discovered-file';
import { loadConfig } from '../../../lib/config';
import { runIn, tempRepo } from '../../support/cli';
import { fakeAws, freshOrganization } from '../../support/fake-aws';
import type { FakeAws } from '../../support/fake-aws';

const instant = { sleep: async () => undefined, baseDelayMs: 1 };

function sync(aws: FakeAws, root: string, args: string[] = []) {
  return runIn([makeAccountsSyncCommand({ clients: aws.factory, retry: instant })], ['accounts', 'sync', ...args], {
    cwd: root,
  });
}

const discoveredOf = (root: string) =>
  JSON.parse(fs.readFileSync(path.join(root, 'config', 'discovered.json'), 'utf8'));

describe('landfall accounts sync', () => {
  let root: string;
  beforeEach(() => {
    root = tempRepo();
  });

  it('writes the account IDs the organization gives the config emails (matched case-insensitively)', async () => {
    const run = await sync(fakeAws(), root);
    expect(run.code).toBe(0);
    expect(discoveredOf(root).accounts.map((a: { name: string; id: string }) => [a.name, a.id])).toEqual([
      ['management', '111111111111'],
      ['security', '210987654321'],
      ['log-archive', '310987654321'],
      ['dev', '410987654321'],
      ['stg', '510987654321'],
      ['prod', '610987654321'],
    ]);
    expect(run.stdout).toContain('config/discovered.json created: 6 account IDs, Identity Center IDs.');
  });

  it('records each account parent: the root or the OU with its name', async () => {
    await sync(fakeAws(), root);
    const accounts = discoveredOf(root).accounts;
    expect(accounts[0].parent).toEqual({ id: 'r-a1b2', type: 'ROOT', name: 'Root' });
    expect(accounts[3].parent).toEqual({ id: 'ou-a1b2-w0rk10ad', type: 'ORGANIZATIONAL_UNIT', name: 'Workloads' });
  });

  it('writes the Identity Center instance ARN, identity store ID and group IDs', async () => {
    await sync(fakeAws(), root);
    expect(discoveredOf(root).identityCenter).toEqual({
      instanceArn: 'arn:aws:sso:::instance/ssoins-7758a1b2c3d4e5f6',
      identityStoreId: 'd-9067a1b2c3',
      groups: {
        auditors: '9067a1b2c3-3c4d5e6f-7a8b-9c0d-1e2f-3a4b5c6d7e8f',
        developers: '9067a1b2c3-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
        finance: '9067a1b2c3-4d5e6f7a-8b9c-0d1e-2f3a-4b5c6d7e8f9a',
        'on-call': '9067a1b2c3-2b3c4d5e-6f7a-8b9c-0d1e-2f3a4b5c6d7e',
        'platform-admins': '9067a1b2c3-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d',
      },
    });
  });

  it('makes the app read the synced IDs: loadConfig returns them over the placeholders of platform.ts', async () => {
    await sync(fakeAws(), root);
    const model = loadConfig(path.join(root, 'config'));
    expect(model.accounts.security.id).toBe('210987654321');
    expect(model.discovered?.identityCenter?.identityStoreId).toBe('d-9067a1b2c3');
    expect(model.platform.identityCenter.identityStoreId).toBe('d-9067a1b2c3');
    expect(model.platform.identityCenter.groups['on-call']).toBe('9067a1b2c3-2b3c4d5e-6f7a-8b9c-0d1e-2f3a4b5c6d7e');
  });

  it('leaves the file byte-identical when the organization has not changed', async () => {
    const aws = fakeAws();
    await sync(aws, root);
    const before = fs.readFileSync(path.join(root, 'config', 'discovered.json'), 'utf8');
    const second = await sync(aws, root);
    expect(second.stdout).toContain('config/discovered.json is unchanged');
    expect(fs.readFileSync(path.join(root, 'config', 'discovered.json'), 'utf8')).toBe(before);
  });

  it('reports a config account whose email matches no account, exits 1, and still writes the others', async () => {
    const state = freshOrganization();
    state.accounts = state.accounts.filter((a) => a.name !== 'prod');
    const run = await sync(fakeAws(state), root);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      [
        'landfall: config account "prod" (aws+prod@example.com) matches no account of organization o-a1b2c3d4e5 by email',
        'hint: create missing accounts: `npx cdk deploy Org/Organization` (rollout step deploy-org-organization), or correct their email in config/platform.ts; the IDs of the accounts found were written',
        '',
      ].join('\n'),
    );
    expect(run.stdout).toContain('Config accounts not in the organization:\n  prod (aws+prod@example.com)');
    expect(discoveredOf(root).accounts).toHaveLength(5);
  });

  it('lists accounts of the organization that the config does not name, and leaves them alone', async () => {
    const state = freshOrganization();
    state.accounts.push({
      id: '777777777777',
      name: 'legacy',
      email: 'legacy@example.com',
      state: 'ACTIVE',
      parentId: 'r-a1b2',
    });
    const aws = fakeAws(state);
    const run = await sync(aws, root);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Accounts in the organization but not in the config (left alone):\n  777777777777 legacy (legacy@example.com), ACTIVE, in Root',
    );
  });

  it('reports suspended accounts, and fails when a config account is suspended', async () => {
    const state = freshOrganization();
    state.accounts.push({
      id: '888888888888',
      name: 'old',
      email: 'old@example.com',
      state: 'SUSPENDED',
      parentId: 'r-a1b2',
    });
    state.accounts[4].state = 'SUSPENDED';
    const run = await sync(fakeAws(state), root);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'Accounts that are not active (suspended or closing):\n  510987654321 stg (AWS+STG@example.com): SUSPENDED\n  888888888888 old (old@example.com): SUSPENDED',
    );
    expect(run.stderr).toContain(
      'landfall: config account "stg" (510987654321) is SUSPENDED in organization o-a1b2c3d4e5',
    );
  });

  it('never creates, moves or closes accounts: it only reads Organizations', async () => {
    const aws = fakeAws();
    await sync(aws, root);
    const names = aws.organizations.calls().map((c) => (c.args[0] as object).constructor.name);
    expect(names.every((n) => /^(Describe|List)/.test(n))).toBe(true);
  });

  it('writes nothing with --dry-run', async () => {
    const run = await sync(fakeAws(), root, ['--dry-run']);
    expect(run.stdout).toContain('config/discovered.json would be created');
    expect(fs.existsSync(path.join(root, 'config', 'discovered.json'))).toBe(false);
  });

  it('regenerates a stale discovered file that the loader would reject', async () => {
    fs.writeFileSync(path.join(root, 'config', 'discovered.json'), '{"accounts": 1}');
    const run = await sync(fakeAws(), root);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('config/discovered.json updated');
  });

  it('prints the cdk bootstrap commands with the synced IDs', async () => {
    const run = await sync(fakeAws(), root);
    expect(run.stdout).toContain(
      'npx cdk bootstrap aws://210987654321/ap-northeast-1 --profile security --qualifier landfall --trust 111111111111 --cloudformation-execution-policies arn:aws:iam::210987654321:policy/landfall-cdk-execution --custom-permissions-boundary landfall-cdk-boundary --termination-protection',
    );
  });

  it('reads every page of the accounts and of the Identity Center instances', async () => {
    const state = freshOrganization({ pageSize: 2 });
    // Instances of other owners fill the first page; the organization's instance is on the second.
    for (const n of [1, 2])
      state.instances.unshift({
        arn: `arn:aws:sso:::instance/ssoins-other${n}`,
        identityStoreId: `d-other${n}`,
        owner: '999999999999',
      });
    const aws = fakeAws(state);
    const run = await sync(aws, root);
    expect(run.code).toBe(0);
    expect(discoveredOf(root).accounts).toHaveLength(6);
    expect(aws.organizations.commandCalls(ListAccountsCommand)).toHaveLength(3);
    expect(discoveredOf(root).identityCenter.instanceArn).toBe('arn:aws:sso:::instance/ssoins-7758a1b2c3d4e5f6');
  });

  it('prints a JSON report with --format json', async () => {
    const run = await sync(fakeAws(), root, ['--format', 'json']);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      file: 'config/discovered.json',
      change: 'created',
      dryRun: false,
      problems: [],
      notInOrganization: [],
    });
    // Every account in each region its stacks use (the rollout plan's regions): home and us-east-1.
    expect(report.cdkBootstrap).toHaveLength(12);
  });
});

describe('writeFileAtomic', () => {
  const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'landfall-atomic-'));

  it('replaces the file with the new content', () => {
    const file = path.join(dir(), 'discovered.json');
    fs.writeFileSync(file, 'old');
    writeFileAtomic(file, 'new');
    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['discovered.json']);
  });

  it('leaves the old file intact and no temporary file when writing fails halfway', () => {
    const file = path.join(dir(), 'discovered.json');
    fs.writeFileSync(file, 'old');
    const failing = {
      writeFileSync: (f: string, data: string) => {
        fs.writeFileSync(f, data.slice(0, 3));
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
      renameSync: fs.renameSync,
      rmSync: fs.rmSync,
    };
    expect(() => writeFileAtomic(file, 'new content', failing)).toThrow('ENOSPC');
    expect(fs.readFileSync(file, 'utf8')).toBe('old');
    expect(fs.readdirSync(path.dirname(file))).toEqual(['discovered.json']);
  });
});
