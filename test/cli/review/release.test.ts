import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ListServiceDeploymentsCommand } from '@aws-sdk/client-ecs';
import type { ClientFactory } from '../../../lib/cli/aws/clients';
import { makeReviewReleaseCommand } from '../../../lib/cli/review/release';
import { runIn } from '../../support/cli';
import { NORMAL, NOW, prodAccount, RELEASE } from './release-fake';
import type { Period, Traffic } from './release-fake';

function review(
  args: string[],
  clients: ClientFactory = prodAccount().aws.factory,
  sleep: (ms: number) => Promise<void> = async () => undefined,
) {
  const command = makeReviewReleaseCommand({ clients, retry: { attempts: 1 }, now: () => NOW, sleep });
  return runIn([command], ['review', 'release', ...args]);
}

/** NORMAL before the release and a week earlier; `after` changed after it. */
const releaseChanged =
  (after: Partial<Traffic>) =>
  (period: Period): Traffic =>
    period === 'after' ? { ...NORMAL, ...after } : NORMAL;

describe('landfall review release: a clean release', () => {
  it('exits 0 and prints every measure of every service against the period before and a week earlier', async () => {
    const run = await review(['prod']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout.trimEnd().split('\n')).toEqual([
      'Release check of prod',
      "Each service's 1h after its release against the 1h before it and the same 1h a week earlier.",
      '',
      'api released 2026-11-30 09:00 UTC (revision 42, SUCCESSFUL): ok',
      '  measure                     after  before  a week ago',
      '  --------------------------  -----  ------  ----------',
      '  requests/min                  100     100         100',
      '  5xx share (%)                0.05    0.05        0.05',
      '  p50 latency (ms)               40      40          40',
      '  p99 latency (ms)              250     250         250',
      '  availability burn rate (x)    0.5     0.5         0.5',
      '  latency burn rate (x)        0.05    0.05        0.05',
      '  CPU (avg %)                    30      30          30',
      '  memory (avg %)                 40      40          40',
      '',
      'jobs released 2026-11-30 09:00 UTC (revision 42, SUCCESSFUL): ok',
      '  measure                after  before  a week ago',
      '  ---------------------  -----  ------  ----------',
      '  backlog (max waiting)     12      12          12',
      '  oldest message (s)        60      60          60',
      '  CPU (avg %)               15      15          15',
      '  memory (avg %)            40      40          40',
      '',
      'prod: no regression after the release.',
    ]);
  });

  it('takes the latest ECS deployment of each service in the last 24 hours as its release', async () => {
    const { aws, ecs } = prodAccount();
    await review(['prod'], aws.factory);
    const calls = ecs.commandCalls(ListServiceDeploymentsCommand).map((c) => c.args[0].input);
    expect(calls.map((c) => [c.cluster, c.service])).toEqual([
      ['landfall-prod', 'api'],
      ['landfall-prod', 'jobs'],
    ]);
    expect(calls[0].createdAt).toEqual({ after: new Date('2026-11-29T10:30:00Z'), before: NOW });
  });

  it('reads each period as one whole-window value with the metrics of the deployed alarms', async () => {
    const { aws, cloudWatch } = prodAccount();
    await review(['prod', '--service', 'api'], aws.factory);
    const reads = cloudWatch
      .commandCalls(GetMetricDataCommand)
      .map((c) => c.args[0].input)
      .filter((i) => i.MetricDataQueries?.some((q) => q.Id === 'm0'));
    expect(reads.map((r) => [r.StartTime, r.EndTime])).toEqual([
      [RELEASE, new Date('2026-11-30T10:00:00Z')],
      [new Date('2026-11-30T08:00:00Z'), RELEASE],
      [new Date('2026-11-23T09:00:00Z'), new Date('2026-11-23T10:00:00Z')],
    ]);
    expect(reads[0].MetricDataQueries?.map((q) => [q.MetricStat?.Metric?.MetricName, q.MetricStat?.Stat])).toEqual([
      ['RequestCount', 'Sum'],
      ['HTTPCode_Target_5XX_Count', 'Sum'],
      ['TargetResponseTime', 'p50'],
      ['TargetResponseTime', 'p99'],
      ['CPUUtilization', 'Average'],
      ['MemoryUtilization', 'Average'],
    ]);
    expect(reads[0].MetricDataQueries?.[0].MetricStat?.Period).toBe(3600);
    expect(reads[0].MetricDataQueries?.[0].MetricStat?.Metric?.Dimensions).toEqual([
      { Name: 'LoadBalancer', Value: 'app/landfall-prod/0123456789abcdef' },
      { Name: 'TargetGroup', Value: 'targetgroup/api/fedcba9876543210' },
    ]);
  });

  it('counts a period without any 5xx data point as a 0% 5xx share (the load balancer publishes no zero counts)', async () => {
    const run = await review(
      ['prod', '--service', 'api', '--format', 'json'],
      prodAccount(releaseChanged({ errors5xx: 0 })).aws.factory,
    );
    const share = JSON.parse(run.stdout).services[0].measures.find(
      (m: { measure: string }) => m.measure === '5xx share (%)',
    );
    expect(share).toEqual({ measure: '5xx share (%)', after: 0, before: 0.05, weekAgo: 0.05 });
  });

  it('does not blame a release for a 5xx share as bad before it as after it', async () => {
    const bad = { errors5xx: 300 };
    const run = await review(['prod', '--service', 'api'], prodAccount(() => ({ ...NORMAL, ...bad })).aws.factory);
    expect(run.code).toBe(0);
  });
});

