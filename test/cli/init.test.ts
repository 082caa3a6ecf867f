import * as fs from 'node:fs';
import * as path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { makeInitCommand } from '../../lib/cli/init/command';
import { loadPlatform } from '../../lib/plan/load';
import { runIn, tempRepo } from '../support/cli';
import { buildApp, stackAt } from '../support/example';

const FLAGS = [
  'init',
  '--name',
  'northwind',
  '--email-base',
  'ops@northwind.io',
  '--home-region',
  'eu-west-1',
  '--existing-account',
  'production',
  '--existing-account-id',
  '740583619432',
  '--existing-account-email',
  'aws@northwind.io',
];

/** A repository without config/platform.ts (services kept: they must load with the new platform). */
function emptyRepo(): { root: string; file: string } {
  const root = tempRepo();
  const file = path.join(root, 'config', 'platform.ts');
  fs.rmSync(file);
  return { root, file };
}

const noPrompt = async (): Promise<string> => {
  throw new Error('no prompt expected');
};

describe('landfall init', () => {
  it('writes a platform.ts that loads and validates as synth loads it, and points at landfall rollout', async () => {
    const { root, file } = emptyRepo();
    const run = await runIn([makeInitCommand(noPrompt)], FLAGS, { cwd: root });
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain('Wrote config/platform.ts.\nNext: `npx landfall validate`');
    expect(run.stdout).toContain('`npx landfall rollout`');
    const model = loadPlatform(path.dirname(file));
    expect(model.platform.organization.name).toBe('northwind');
    expect(model.platform.allowedRegions).toEqual(['eu-west-1', 'us-east-1']);
    expect(model.environments.map((e) => `${e.name}:${e.tier}`)).toEqual(['dev:dev', 'stg:stg', 'prod:prod']);
    expect(model.platform.accounts.map((a) => a.email)).toEqual([
      'ops+management@northwind.io',
      'ops+security@northwind.io',
      'ops+log-archive@northwind.io',
      'ops+dev@northwind.io',
      'ops+stg@northwind.io',
      'aws@northwind.io',
    ]);
  });

  it('makes the existing account the prod account, invited and left out of the Organization stack until imported', async () => {
    const { root, file } = emptyRepo();
    await runIn([makeInitCommand(noPrompt)], FLAGS, { cwd: root });
    const model = loadPlatform(path.dirname(file));
    expect(model.platform.accounts[5]).toMatchObject({
      name: 'prod',
      id: '740583619432',
      invited: true,
      importPending: true,
    });
    const organization = Template.fromStack(stackAt(buildApp({ model }), 'Org/Organization'));
    const names = Object.values(organization.findResources('AWS::Organizations::Account')).map(
      (a) => (a.Properties as { AccountName: string }).AccountName,
    );
    expect(names).toEqual(['security', 'log-archive', 'dev', 'stg']);
  });

  it('asks on a terminal for what the flags leave out, through the injected prompt reader', async () => {
    const { root, file } = emptyRepo();
    const questions: string[] = [];
    const answers = [
      'acme-two',
      'aws@acme.dev',
      'us-west-2',
      'eu-west-1',
      'dev prod',
      'legacy',
      '851694720543',
      'root@acme.dev',
    ];
    const prompt = async (question: string) => {
      questions.push(question);
      return answers.shift() ?? '';
    };
    const run = await runIn([makeInitCommand(prompt)], ['init'], { cwd: root, isTty: true });
    expect(run.code).toBe(0);
    expect(questions[0]).toBe('Organization name (2-20 lowercase letters, digits, dashes)');
    const model = loadPlatform(path.dirname(file));
    expect(model.platform.allowedRegions).toEqual(['us-west-2', 'eu-west-1', 'us-east-1']);
    expect(model.platform.accounts.map((a) => a.name)).toEqual([
      'management',
      'security',
      'log-archive',
      'dev',
      'prod',
      'legacy',
    ]);
    expect(model.platform.accounts[5]).toMatchObject({ id: '851694720543', email: 'root@acme.dev', invited: true });
  });

  it('refuses to make the existing account the management account, says why, and writes nothing', async () => {
    const { root, file } = emptyRepo();
    const args = FLAGS.map((a) => (a === 'production' ? 'management' : a));
    const run = await runIn([makeInitCommand(noPrompt)], args, { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'landfall: --existing-account "management": the account that runs production never becomes the management account (allowed: production, legacy)\n' +
        'hint: SCPs never apply to the management account, and every deploy role trusts it: keep workloads out of it (docs/getting-started.md)\n',
    );
    expect(fs.existsSync(file)).toBe(false);
  });

  it.each([
    [
      '--name',
      'Northwind',
      'landfall: --name "Northwind": must be 2-20 characters of lowercase letters, digits and dashes, starting with a letter',
    ],
    [
      '--home-region',
      'europe',
      'landfall: --home-region "europe": is not an AWS region name (for example ap-northeast-1)',
    ],
    [
      '--existing-account-id',
      '74058361943',
      'landfall: --existing-account-id "74058361943": is not a 12-digit AWS account ID',
    ],
    ['--email-base', 'ops-at-northwind', 'landfall: --email-base "ops-at-northwind": is not a valid email address'],
  ])('refuses %s %s with the schema rule the loader applies, and writes nothing', async (flag, bad, message) => {
    const { root, file } = emptyRepo();
    const args = [...FLAGS];
    args[args.indexOf(flag) + 1] = bad;
    const run = await runIn([makeInitCommand(noPrompt)], args, { cwd: root });
    expect([run.code, run.stderr.split('\n')[0]]).toEqual([2, message]);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('never overwrites an existing platform.ts without --force (exit 4), and does with it', async () => {
    const root = tempRepo();
    const file = path.join(root, 'config', 'platform.ts');
    const before = fs.readFileSync(file, 'utf8');
    const refused = await runIn([makeInitCommand(noPrompt)], FLAGS, { cwd: root });
    expect([refused.code, refused.stderr.split('\n')[0]]).toEqual([
      4,
      'landfall: config/platform.ts exists; init never overwrites it without --force',
    ]);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    const forced = await runIn([makeInitCommand(noPrompt)], [...FLAGS, '--force'], { cwd: root });
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toContain("name: 'northwind'");
  });

  it('names the missing flags instead of asking when no terminal is attached', async () => {
    const { root } = emptyRepo();
    const run = await runIn([makeInitCommand(noPrompt)], ['init', '--name', 'northwind'], { cwd: root });
    expect([run.code, run.stderr.split('\n')[0]]).toEqual([
      2,
      'landfall: init needs --home-region, --email-base (no terminal to ask on)',
    ]);
  });
});
