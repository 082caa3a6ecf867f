import { DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { Dimension, GetMetricDataCommandInput, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { ListServiceDeploymentsCommand } from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { fakeAws, freshOrganization } from '../../support/fake-aws';

export const PROD = '666666666666';
/** The release of every service in these tests. */
export const RELEASE = new Date('2026-11-30T09:00:00Z');
/** When the check runs: 90 minutes after the release. */
export const NOW = new Date('2026-11-30T10:30:00Z');

export type Period = 'after' | 'before' | 'weekAgo';

/** What CloudWatch holds per period, summed (counts) or summarized (latency in seconds, percentages) over it. */
export interface Traffic {
  requests: number;
  errors5xx?: number;
  p50Seconds: number;
  p99Seconds: number;
  cpu: number;
  memory: number;
  backlog: number;
  oldestAgeSeconds: number;
  /** Bad events in percent, as the burn-rate alarms' expressions compute them. */
  badPercent: number;
}

export const NORMAL: Traffic = {
  requests: 6000,
  errors5xx: 3,
  p50Seconds: 0.04,
  p99Seconds: 0.25,
  cpu: 30,
  memory: 40,
  backlog: 12,
  oldestAgeSeconds: 60,
  badPercent: 0.05,
};

const TARGET_GROUP: Dimension[] = [
  { Name: 'LoadBalancer', Value: 'app/landfall-prod/0123456789abcdef' },
  { Name: 'TargetGroup', Value: 'targetgroup/api/fedcba9876543210' },
];
const ecsDims = (service: string): Dimension[] => [
  { Name: 'ClusterName', Value: 'landfall-prod' },
  { Name: 'ServiceName', Value: `landfall-prod-${service}` },
];
const queueDims: Dimension[] = [{ Name: 'QueueName', Value: 'landfall-prod-jobs' }];

/** The alarms as the service stacks deploy them: single-metric alarms and alarms on expressions. */
function deployedAlarm(name: string): MetricAlarm | undefined {
  const stat = (id: string, namespace: string, metricName: string, dimensions: Dimension[], s = 'Sum') => ({
    Id: id,
    ReturnData: false,
    MetricStat: {
      Metric: { Namespace: namespace, MetricName: metricName, Dimensions: dimensions },
      Period: 300,
      Stat: s,
    },
  });
  const single = (namespace: string, metricName: string, dimensions: Dimension[], statistic: object) => ({
    AlarmName: name,
    Namespace: namespace,
    MetricName: metricName,
    Dimensions: dimensions,
    ...statistic,
  });
  const service = name.split('-')[2];
  const kind = name.split('-').slice(3).join('-');
  if (kind === 'server-errors' || kind.endsWith('burn-fast-short')) {
    return {
      AlarmName: name,
      Metrics: [
        { Id: 'expr', Expression: '100 * FILL(errors, 0) / requests', ReturnData: true },
        stat('errors', 'AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', TARGET_GROUP),
        stat('requests', 'AWS/ApplicationELB', 'RequestCount', TARGET_GROUP),
      ],
    };
  }
  if (kind === 'p99-latency')
    return single('AWS/ApplicationELB', 'TargetResponseTime', TARGET_GROUP, { ExtendedStatistic: 'p99' });
  if (kind === 'cpu-high') return single('AWS/ECS', 'CPUUtilization', ecsDims(service), { Statistic: 'Average' });
  if (kind === 'memory-high') return single('AWS/ECS', 'MemoryUtilization', ecsDims(service), { Statistic: 'Average' });
  if (kind === 'message-age')
    return single('AWS/SQS', 'ApproximateAgeOfOldestMessage', queueDims, { Statistic: 'Maximum' });
  if (kind === 'backlog-stalled') {
    return {
      AlarmName: name,
      Metrics: [
        { Id: 'expr', Expression: 'IF(FILL(waiting, 0) >= 1 AND FILL(processed, 0) == 0, 1, 0)', ReturnData: true },
        stat('waiting', 'AWS/SQS', 'ApproximateNumberOfMessagesVisible', queueDims, 'Maximum'),
        stat('processed', 'AWS/SQS', 'NumberOfMessagesDeleted', queueDims),
      ],
    };
  }
  return undefined;
}

function periodOf(start: Date, release: Date): Period {
  if (start.getTime() < release.getTime() - 24 * 3600 * 1000) return 'weekAgo';
  return start.getTime() < release.getTime() ? 'before' : 'after';
}

function valueOf(t: Traffic, metricName: string, stat: string, service: string): number | undefined {
  switch (metricName) {
    case 'RequestCount':
      return t.requests;
    case 'HTTPCode_Target_5XX_Count':
      // The load balancer publishes no 5xx count in a period without 5xx.
      return t.errors5xx === 0 ? undefined : t.errors5xx;
    case 'TargetResponseTime':
      return stat === 'p50' ? t.p50Seconds : t.p99Seconds;
    case 'CPUUtilization':
      return service === 'jobs' ? t.cpu / 2 : t.cpu;
    case 'MemoryUtilization':
      return t.memory;
    case 'ApproximateNumberOfMessagesVisible':
      return t.backlog;
    case 'ApproximateAgeOfOldestMessage':
      return t.oldestAgeSeconds;
    default:
      return undefined;
  }
}

/**
 * The prod account as AWS would answer: each service released at RELEASE, its alarms deployed, and CloudWatch
 * holding `traffic(period)` for each compared period.
 */
export function prodAccount(
  traffic: (period: Period) => Traffic = () => NORMAL,
  options: { released?: boolean; callerAccount?: string } = {},
) {
  const aws = fakeAws(freshOrganization({ callerAccount: options.callerAccount ?? PROD }));
  const cloudWatch = mockClient(aws.clients.cloudWatch);
  cloudWatch.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames: string[] }) => ({
    MetricAlarms: input.AlarmNames.flatMap((n) => deployedAlarm(n) ?? []),
  }));
  cloudWatch.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => {
    const t = traffic(periodOf(input.StartTime as Date, RELEASE));
    return {
      MetricDataResults: (input.MetricDataQueries ?? [])
        .filter((q) => q.ReturnData !== false)
        .map((q) => {
          if (q.Expression !== undefined) return { Id: q.Id, Values: [t.badPercent] };
          const metric = q.MetricStat?.Metric;
          const service = (metric?.Dimensions ?? []).some((d) => d.Value?.includes('jobs')) ? 'jobs' : 'api';
          const v = valueOf(t, metric?.MetricName ?? '', q.MetricStat?.Stat ?? '', service);
          return { Id: q.Id, Values: v === undefined ? [] : [v] };
        }),
    };
  });
  const ecs = mockClient(aws.clients.ecs);
  ecs.on(ListServiceDeploymentsCommand).callsFake((input: { service: string }) => ({
    serviceDeployments:
      options.released === false
        ? []
        : [
            {
              startedAt: new Date(RELEASE.getTime() - 3 * 3600 * 1000),
              status: 'SUCCESSFUL',
              targetServiceRevisionArn: `arn:aws:ecs:ap-northeast-1:${PROD}:service-revision/landfall-prod/${input.service}/41`,
            },
            {
              startedAt: RELEASE,
              status: 'SUCCESSFUL',
              targetServiceRevisionArn: `arn:aws:ecs:ap-northeast-1:${PROD}:service-revision/landfall-prod/${input.service}/42`,
            },
          ],
  }));
  return { aws, cloudWatch, ecs };
}
