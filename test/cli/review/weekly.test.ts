import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ResultByTime } from '@aws-sdk/client-cost-explorer';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { makeReviewWeeklyCommand } from '../../../lib/cli/review/weekly-command';
import { runIn } from '../../support/cli';
import type { FakeAccount } from './fake-review-accounts';
import { fakeReviewAccounts } from './fake-review-accounts';

const [MANAGEMENT, SECURITY, DEV, STG, PROD] = [
  '111111111111',
  '222222222222',
  '444444444444',
  '555555555555',
  '666666666666',
];
/** Monday 00:00 UTC, when the workflow runs: the week reviewed is 2026-11-23 to 2026-11-30. */
const NOW = new Date('2026-11-30T00:00:00Z');
const at = (iso: string) => new Date(`${iso}Z`);

const day = (start: string, groups: Array<[string, string, number]>): ResultByTime => {
  const d = new Date(`${start}T00:00:00Z`);
  const end = new Date(d.getTime() + 86_400_000).toISOString().slice(0, 10);
  return {
    TimePeriod: { Start: start, End: end },
    Groups: groups.map(([account, tag, usd]) => ({
      Keys: [account, tag],
      Metrics: { UnblendedCost: { Amount: String(usd), Unit: 'USD' } },
    })),
  };
};

const finding = (account: string, severity: string, title: string, control?: string): AwsSecurityFinding =>
  ({
    AwsAccountId: account,
    Severity: { Label: severity },
    Title: title,
    Region: 'ap-northeast-1',
    ...(control === undefined ? {} : { Compliance: { SecurityControlId: control } }),
  }) as AwsSecurityFinding;

/** prod: a rough week; dev and stg: quiet; the security account holds the findings. */
function organization(overrides: Record<string, FakeAccount> = {}): Record<string, FakeAccount> {
  return {
    [PROD]: {
      badPercent: { week: 0.05, month: 0.03 },
      alarms: [
        { name: 'landfall-prod-api-availability-burn-fast', state: 'OK', composite: true },
        { name: 'landfall-prod-api-server-errors', state: 'OK' },
        { name: 'landfall-prod-jobs-dlq-not-empty', state: 'ALARM' },
        { name: 'landfall-prod-api-latency-burn-slow', state: 'OK', composite: true },
        { name: 'landfall-prod-api-availability-burn-fast-short', state: 'OK' },
      ],
      history: [
        // 20 days ago: not this week, but not silent for 30 days either.
        {
          AlarmName: 'landfall-prod-api-latency-burn-slow',
          Timestamp: at('2026-11-10T10:00:00'),
          HistoryData: change('OK', 'ALARM'),
        },
        {
          AlarmName: 'landfall-prod-api-latency-burn-slow',
          Timestamp: at('2026-11-10T11:00:00'),
          HistoryData: change('ALARM', 'OK'),
        },
        // In alarm since before the week: counted from its start, 2 hours.
        {
          AlarmName: 'landfall-prod-jobs-dlq-not-empty',
          Timestamp: at('2026-11-23T02:00:00'),
          HistoryData: change('ALARM', 'OK'),
        },
        {
          AlarmName: 'landfall-prod-jobs-dlq-not-empty',
          Timestamp: at('2026-11-29T23:00:00'),
          HistoryData: change('OK', 'ALARM'),
        },
        {
          AlarmName: 'landfall-prod-api-availability-burn-fast',
          Timestamp: at('2026-11-24T08:40:00'),
          HistoryData: change('OK', 'ALARM'),
        },
        {
          AlarmName: 'landfall-prod-api-availability-burn-fast',
          Timestamp: at('2026-11-24T09:20:00'),
          HistoryData: change('ALARM', 'OK'),
        },
        {
          AlarmName: 'landfall-prod-api-availability-burn-fast',
          Timestamp: at('2026-11-26T12:00:00'),
          HistoryData: change('OK', 'ALARM'),
        },
        {
          AlarmName: 'landfall-prod-api-availability-burn-fast',
          Timestamp: at('2026-11-26T12:10:00'),
          HistoryData: change('ALARM', 'OK'),
        },
        // A window input: feeds a composite, notifies nobody.
        {
          AlarmName: 'landfall-prod-api-availability-burn-fast-short',
          Timestamp: at('2026-11-24T08:36:00'),
          HistoryData: change('OK', 'ALARM'),
        },
      ],
      deployments: {
        api: [{ status: 'SUCCESSFUL' }, { status: 'SUCCESSFUL' }, { status: 'ROLLBACK_SUCCESSFUL' }],
        jobs: [{ status: 'SUCCESSFUL' }],
      },
      costPages: [
        [
          day('2026-11-16', [
            [PROD, 'landfall:service$api', 10],
            [PROD, 'landfall:service$', 20],
          ]),
          day('2026-11-24', [
            [PROD, 'landfall:service$api', 15],
            [PROD, 'landfall:service$', 20],
          ]),
        ],
        [day('2026-11-25', [[PROD, 'landfall:service$jobs', 4]])],
      ],
    },
    [DEV]: {},
    [STG]: {},
    [SECURITY]: {
      findings: [
        finding(PROD, 'CRITICAL', 'S3 general purpose buckets should block public access', 'S3.8'),
        finding(PROD, 'HIGH', 'GuardDuty: unusual API calls'),
        finding(DEV, 'HIGH', 'ECS task definitions should not run privileged', 'ECS.4'),
      ],
    },
    ...overrides,
  };
}

