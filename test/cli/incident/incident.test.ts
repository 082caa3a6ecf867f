import * as fs from 'node:fs';
import * as path from 'node:path';
import { DescribeAlarmHistoryCommand, DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import { ListServiceDeploymentsCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { makeIncidentNewCommand } from '../../../lib/cli/incident/command';
import { incidentListCommand } from '../../../lib/cli/incident/list';
import { postmortemFileName, slugOf } from '../../../lib/cli/incident/postmortem';
import { runIn, tempRepo } from '../../support/cli';
import { fakeAws, freshOrganization } from '../../support/fake-aws';

const PROD = '666666666666';
const END = new Date('2026-11-30T10:00:00Z');
const at = (hhmm: string) => new Date(`2026-11-30T${hhmm}:00Z`);

/** The prod account as AWS would answer for a 2-hour incident on api: alarm history, one release, a 5% error rate. */
function prodAccount() {
  const aws = fakeAws(freshOrganization({ callerAccount: PROD }));
  const cloudWatch = mockClient(aws.clients.cloudWatch);
  cloudWatch.on(DescribeAlarmHistoryCommand).resolves({
    AlarmHistoryItems: [
      {
        AlarmName: 'landfall-prod-api-availability-burn-fast',
        Timestamp: at('08:40'),
        HistorySummary: 'Alarm updated from OK to ALARM',
      },
      // A window of a composite: it notifies nobody, so the timeline leaves it out.
      {
        AlarmName: 'landfall-prod-api-availability-burn-fast-short',
        Timestamp: at('08:36'),
        HistorySummary: 'Alarm updated from OK to ALARM',
      },
      {
        AlarmName: 'landfall-prod-api-availability-burn-fast',
        Timestamp: at('09:20'),
        HistorySummary: 'Alarm updated from ALARM to OK',
      },
      // Another service's alarm: not in scope with --service api.
      { AlarmName: 'landfall-prod-jobs-dlq-not-empty', Timestamp: at('08:50'), HistorySummary: 'Alarm updated' },
    ],
  });
  cloudWatch.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames: string[] }) => ({
    MetricAlarms: input.AlarmNames.map((name) => ({
      AlarmName: name,
      Metrics: [
        { Id: 'expr', Expression: '100 * FILL(errors, 0) / requests', ReturnData: true },
        {
          Id: 'errors',
          ReturnData: false,
          MetricStat: {
            Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'HTTPCode_Target_5XX_Count' },
            Period: 300,
            Stat: 'Sum',
          },
        },
        {
          Id: 'requests',
          ReturnData: false,
          MetricStat: {
            Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'RequestCount' },
            Period: 300,
            Stat: 'Sum',
          },
        },
      ],
    })),
  }));
  // 5% of requests failed over the window; 2% were slower than the latency target.
  cloudWatch.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => ({
    MetricDataResults: [{ Id: 'expr', Values: [input.MetricDataQueries?.length === 3 ? 5 : 0] }],
  }));
  const ecs = mockClient(aws.clients.ecs);
  ecs.on(ListServiceDeploymentsCommand).resolves({
    serviceDeployments: [
      {
        startedAt: at('08:30'),
        finishedAt: at('09:15'),
        status: 'ROLLBACK_SUCCESSFUL',
        statusReason: 'alarm landfall-prod-api-server-errors',
        targetServiceRevisionArn: 'arn:aws:ecs:ap-northeast-1:666666666666:service-revision/landfall-prod/api/42',
      },
    ],
  });
  return { aws, cloudWatch, ecs };
}

function incident(args: string[], cwd: string, clients = prodAccount().aws.factory) {
  const command = makeIncidentNewCommand({ clients, retry: { attempts: 1 }, now: () => END });
  return runIn([command], ['incident', 'new', ...args], { cwd });
}

