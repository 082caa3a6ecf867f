import * as os from 'node:os';
import * as path from 'node:path';
import { CloudWatchClient, PutMetricAlarmCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { Dimension } from '@aws-sdk/client-cloudwatch';
import { runCliProcess, tempRepo } from '../support/cli';
import { requirePythonModule } from '../support/gates';
import { startMoto } from '../support/moto';
import type { MotoServer } from '../support/moto';

/**
 * The real CLI against moto's CloudWatch (PutMetricAlarm, DescribeAlarms, PutMetricData, GetMetricData with metric
 * stats over a whole window). moto has no ecs:ListServiceDeployments, so the release time is given with --at; the
 * ECS reading and the error budget's metric math are covered by test/cli/review/release.test.ts.
 */
const haveMoto = requirePythonModule('moto');
const PROD = '666666666666';
const REGION = 'ap-northeast-1';
const keys = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const TARGET_GROUP: Dimension[] = [
  { Name: 'LoadBalancer', Value: 'app/landfall-prod/0123456789abcdef' },
  { Name: 'TargetGroup', Value: 'targetgroup/api/fedcba9876543210' },
];
const ECS: Dimension[] = [
  { Name: 'ClusterName', Value: 'landfall-prod' },
  { Name: 'ServiceName', Value: 'landfall-prod-api' },
];

(haveMoto ? describe : describe.skip)('landfall review release against moto (integration)', () => {
  let moto: MotoServer;
  let cloudWatch: CloudWatchClient;
  const noConfigFile = path.join(os.tmpdir(), 'landfall-no-aws-config');
  // A release 40 minutes ago, on a whole minute; the compared periods are 30 minutes long.
  const release = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 40 * 60_000);
  const minute = (offset: number) => new Date(release.getTime() + offset * 60_000);

  beforeAll(async () => {
    moto = await startMoto({ accountId: PROD });
    cloudWatch = new CloudWatchClient({ region: REGION, endpoint: moto.endpoint, credentials: keys });
  });
  afterAll(async () => {
    await moto?.stop();
  });

  /** The api's alarms as its stack deploys them (the metrics the check reads from). */
  async function deployAlarms(): Promise<void> {
    const stat = (id: string, metricName: string, dimensions: Dimension[], s: string) => ({
      Id: id,
      ReturnData: false,
      MetricStat: {
        Metric: { Namespace: 'AWS/ApplicationELB', MetricName: metricName, Dimensions: dimensions },
        Period: 300,
        Stat: s,
      },
    });
    const base = { EvaluationPeriods: 3, Threshold: 5, ComparisonOperator: 'GreaterThanOrEqualToThreshold' } as const;
    await cloudWatch.send(
      new PutMetricAlarmCommand({
        ...base,
        AlarmName: 'landfall-prod-api-server-errors',
        Metrics: [
          { Id: 'expr', Expression: '100 * FILL(errors, 0) / requests', ReturnData: true },
          stat('errors', 'HTTPCode_Target_5XX_Count', TARGET_GROUP, 'Sum'),
          stat('requests', 'RequestCount', TARGET_GROUP, 'Sum'),
        ],
      }),
    );
    await cloudWatch.send(
      new PutMetricAlarmCommand({
        ...base,
        AlarmName: 'landfall-prod-api-p99-latency',
        Namespace: 'AWS/ApplicationELB',
        MetricName: 'TargetResponseTime',
        Dimensions: TARGET_GROUP,
        ExtendedStatistic: 'p99',
        Period: 300,
      }),
    );
    for (const [kind, metricName] of [
      ['cpu-high', 'CPUUtilization'],
      ['memory-high', 'MemoryUtilization'],
    ]) {
      await cloudWatch.send(
        new PutMetricAlarmCommand({
          ...base,
          AlarmName: `landfall-prod-api-${kind}`,
          Namespace: 'AWS/ECS',
          MetricName: metricName,
          Dimensions: ECS,
          Statistic: 'Average',
          Period: 300,
        }),
      );
    }
  }

  /** One data point per minute of each 30-minute period: 100 requests, `errors` of them 5xx. */
  async function putTraffic(from: number, errors: number): Promise<void> {
    for (let m = 0; m < 30; m += 1) {
      const at = minute(from + m);
      await cloudWatch.send(
        new PutMetricDataCommand({
          Namespace: 'AWS/ApplicationELB',
          MetricData: [
            { MetricName: 'RequestCount', Dimensions: TARGET_GROUP, Timestamp: at, Value: 100, Unit: 'Count' },
            {
              MetricName: 'HTTPCode_Target_5XX_Count',
              Dimensions: TARGET_GROUP,
              Timestamp: at,
              Value: errors,
              Unit: 'Count',
            },
          ],
        }),
      );
      await cloudWatch.send(
        new PutMetricDataCommand({
          Namespace: 'AWS/ECS',
          MetricData: [
            { MetricName: 'CPUUtilization', Dimensions: ECS, Timestamp: at, Value: 30, Unit: 'Percent' },
            { MetricName: 'MemoryUtilization', Dimensions: ECS, Timestamp: at, Value: 40, Unit: 'Percent' },
          ],
        }),
      );
    }
  }

  const env = () => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
    AWS_CONFIG_FILE: noConfigFile,
    AWS_SHARED_CREDENTIALS_FILE: noConfigFile,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  const check = () =>
    runCliProcess(
      [
        'review',
        'release',
        'prod',
        '--service',
        'api',
        '--at',
        release.toISOString(),
        '--since',
        '30m',
        '--format',
        'json',
      ],
      { cwd: tempRepo(), env: env() },
    );

  it('passes a release whose 5xx share stays as before', async () => {
    await moto.reset();
    await deployAlarms();
    await putTraffic(-30, 0);
    await putTraffic(0, 0);
    const run = await check();
    expect([run.code, run.stderr]).toEqual([0, '']);
    const measures = JSON.parse(run.stdout).services[0].measures;
    expect(measures.find((m: { measure: string }) => m.measure === 'requests/min')).toEqual({
      measure: 'requests/min',
      after: 100,
      before: 100,
    });
  });

  it('fails a release after which 5% of requests were answered 5xx (exit 1)', async () => {
    await moto.reset();
    await deployAlarms();
    await putTraffic(-30, 0);
    await putTraffic(0, 5);
    const run = await check();
    expect(run.code).toBe(1);
    const service = JSON.parse(run.stdout).services[0];
    expect(service.measures.find((m: { measure: string }) => m.measure === '5xx share (%)')).toEqual({
      measure: '5xx share (%)',
      after: 5,
      before: 0,
    });
    expect(service.regressions.map((r: { measure: string }) => r.measure)).toEqual(['5xx share']);
  });
});