describe('landfall review release: a regression', () => {
  it('exits 1 and names a 5xx share above twice the error budget rate and above both baselines', async () => {
    const run = await review(['prod'], prodAccount(releaseChanged({ errors5xx: 300 })).aws.factory);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toContain('api released 2026-11-30 09:00 UTC (revision 42, SUCCESSFUL): REGRESSION');
    expect(lines).toContain(
      '  regression: 5xx share 5% (before 0.05%, a week ago 0.05%; allowed up to 0.2%, 2 x the error budget of 99.9%)',
    );
    expect(lines).toContain('jobs released 2026-11-30 09:00 UTC (revision 42, SUCCESSFUL): ok');
    expect(lines[lines.length - 1]).toBe('prod: 1 regression after the release (api).');
  });

  it('flags a p99 latency above slo.latencyTargetMs and 20% above both baselines', async () => {
    const run = await review(
      ['prod', '--service', 'api'],
      prodAccount(releaseChanged({ p99Seconds: 0.45 })).aws.factory,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'regression: p99 latency 450 ms (before 250 ms, a week ago 250 ms; the latency objective is 300 ms)',
    );
  });

  it('does not flag a p99 latency that is worse but still within slo.latencyTargetMs', async () => {
    const run = await review(
      ['prod', '--service', 'api'],
      prodAccount(releaseChanged({ p99Seconds: 0.29 })).aws.factory,
    );
    expect(run.code).toBe(0);
  });

  it("flags a worker whose oldest message reaches its message-age alarm's threshold", async () => {
    const run = await review(
      ['prod', '--service', 'jobs'],
      prodAccount(releaseChanged({ oldestAgeSeconds: 1200 })).aws.factory,
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'regression: oldest message 1200 s (before 60 s, a week ago 60 s; the message-age alarm fires at 900 s)',
    );
  });

  it('flags memory at the alarm threshold and above both baselines', async () => {
    const run = await review(['prod', '--service', 'api'], prodAccount(releaseChanged({ memory: 93 })).aws.factory);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('regression: memory 93% (before 40%, a week ago 40%; the alarm threshold is 90%)');
  });

  it('judges no 5xx or latency with fewer than 100 requests after the release (a quiet environment)', async () => {
    const quiet = releaseChanged({ requests: 60, errors5xx: 30, p99Seconds: 2 });
    const run = await review(['prod', '--service', 'api'], prodAccount(quiet).aws.factory);
    expect(run.code).toBe(0);
  });

  it('writes Markdown for the job summary, regressions in bold', async () => {
    const run = await review(
      ['prod', '--service', 'api', '--format', 'md'],
      prodAccount(releaseChanged({ errors5xx: 300 })).aws.factory,
    );
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines.slice(0, 8)).toEqual([
      '### Release check of prod',
      "Each service's 1h after its release against the 1h before it and the same 1h a week earlier.",
      '',
      '#### api released 2026-11-30 09:00 UTC (revision 42, SUCCESSFUL): REGRESSION',
      '',
      '| measure | after | before | a week ago |',
      '| --- | ---: | ---: | ---: |',
      '| requests/min | 100 | 100 | 100 |',
    ]);
    expect(lines).toContain(
      '- **regression**: 5xx share 5% (before 0.05%, a week ago 0.05%; allowed up to 0.2%, 2 x the error budget of 99.9%)',
    );
  });

  it('gives the regressions, periods and release in JSON', async () => {
    const run = await review(
      ['prod', '--service', 'api', '--format', 'json'],
      prodAccount(releaseChanged({ errors5xx: 300 })).aws.factory,
    );
    const json = JSON.parse(run.stdout);
    expect(json.regressions).toBe(1);
    expect(json.services[0].release).toEqual({ at: '2026-11-30T09:00:00.000Z', status: 'SUCCESSFUL', revision: '42' });
    expect(json.services[0].periods.before).toEqual({
      from: '2026-11-30T08:00:00.000Z',
      to: '2026-11-30T09:00:00.000Z',
    });
    expect(json.services[0].regressions.map((r: { measure: string }) => r.measure)).toEqual(['5xx share']);
  });
});