function change(from: string, to: string): string {
  return JSON.stringify({ oldState: { stateValue: from }, newState: { stateValue: to } });
}

function tokenFile(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'landfall-review-')), 'token');
  fs.writeFileSync(file, 'eyJ.github-oidc.token\n');
  return file;
}

async function review(args: string[], accounts = organization(), caller?: string) {
  const fake = fakeReviewAccounts(accounts, caller);
  const command = makeReviewWeeklyCommand({ clients: fake.factory, retry: { attempts: 1 }, now: () => NOW });
  const run = await runIn([command], ['review', 'weekly', ...args]);
  return { ...run, ...fake };
}

const section = (text: string, start: string, end: string) =>
  text.slice(text.indexOf(start), text.indexOf(end, text.indexOf(start)));

describe('landfall review weekly, in the workflow (GitHub OIDC token)', () => {
  it("assumes the landfall-review role of every environment's account and of the security account with the token, for one hour", async () => {
    const run = await review(['--web-identity-token-file', tokenFile()]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const assumed = run.inputs.get('no-credentials sts:AssumeRoleWithWebIdentity') as Array<Record<string, unknown>>;
    expect(assumed.map((i) => i.RoleArn)).toEqual(
      [DEV, STG, PROD, SECURITY].map((id) => `arn:aws:iam::${id}:role/landfall-review`),
    );
    expect(assumed[0]).toMatchObject({ WebIdentityToken: 'eyJ.github-oidc.token', DurationSeconds: 3600 });
    expect(run.calls).not.toContain('no-credentials sts:GetCallerIdentity');
  });

  it('reports the week attainment of each objective and the 30-day error budget left, from the burn-rate alarms', async () => {
    const run = await review(['prod', '--web-identity-token-file', tokenFile()]);
    const slo = section(run.stdout, 'SLOs:', 'Alarms that fired:');
    // 0.05% bad over the week; 0.03% bad over 30 days spends 30% of a 0.1% budget and 3% of a 1% one.
    expect(slo.split('\n').slice(3, 5)).toEqual([
      'api      availability 99.9%    99.950%  yes                 70%',
      'api      latency 99%           99.950%  yes                 97%',
    ]);
    const periods = (
      run.inputs.get(`${PROD} cloudwatch:GetMetricData`) as Array<{
        MetricDataQueries: Array<{ MetricStat?: { Period: number } }>;
      }>
    ).map((i) => i.MetricDataQueries[1].MetricStat?.Period);
    expect(periods).toEqual([604800, 604800, 2592000, 2592000]);
  });

  it('counts how often each alarm fired and how long it was in alarm, names the noisiest and those silent for 30 days', async () => {
    const run = await review(['prod', '--web-identity-token-file', tokenFile()]);
    const alarms = section(run.stdout, 'Alarms that fired:', 'Releases:');
    expect(alarms.split('\n').slice(1, 5)).toEqual([
      'alarm                                     fired  in alarm',
      '----------------------------------------  -----  --------',
      'landfall-prod-api-availability-burn-fast      2    50 min',
      'landfall-prod-jobs-dlq-not-empty              1     3.0 h',
    ]);
    expect(alarms).toContain('noisiest: landfall-prod-api-availability-burn-fast (2 times)');
    // Fired 20 days ago (latency-burn-slow), in ALARM now (dlq), or a window input: none of them silent.
    expect(alarms).toContain(
      'silent for 30 days (1; check that their thresholds can still be reached): landfall-prod-api-server-errors',
    );
  });

  it('asks for the history of composite alarms too, over the last 30 days', async () => {
    const run = await review(['prod', '--web-identity-token-file', tokenFile()]);
    expect(run.inputs.get(`${PROD} cloudwatch:DescribeAlarmHistory`)?.[0]).toEqual({
      AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
      HistoryItemType: 'StateUpdate',
      StartDate: new Date('2026-10-31T00:00:00Z'),
      EndDate: NOW,
      ScanBy: 'TimestampAscending',
    });
  });

  it("counts each service's releases (ECS service deployments) of the week by outcome", async () => {
    const run = await review(['prod', '--web-identity-token-file', tokenFile()]);
    expect(section(run.stdout, 'Releases:', 'Cost:').split('\n').slice(3, 5)).toEqual([
      'api             3  ROLLBACK_SUCCESSFUL 1, SUCCESSFUL 2',
      'jobs            1  SUCCESSFUL 1',
    ]);
    expect(run.inputs.get(`${PROD} ecs:ListServiceDeployments`)?.[0]).toEqual({
      cluster: 'landfall-prod',
      service: 'api',
      createdAt: { after: new Date('2026-11-23T00:00:00Z'), before: NOW },
    });
  });

  it("compares the week's cost with the previous week's per landfall:service tag, every page read", async () => {
    const run = await review(['prod', '--web-identity-token-file', tokenFile()]);
    const cost = section(run.stdout, 'Cost:', 'Open critical');
    expect(cost).toContain(
      '$39.00 from 2026-11-23 to 2026-11-30 (exclusive), +30% against the previous period ($30.00)',
    );
    expect(cost.split('\n').slice(5, 8)).toEqual([
      '(untagged)        $20.00    $20.00      0%',
      'api               $15.00    $10.00    +50%',
      'jobs               $4.00     $0.00     new',
    ]);
    expect(run.inputs.get(`${PROD} ce:GetCostAndUsage`)?.[0]).toEqual({
      TimePeriod: { Start: '2026-11-16', End: '2026-11-30' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      Filter: { Dimensions: { Key: 'LINKED_ACCOUNT', Values: [PROD] } },
      GroupBy: [
        { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
        { Type: 'TAG', Key: 'landfall:service' },
      ],
    });
    expect(run.stdout.trimEnd().split('\n').pop()).toBe('Cost Explorer requests: 2 ($0.02)');
  });

  it('lists the open critical and high findings of every account from the security account', async () => {
    const run = await review(['--web-identity-token-file', tokenFile()]);
    const filter = (run.inputs.get(`${SECURITY} securityhub:GetFindings`)?.[0] as { Filters: object }).Filters;
    expect(filter).toEqual({
      AwsAccountId: [MANAGEMENT, SECURITY, '333333333333', DEV, STG, PROD].map((Value) => ({
        Value,
        Comparison: 'EQUALS',
      })),
      RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
      WorkflowStatus: [
        { Value: 'NEW', Comparison: 'EQUALS' },
        { Value: 'NOTIFIED', Comparison: 'EQUALS' },
      ],
      SeverityLabel: [
        { Value: 'CRITICAL', Comparison: 'EQUALS' },
        { Value: 'HIGH', Comparison: 'EQUALS' },
      ],
    });
    const findings = run.stdout.slice(run.stdout.indexOf('Open critical and high findings'));
    expect(findings).toContain('prod (666666666666)                1     1');
    expect(findings).toContain('dev (444444444444)                 0     1');
    expect(findings).toContain('- CRITICAL S3.8 S3 general purpose buckets should block public access');
  });

  it('reports the other environments when one account cannot be reached, and says why', async () => {
    const run = await review(
      ['--web-identity-token-file', tokenFile()],
      organization({ [STG]: { unreachable: true } }),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('prod (account prod, 666666666666)');
    expect(run.stdout).toContain(
      "- environment stg (account stg, 555555555555): cannot assume arn:aws:iam::555555555555:role/landfall-review (AccessDenied); it exists once the account's Baseline stack is deployed, and trusts only .github/workflows/weekly-review.yml on main",
    );
  });

  it('exits 3 when no account could be read at all (a broken setup, not a quiet week)', async () => {
    const run = await review(['--web-identity-token-file', tokenFile()], {});
    expect(run.code).toBe(3);
  });

  it('writes Markdown for the job summary and JSON for scripts', async () => {
    const md = await review(['prod', '--format', 'md', '--web-identity-token-file', tokenFile()]);
    expect(md.stdout).toContain('## prod (account prod, 666666666666)');
    expect(md.stdout).toContain('| landfall-prod-api-availability-burn-fast | 2 | 50 min |');
    const json = await review(['prod', '--format', 'json', '--web-identity-token-file', tokenFile()]);
    expect(JSON.parse(json.stdout).environments[0].cost.currentUsd).toBe(39);
  });
});

describe('landfall review weekly, from a laptop', () => {
  it("reads the caller's own account with its credentials and the others through their CDK lookup role", async () => {
    const run = await review(['--profile', 'management'], organization(), MANAGEMENT);
    expect(run.code).toBe(0);
    const assumed = (run.inputs.get(`${MANAGEMENT} sts:AssumeRole`) as Array<{ RoleArn: string }>).map(
      (i) => i.RoleArn,
    );
    expect(assumed).toEqual(
      [DEV, STG, PROD, SECURITY].map((id) => `arn:aws:iam::${id}:role/cdk-landfall-lookup-role-${id}-ap-northeast-1`),
    );
  });
});

describe('landfall review weekly, bad input', () => {
  it.each([
    ['36h', '--since "36h" is not a number of days (allowed: 1d to 30d; Cost Explorer counts whole days)'],
    ['45d', '--since "45d" is not a duration (allowed: minutes, hours or days up to 30 days, such as 90m, 2h or 1d)'],
  ])('refuses --since %s', async (since, message) => {
    const run = await review(['--since', since, '--web-identity-token-file', tokenFile()]);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(`landfall: ${message}`);
  });

  it('refuses a token file that does not exist', async () => {
    const run = await review(['--web-identity-token-file', '/nonexistent/token']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(
      'landfall: --web-identity-token-file "/nonexistent/token" cannot be read (allowed: a file holding the OIDC token)',
    );
  });
});