describe('postmortem file names', () => {
  it('slugs the title and dates the file by the end of the incident window (UTC)', () => {
    expect(slugOf('Checkout 502s after deploy!')).toBe('checkout-502s-after-deploy');
    expect(postmortemFileName('Café: queue backlog', new Date('2026-12-01T23:30:00-02:00'))).toBe(
      '2026-12-02-cafe-queue-backlog.md',
    );
  });

  it('refuses a title with nothing to name the file with', () => {
    expect(() => slugOf('!!!')).toThrow(
      'title "!!!" has no letters or digits to name the file with (allowed: a short title such as "checkout 502s after deploy")',
    );
  });
});

describe('landfall incident new', () => {
  it('pre-fills the timeline with the alarms of the services in scope and their releases, in time order', async () => {
    const repo = tempRepo();
    const run = await incident(['checkout 502s after deploy', '--env', 'prod', '--service', 'api'], repo);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout.split('\n')[0]).toBe(
      'wrote docs/postmortems/2026-11-30-checkout-502s-after-deploy.md: 4 timeline entries, 2 error budgets',
    );
    const text = fs.readFileSync(path.join(repo, 'docs/postmortems/2026-11-30-checkout-502s-after-deploy.md'), 'utf8');
    const timeline = text.slice(text.indexOf('## Timeline'), text.indexOf('## Contributing factors'));
    expect(timeline.split('\n').filter((l) => l.startsWith('- '))).toEqual([
      '- 2026-11-30 08:30 UTC: release of api started (revision 42)',
      '- 2026-11-30 08:40 UTC: landfall-prod-api-availability-burn-fast: Alarm updated from OK to ALARM',
      '- 2026-11-30 09:15 UTC: release of api ended: ROLLBACK_SUCCESSFUL (alarm landfall-prod-api-server-errors)',
      '- 2026-11-30 09:20 UTC: landfall-prod-api-availability-burn-fast: Alarm updated from ALARM to OK',
    ]);
    expect(
      text.startsWith(
        '---\ntitle: "checkout 502s after deploy"\ndate: 2026-11-30\nenvironment: prod\nservices: api\nstatus: draft\n---\n',
      ),
    ).toBe(true);
  });

  it("measures the error budget spent with the burn-rate alarm's own queries over the whole window", async () => {
    const { aws, cloudWatch } = prodAccount();
    const repo = tempRepo();
    const run = await incident(['api errors', '--env', 'prod', '--service', 'api', '--since', '2h'], repo, aws.factory);
    expect(run.code).toBe(0);
    const calls = cloudWatch.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input);
    // One value for the window: every metric's period is the window (7,200 s), from its start.
    expect(calls[0].MetricDataQueries?.map((q) => q.MetricStat?.Period)).toEqual([undefined, 7200, 7200]);
    expect([calls[0].StartTime, calls[0].EndTime]).toEqual([at('08:00'), END]);
    const text = fs.readFileSync(path.join(repo, 'docs/postmortems/2026-11-30-api-errors.md'), 'utf8');
    // 5% bad over 2 h against a 0.1% budget over 30 days: 5 / 0.1 x 2 h / 720 h = 13.9% of the budget.
    expect(text).toContain('| api | availability 99.9% | 5% | 13.9% |');
  });

  it('writes the template without AWS with --offline, and says what was not pre-filled', async () => {
    const repo = tempRepo();
    const clients = () => {
      throw new Error('no AWS client may be created offline');
    };
    const command = makeIncidentNewCommand({ clients, now: () => END });
    const run = await runIn([command], ['incident', 'new', 'queue backlog', '--env', 'stg', '--offline'], {
      cwd: repo,
    });
    expect([run.code, run.stderr]).toEqual([0, 'note: written with --offline: nothing was read from AWS\n']);
    const text = fs.readFileSync(path.join(repo, 'docs/postmortems/2026-11-30-queue-backlog.md'), 'utf8');
    expect(text).toContain('- Window: 2026-11-30 08:00 UTC to 2026-11-30 10:00 UTC (120 minutes).');
    expect(text).toContain('> Not pre-filled: written with --offline: nothing was read from AWS');
  });

  it('never overwrites a postmortem (exit 4), and leaves the first one as it was', async () => {
    const repo = tempRepo();
    await incident(['api errors', '--env', 'prod', '--offline'], repo);
    const file = path.join(repo, 'docs/postmortems/2026-11-30-api-errors.md');
    fs.appendFileSync(file, 'our notes\n');
    const again = await incident(['api errors', '--env', 'prod', '--offline'], repo);
    expect([again.code, again.stderr.split('\n')[0]]).toEqual([
      4,
      'landfall: docs/postmortems/2026-11-30-api-errors.md exists',
    ]);
    expect(fs.readFileSync(file, 'utf8').endsWith('our notes\n')).toBe(true);
  });

  it('refuses credentials of another account than the environment', async () => {
    const aws = fakeAws(freshOrganization({ callerAccount: '444444444444' }));
    const run = await incident(['api errors', '--env', 'prod'], tempRepo(), aws.factory);
    expect([run.code, run.stderr.split('\n')[0]]).toEqual([
      4,
      'landfall: the credentials are for account 444444444444; environment prod is in account 666666666666 (prod)',
    ]);
  });

  it.each([
    [
      ['x', '--since', '2w'],
      'landfall: --since "2w" is not a duration (allowed: minutes, hours or days up to 30 days, such as 90m, 2h or 1d)',
    ],
    [
      ['x', '--since', '31d'],
      'landfall: --since "31d" is not a duration (allowed: minutes, hours or days up to 30 days, such as 90m, 2h or 1d)',
    ],
    [['x', '--service', 'api'], 'landfall: --service needs --env ENV (alarm and release names are per environment)'],
    [['x', '--env', 'prod', '--service', 'web'], 'landfall: --service "web" is not a service (allowed: api, jobs)'],
    [
      ['???', '--env', 'prod'],
      'landfall: title "???" has no letters or digits to name the file with (allowed: a short title such as "checkout 502s after deploy")',
    ],
    [
      ['x', '--at', 'yesterday'],
      'landfall: --at "yesterday" is not an ISO 8601 time (for example 2026-03-06T10:00:00+09:00)',
    ],
  ])('refuses %j with one line (exit 2), writing nothing', async (args, message) => {
    const repo = tempRepo();
    const run = await incident(args, repo);
    expect([run.code, run.stderr.split('\n')[0]]).toEqual([2, message]);
    expect(fs.existsSync(path.join(repo, 'docs', 'postmortems'))).toBe(false);
  });
});

describe('landfall incident list', () => {
  it('lists the postmortems newest first from their front matter', async () => {
    const repo = tempRepo();
    for (const [title, end] of [
      ['older one', '2026-11-02T10:00:00Z'],
      ['newer one', '2026-11-20T10:00:00Z'],
    ] as const) {
      const command = makeIncidentNewCommand({ now: () => new Date(end) });
      await runIn([command], ['incident', 'new', title, '--env', 'prod', '--offline'], { cwd: repo });
    }
    const run = await runIn([incidentListCommand], ['incident', 'list', '--format', 'json'], { cwd: repo });
    expect(
      JSON.parse(run.stdout).map((p: { date: string; title: string; status: string }) => [p.date, p.title, p.status]),
    ).toEqual([
      ['2026-11-20', 'newer one', 'draft'],
      ['2026-11-02', 'older one', 'draft'],
    ]);
  });

  it('says how to write the first one when there is none', async () => {
    const run = await runIn([incidentListCommand], ['incident', 'list'], { cwd: tempRepo() });
    expect([run.code, run.stdout]).toEqual([
      0,
      'No postmortems in docs/postmortems yet: landfall incident new "TITLE" --env ENV\n',
    ]);
  });
});