describe('landfall review release: release time and waiting', () => {
  it('compares from --at for every service, without reading ECS deployments', async () => {
    const { aws, ecs } = prodAccount();
    const run = await review(
      ['prod', '--service', 'api', '--at', '2026-11-30T09:00:00Z', '--since', '30m'],
      aws.factory,
    );
    expect(run.code).toBe(0);
    expect(ecs.commandCalls(ListServiceDeploymentsCommand)).toHaveLength(0);
    expect(run.stdout).toContain('api released 2026-11-30 09:00 UTC (given with --at): ok');
  });

  it('says a service without a deployment in the last 24 hours was not checked, and exits 0', async () => {
    const run = await review(['prod', '--service', 'api'], prodAccount(undefined, { released: false }).aws.factory);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'api: not checked\n  no ECS deployment in the last 24 hours: nothing to compare (--at TIME compares another moment)',
    );
  });

  it('cuts the period after the release at now, and compares the same length before it', async () => {
    const run = await review(['prod', '--service', 'api', '--since', '2h', '--format', 'json']);
    expect(JSON.parse(run.stdout).services[0].periods).toEqual({
      after: { from: '2026-11-30T09:00:00.000Z', to: '2026-11-30T10:30:00.000Z' },
      before: { from: '2026-11-30T07:30:00.000Z', to: '2026-11-30T09:00:00.000Z' },
      weekAgo: { from: '2026-11-23T09:00:00.000Z', to: '2026-11-23T10:30:00.000Z' },
    });
  });

  it('with --wait, waits until the period after the release is over', async () => {
    const sleeps: number[] = [];
    const run = await review(
      ['prod', '--service', 'api', '--since', '2h', '--wait'],
      prodAccount().aws.factory,
      async (ms) => {
        sleeps.push(ms);
      },
    );
    expect(sleeps).toEqual([30 * 60_000]);
    expect(run.stderr).toBe('waiting 30 min for the period after the release to end (--wait)\n');
  });

  it('refuses to judge less than 5 minutes after the release', async () => {
    const run = await review(['prod', '--service', 'api', '--at', '2026-11-30T10:27:00Z']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('only 3 min since the release: too early to compare (at least 5 min; --wait waits)');
  });
});

describe('landfall review release --force', () => {
  const regressed = () => prodAccount(releaseChanged({ errors5xx: 300 })).aws.factory;

  it('exits 0 with a regression and prints the reason, in GitHub Actions as a warning annotation', async () => {
    const command = makeReviewReleaseCommand({ clients: regressed(), retry: { attempts: 1 }, now: () => NOW });
    const prod = await runIn(
      [command],
      ['review', 'release', 'prod', '--service', 'api', '--force', '--reason', 'hotfix INC-42'],
      { env: { GITHUB_ACTIONS: 'true' } },
    );
    expect(prod.code).toBe(0);
    expect(prod.stderr.split('\n')).toEqual([
      'prod: 1 regression(s) after the release (api); overridden with --force: hotfix INC-42',
      '::warning title=Release check overridden (prod)::1 regression(s) after the release of api. Reason: hotfix INC-42',
      '',
    ]);
  });

  it.each([
    [['--force'], '--force needs --reason "..." (why a regression may not stop the release; it is printed)'],
    [['--reason', 'x'], '--reason is only used with --force'],
  ])('refuses %j (exit 2)', async (args, message) => {
    const run = await review(['prod', ...args]);
    expect([run.code, run.stderr.split('\n')[0]]).toEqual([2, `landfall: ${message}`]);
  });
});

describe('landfall review release: bad input and errors', () => {
  it.each([
    [
      ['prod', '--since', '2x'],
      '--since "2x" is not a duration (allowed: minutes, hours or days up to 30 days, such as 90m, 2h or 1d)',
    ],
    [['prod', '--at', 'yesterday'], '--at "yesterday" is not an ISO 8601 time (for example 2026-03-06T10:00:00+09:00)'],
    [['prod', '--service', 'web'], '--service "web" is not a service (allowed: api, jobs)'],
  ])('refuses %j with one line (exit 2)', async (args, message) => {
    const run = await review(args);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(`landfall: ${message}`);
  });

  it('refuses credentials of another account (exit 4)', async () => {
    const run = await review(['prod'], prodAccount(undefined, { callerAccount: '555555555555' }).aws.factory);
    expect(run.code).toBe(4);
    expect(run.stderr.split('\n')[0]).toBe(
      'landfall: the credentials are for account 555555555555; environment prod is in account 666666666666 (prod)',
    );
  });

  it('exits 3 with one line when CloudWatch refuses', async () => {
    const { aws, cloudWatch } = prodAccount();
    cloudWatch.on(GetMetricDataCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDenied' }));
    const run = await review(['prod', '--service', 'api'], aws.factory);
    expect(run.code).toBe(3);
    expect(run.stderr).not.toContain('    at ');
    expect(run.stderr.split('\n')[0]).toBe(
      'landfall: access denied to cloudwatch:GetMetricData (AccessDenied: not authorized)',
    );
  });
});
