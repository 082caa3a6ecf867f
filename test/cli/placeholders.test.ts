import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeBootstrapCommand } from '../../lib/cli/bootstrap/command';
import { validateCommand } from '../../lib/cli/validate';
import { runIn, tempRepo } from '../support/cli';
import { fakeAws, freshOrganization } from '../support/fake-aws';

const instant = { sleep: async () => undefined, baseDelayMs: 1 };

describe('landfall validate: placeholders and notices of a valid config', () => {
  it('lists every placeholder on stderr and still exits 0 with the summary on stdout', async () => {
    const run = await runIn([validateCommand], ['validate']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('config: valid.');
    const lines = run.stderr.split('\n');
    expect(lines[0]).toMatch(/^config\/platform\.ts has \d+ placeholders:$/);
    expect(lines).toContain(
      '  * accounts[0].id: "111111111111" is a placeholder (an example account ID): put the management account\'s real ID here (`aws sts get-caller-identity` with its credentials)',
    );
    expect(lines).toContain(
      '  * accounts[1].id: "222222222222" is a placeholder (an example account ID): `npx landfall accounts sync` fills it in once the account exists in the organization',
    );
    expect(run.stderr).toContain('placeholders left: the config is valid, but `landfall deploy-target`');
  });

  it("prints the loader's notices on stderr (a discovered account whose email no config account has)", async () => {
    const root = tempRepo(undefined, { discovered: true });
    const file = path.join(root, 'config', 'discovered.json');
    const discovered = JSON.parse(fs.readFileSync(file, 'utf8'));
    discovered.accounts[5].email = 'aws+old-prod@example.com';
    fs.writeFileSync(file, JSON.stringify(discovered));
    const run = await runIn([validateCommand], ['validate'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'config/discovered.json has 1 notice:\n  * accounts[5].email: "aws+old-prod@example.com" is the email of no account in the platform config: ignored (run `landfall accounts sync` to refresh the file)\n',
    );
  });

  it('puts placeholders and notices in the JSON report instead of stderr with --format json', async () => {
    const run = await runIn([validateCommand], ['validate', '--format', 'json']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const report = JSON.parse(run.stdout) as { valid: boolean; placeholders: Array<{ path: string; value: string }> };
    expect(report.valid).toBe(true);
    expect(report.placeholders[0]).toMatchObject({ path: 'accounts[0].id', value: '111111111111' });
  });
});

describe('landfall bootstrap --apply and placeholders', () => {
  const real = '403925181745';
  const organization = () =>
    fakeAws(
      freshOrganization({
        callerAccount: real,
        organization: { id: 'o-a1b2c3d4e5', managementAccountId: real, featureSet: 'ALL' },
      }),
    );
  const bootstrap = (aws: ReturnType<typeof fakeAws>, args: string[]) =>
    runIn([makeBootstrapCommand({ clients: aws.factory, retry: instant })], ['bootstrap', ...args]);

  it("refuses to change anything while the management account's ID is a placeholder the organization does not confirm", async () => {
    const aws = organization();
    const run = await bootstrap(aws, ['--apply']);
    expect(run.code).toBe(4);
    expect(run.stderr.split('\n')[0]).toBe(
      'landfall: config/platform.ts accounts[0].id: "111111111111" is a placeholder (an example account ID): put the management account\'s real ID here (`aws sts get-caller-identity` with its credentials); `landfall bootstrap --apply` needs it',
    );
    const changes = aws.organizations.calls().filter((c) => /^(Enable|Register)/.test(c.args[0].constructor.name));
    expect(changes).toHaveLength(0);
  });

  it('still shows the plan without --apply (it only reads)', async () => {
    const run = await bootstrap(organization(), []);
    expect(run.stderr).not.toContain('placeholder');
    expect(run.stdout).toContain('Organization o-a1b2c3d4e5: management account 403925181745');
  });
});
