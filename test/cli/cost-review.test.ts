import * as fs from 'node:fs';
import * as path from 'node:path';
import { costReport } from '../../lib/cli/cost-review';
import { readAssembly } from '../../lib/cli/assembly';
import { memoryIo } from '../../lib/cli/io';
import { main } from '../../lib/cli/main';
import { tempRepo } from '../support/cli';
import { emptyDir, mutatedAssembly } from '../support/assembly-copy';
import { buildApp, REFERENCE_CONFIG_DIR, referencePlatform, REPO_ROOT, validate } from '../support/example';

const built = buildApp();
built.app.synth();

/** The review over the reference fixture's config (never the repository's own config/). */
async function run(args: string[], config = REFERENCE_CONFIG_DIR) {
  const io = memoryIo({ cwd: REPO_ROOT });
  const code = await main([...args, '--config', config], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

const SUBSCRIBERS = 'platform-alerts@example.com; finance@example.com; SNS landfall-cost (slack C0COST12345)';
const NOTIFICATIONS = 'ACTUAL > 80%, ACTUAL > 100%, FORECASTED > 100%';
const ANOMALY = 'impact >= $50 and impact >= 25% (DAILY)';

describe('landfall cost review over the example config', () => {
  it('prints every account budget, thresholds, subscribers and anomaly detection, and no problem', async () => {
    const { code, out } = await run(['cost', 'review', '--out', built.outdir]);
    expect(code).toBe(0);
    const pad = (s: string, n: number) => s.padEnd(n);
    const row = (account: string, id: string, budget: string) =>
      `${pad(account, 11)}  ${id}  ${budget.padStart(12)}  ${NOTIFICATIONS}  ${SUBSCRIBERS}  ${ANOMALY}`.trimEnd();
    expect(out).toBe(
      [
        'Cost review',
        '',
        'Accounts (6; $2,500 a month in budgets)',
        '',
        `account      id            budget/month  ${pad('notifications', NOTIFICATIONS.length)}  ${pad('subscribers', SUBSCRIBERS.length)}  anomaly alerts`,
        `-----------  ------------  ------------  ${'-'.repeat(NOTIFICATIONS.length)}  ${'-'.repeat(SUBSCRIBERS.length)}  ${'-'.repeat(ANOMALY.length)}`,
        row('management', '111111111111', '$100'),
        row('security', '222222222222', '$150'),
        row('log-archive', '333333333333', '$50'),
        row('dev', '444444444444', '$300'),
        row('stg', '555555555555', '$400'),
        row('prod', '666666666666', '$1,500'),
        '',
        'Anomaly detection (1 subscription)',
        '',
        'subscription       frequency  threshold                        accounts  subscribers',
        '-----------------  ---------  -------------------------------  --------  ------------------------------------------------',
        'landfall-accounts  DAILY      impact >= $50 and impact >= 25%         6  platform-alerts@example.com; finance@example.com',
        '',
        'Billing alarms (1)',
        '',
        'alarm                               region     threshold  subscribers',
        '----------------------------------  ---------  ---------  ------------------------------------------------------------------------------------------------------',
        'landfall-billing-estimated-charges  us-east-1  > $2,800   SNS landfall-billing (email platform-alerts@example.com, email finance@example.com, slack C0COST12345)',
        '',
        'Problems (0)',
        '',
        'None.',
        '',
      ].join('\n'),
    );
  });

  it('prints Markdown for a job summary', async () => {
    const { code, out } = await run(['cost', 'review', '--out', built.outdir, '--format', 'md']);
    expect(code).toBe(0);
    expect(out.split('\n').slice(0, 7)).toEqual([
      '## Cost review',
      '',
      '### Accounts (6; $2,500 a month in budgets)',
      '',
      '| account | id | budget/month | notifications | subscribers | anomaly alerts |',
      '| --- | --- | ---: | --- | --- | --- |',
      `| management | 111111111111 | $100 | ${NOTIFICATIONS} | ${SUBSCRIBERS} | ${ANOMALY} |`,
    ]);
  });

  it('prints JSON with one row per account', async () => {
    const { out } = await run(['cost', 'review', '--out', built.outdir, '--format', 'json']);
    const report = JSON.parse(out);
    expect(report.accounts.map((a: { account: string; budget: string }) => [a.account, a.budget])).toEqual([
      ['management', '$100'],
      ['security', '$150'],
      ['log-archive', '$50'],
      ['dev', '$300'],
      ['stg', '$400'],
      ['prod', '$1,500'],
    ]);
    expect(report.problems).toEqual([]);
  });
});

describe('landfall cost review flags problems', () => {
  it('says what to run first when there is no cdk.out', async () => {
    const dir = emptyDir();
    const { code, out, err } = await run(['cost', 'review', '--out', dir]);
    expect([code, out]).toEqual([4, '']);
    expect(err).toBe(
      `landfall: no cloud assembly at ${dir} (manifest.json is missing)\n` +
        'hint: run `npx cdk synth --quiet` first: the report reads the synthesized templates in cdk.out, no AWS access needed\n',
    );
  });

  it('warns when cdk.out is older than the config, naming both times, and still reviews', async () => {
    const config = path.join(tempRepo(), 'config');
    const edited = new Date(Date.now() + 3_600_000);
    fs.utimesSync(path.join(config, 'platform.ts'), edited, edited);
    const synthesized = fs.statSync(path.join(built.outdir, 'manifest.json')).mtime;
    const { code, out, err } = await run(['cost', 'review', '--out', built.outdir], config);
    expect(code).toBe(0);
    expect(out).toContain('Accounts (6; $2,500 a month in budgets)');
    expect(err).toBe(
      `warning: ${built.outdir} was synthesized at ${synthesized.toISOString()}, before ${path.join(config, 'platform.ts')} changed at ${edited.toISOString()}: the review may not match the config; run \`npx cdk synth\` first\n`,
    );
  });

  it('flags an account without a budget or anomaly detection (cdk.out older than the config)', () => {
    const platform = referencePlatform() as { accounts: unknown[] };
    platform.accounts.push({
      name: 'sandbox',
      role: 'workload',
      id: '777777777777',
      email: 'aws+sandbox@example.com',
      monthlyBudgetUsd: 80,
    });
    const report = costReport(readAssembly(built.outdir), validate(platform));
    expect(report.problems).toEqual([
      'account sandbox (777777777777) has no budget',
      'account sandbox (777777777777) has no anomaly detection (no monitor in a subscription watches it)',
    ]);
  });

  it('flags a budget without subscribers and exits 1', async () => {
    const out = mutatedAssembly(built.outdir, 'OrgCost', (t) => {
      for (const [id, r] of Object.entries(t.Resources)) {
        if (r.Type === 'AWS::Chatbot::SlackChannelConfiguration') delete t.Resources[id];
        if (r.Type === 'AWS::Budgets::Budget' && JSON.stringify(r).includes('landfall-dev-monthly')) {
          for (const n of r.Properties?.NotificationsWithSubscribers as Array<{
            Subscribers: Array<{ SubscriptionType: string }>;
          }>) {
            n.Subscribers = n.Subscribers.filter((s) => s.SubscriptionType === 'SNS');
          }
        }
      }
    });
    const { code, out: text } = await run(['cost', 'review', '--out', out]);
    expect(code).toBe(1);
    expect(text).toContain(
      'Problems (1)\n\n- budget landfall-dev-monthly has no subscriber (no email, and no SNS topic with a subscription)',
    );
  });

  it('flags an organization without anomaly detection', () => {
    const out = mutatedAssembly(built.outdir, 'OrgCost', (t) => {
      for (const [id, r] of Object.entries(t.Resources))
        if (r.Type === 'AWS::CE::AnomalySubscription') delete t.Resources[id];
    });
    const report = costReport(readAssembly(out), validate(referencePlatform()));
    expect(report.problems).toHaveLength(6);
    expect(report.problems[0]).toBe(
      'account management (111111111111) has no anomaly detection (no monitor in a subscription watches it)',
    );
  });

  it('flags a missing billing alarm', () => {
    const out = mutatedAssembly(built.outdir, 'OrgBilling', (t) => {
      for (const [id, r] of Object.entries(t.Resources))
        if (r.Type === 'AWS::CloudWatch::Alarm') delete t.Resources[id];
    });
    expect(costReport(readAssembly(out), validate(referencePlatform())).problems).toEqual([
      'no billing alarm: no AWS/Billing EstimatedCharges alarm in any stack (expected in Org/Billing, us-east-1)',
    ]);
  });

  it('flags a budget whose amount differs from the config', () => {
    const platform = referencePlatform() as { accounts: Array<{ name: string; monthlyBudgetUsd: number }> };
    platform.accounts[3].monthlyBudgetUsd = 350;
    expect(costReport(readAssembly(built.outdir), validate(platform)).problems).toEqual([
      'budget landfall-dev-monthly is $300 in cdk.out but accounts[dev].monthlyBudgetUsd is $350 (run npx cdk synth)',
    ]);
  });
});
