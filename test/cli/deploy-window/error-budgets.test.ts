import * as fs from 'node:fs';
import * as path from 'node:path';
import { DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { makeDeployWindowCommand } from '../../../lib/cli/deploy-window/command';
import { runIn, tempRepo } from '../../support/cli';
import { fakeAws, freshOrganization } from '../../support/fake-aws';

const PROD = '666666666666';
/** A Thursday, 11:00 in Tokyo: inside the reference prod window (mon-thu 10:00-16:00 Asia/Tokyo). */
const AT = '2026-03-05T11:00:00+09:00';

/** The reference repository with api opted in to the release freeze. */
function optedIn(): string {
  const repo = tempRepo();
  const file = path.join(repo, 'config', 'services', 'api.ts');
  const text = fs.readFileSync(file, 'utf8');
  const edited = text.replace('latencyPercent: 99 }', 'latencyPercent: 99, freezeReleasesWhenBudgetSpent: true }');
  expect(edited).not.toBe(text);
  fs.writeFileSync(file, edited);
  return repo;
}

/** The prod account where api's last 30 days had `bad` percent of failed and of slow requests. */
function prodAccount(bad: { availability: number; latency: number }, account = PROD) {
  const aws = fakeAws(freshOrganization({ callerAccount: account }));
  const cloudWatch = mockClient(aws.clients.cloudWatch);
  // Each window alarm measures its objective with its own metric; the fake names the metric after the alarm.
  cloudWatch.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames: string[] }) => ({
    MetricAlarms: input.AlarmNames.map((name) => ({
      AlarmName: name,
      Metrics: [
        { Id: 'bad', Expression: '100 * FILL(m, 0)', ReturnData: true },
        { Id: 'm', ReturnData: false, MetricStat: { Metric: { MetricName: name }, Period: 300, Stat: 'Sum' } },
      ],
    })),
  }));
  cloudWatch.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => {
    const metric = input.MetricDataQueries?.[1]?.MetricStat?.Metric?.MetricName ?? '';
    return {
      MetricDataResults: [{ Id: 'bad', Values: [metric.includes('availability') ? bad.availability : bad.latency] }],
    };
  });
  return { aws, cloudWatch };
}

function check(repo: string, factory: ReturnType<typeof fakeAws>['factory'], extra: string[] = []) {
  const command = makeDeployWindowCommand({ clients: factory, retry: { attempts: 1 } });
  return runIn([command], ['deploy-window', 'check', 'prod', '--at', AT, '--error-budgets', ...extra], { cwd: repo });
}

describe('landfall deploy-window check --error-budgets (the error budget policy, opt-in per service)', () => {
  it('refuses a deploy while an opted-in service has spent its 30-day budget (exit 1)', async () => {
    // 0.104% of requests failed over 30 days against a 0.1% budget: 104% of it.
    const { aws } = prodAccount({ availability: 0.104, latency: 0.5 });
    const run = await check(optedIn(), aws.factory);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')).toEqual([
      'landfall: prod: api has spent its availability error budget (104%); the error budget policy freezes releases until it recovers',
      'hint: deploy a fix with --force --reason "...", or wait until the budget recovers',
      '',
    ]);
  });

  it('lets a fix through with --force --reason, and says so', async () => {
    const { aws } = prodAccount({ availability: 0.2, latency: 0.5 });
    const run = await check(optedIn(), aws.factory, ['--force', '--reason', 'fix for INC-7']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('api has spent its availability error budget (200%)');
    expect(run.stdout).toContain('overridden with --force: fix for INC-7');
  });

  it('lets the deploy go with the budgets left, measured over 30 days in one period', async () => {
    const { aws, cloudWatch } = prodAccount({ availability: 0.05, latency: 0.1 });
    const run = await check(optedIn(), aws.factory);
    expect([run.code, run.stdout.split('\n')[1]]).toEqual([
      0,
      'prod: error budgets left: api availability 99.9%: 50% spent, api latency 99%: 10% spent.',
    ]);
    const input = cloudWatch.commandCalls(GetMetricDataCommand)[0].args[0].input;
    // GetMetricData: a start more than 15 days ago needs a period that is a multiple of 3,600 s; 30 days is.
    expect(input.MetricDataQueries?.[1].MetricStat?.Period).toBe(30 * 24 * 3600);
    expect(input.StartTime).toEqual(new Date(new Date(AT).getTime() - 30 * 24 * 3600 * 1000));
  });

  it('reads nothing from AWS when no service opted in', async () => {
    const command = makeDeployWindowCommand({
      clients: () => {
        throw new Error('no AWS client may be created');
      },
    });
    const run = await runIn([command], ['deploy-window', 'check', 'prod', '--at', AT, '--error-budgets'], {
      cwd: tempRepo(),
    });
    expect([run.code, run.stdout.split('\n')[1]]).toEqual([
      0,
      'prod: no service freezes its releases on its error budget (slo.freezeReleasesWhenBudgetSpent).',
    ]);
  });

  it("refuses credentials of another account than the environment's (exit 4)", async () => {
    const { aws } = prodAccount({ availability: 0, latency: 0 }, '444444444444');
    const run = await check(optedIn(), aws.factory);
    expect([run.code, run.stderr.split('\n')[0]]).toEqual([
      4,
      'landfall: the credentials are for account 444444444444; environment prod is in account 666666666666 (prod)',
    ]);
  });
});
