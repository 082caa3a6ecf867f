import { Match, Template } from 'aws-cdk-lib/assertions';
import { OomWatch } from '../../constructs/oom-watch';
import { WebServiceAlarms } from '../../constructs/web-service-alarms';
import { refTo, RUNBOOK_BASE, serviceResources } from '../support/service-resources';

function build(
  options: {
    containerInsights?: boolean;
    oom?: boolean;
    actionsEnabled?: boolean;
    severities?: Record<string, 'page' | 'ticket'>;
  } = {},
) {
  const r = serviceResources();
  const alarms = new WebServiceAlarms(r.stack, 'Api', {
    policy: r.policy({ actionsEnabled: options.actionsEnabled ?? true }),
    serviceName: 'api',
    service: r.webService,
    targetGroup: r.targetGroup,
    objectives: { availabilityPercent: 99.9, latencyTargetMs: 300, latencyPercent: 99 },
    thresholds: { p99LatencyMs: 1000, server5xxPercent: 5, cpuPercent: 85, memoryPercent: 90 },
    containerInsights: options.containerInsights ?? true,
    ...(options.oom === false ? {} : { outOfMemoryStops: OomWatch.metricFor(r.webService) }),
    ...(options.severities === undefined ? {} : { severities: options.severities }),
  });
  return { r, alarms, template: Template.fromStack(r.stack) };
}

const { r, alarms, template } = build();
const metricAlarmNames = (t: Template) =>
  Object.values(t.findResources('AWS::CloudWatch::Alarm'))
    .map((a) => a.Properties.AlarmName as string)
    .sort();

describe('WebServiceAlarms', () => {
  it('creates 19 metric alarms and 6 composites with Container Insights and an OOM count', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 19);
    template.resourceCountIs('AWS::CloudWatch::CompositeAlarm', 6);
    expect(alarms.alarms).toHaveLength(13);
  });

  it('creates no tasks-below-desired alarm without Container Insights', () => {
    const names = metricAlarmNames(build({ containerInsights: false }).template);
    expect(names).toHaveLength(18);
    expect(names).not.toContain('landfall-prod-api-tasks-below-desired');
  });

  it('names every notifying alarm after environment, service and kind', () => {
    expect(metricAlarmNames(template).filter((n) => !/-(long|short)$/.test(n))).toEqual([
      'landfall-prod-api-cpu-high',
      'landfall-prod-api-memory-high',
      'landfall-prod-api-out-of-memory',
      'landfall-prod-api-p99-latency',
      'landfall-prod-api-server-errors',
      'landfall-prod-api-tasks-below-desired',
      'landfall-prod-api-unhealthy-targets',
    ]);
  });

  it('measures the latency objective as the share of requests slower than the target (percentile rank)', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'landfall-prod-api-latency-burn-fast-long',
      Threshold: 14.4,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: '100 - fast' }),
        Match.objectLike({
          Id: 'fast',
          MetricStat: Match.objectLike({
            Stat: 'PR(:0.3)',
            Period: 3600,
            Metric: Match.objectLike({ MetricName: 'TargetResponseTime' }),
          }),
        }),
      ]),
    });
  });

  it('measures availability as 5xx responses over requests of the service target group', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'landfall-prod-api-availability-burn-fast-short',
      Threshold: 1.44,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: '100 * FILL(errors, 0) / requests' }),
        Match.objectLike({
          Id: 'errors',
          MetricStat: Match.objectLike({
            Stat: 'Sum',
            Period: 300,
            Metric: Match.objectLike({ MetricName: 'HTTPCode_Target_5XX_Count' }),
          }),
        }),
        Match.objectLike({
          Id: 'requests',
          MetricStat: Match.objectLike({
            Stat: 'Sum',
            Period: 300,
            Metric: Match.objectLike({ MetricName: 'RequestCount' }),
          }),
        }),
      ]),
    });
  });

  it('opens a ticket when p99 latency reaches the configured threshold, in seconds', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'landfall-prod-api-p99-latency',
      Threshold: 1,
      EvaluationPeriods: 3,
      AlarmActions: [refTo(r.stack, r.ticketTopic)],
      Metrics: [
        Match.objectLike({
          MetricStat: Match.objectLike({
            Stat: 'p99',
            Period: 300,
            Metric: Match.objectLike({ MetricName: 'TargetResponseTime' }),
          }),
        }),
      ],
    });
  });

  it('alarms on running tasks below desired from Container Insights', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'landfall-prod-api-tasks-below-desired',
      Threshold: 1,
      EvaluationPeriods: 10,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'desired - running' }),
        Match.objectLike({
          Id: 'running',
          MetricStat: Match.objectLike({
            Metric: Match.objectLike({ Namespace: 'ECS/ContainerInsights', MetricName: 'RunningTaskCount' }),
          }),
        }),
      ]),
    });
  });

  it('alarms on unhealthy targets, CPU and memory at the configured thresholds', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'landfall-prod-api-unhealthy-targets',
      MetricName: 'UnHealthyHostCount',
      Threshold: 1,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'landfall-prod-api-cpu-high',
      MetricName: 'CPUUtilization',
      Namespace: 'AWS/ECS',
      Threshold: 85,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'landfall-prod-api-memory-high',
      MetricName: 'MemoryUtilization',
      Threshold: 90,
    });
  });

  it('alarms on two OOM kills of the service within an hour', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'landfall-prod-api-out-of-memory',
      Threshold: 2,
      Metrics: [
        Match.objectLike({
          MetricStat: {
            Metric: {
              Namespace: 'landfall/ECS',
              MetricName: 'OutOfMemoryStops',
              Dimensions: [
                { Name: 'ClusterArn', Value: { 'Fn::GetAtt': [refTo(r.stack, r.cluster).Ref, 'Arn'] } },
                {
                  Name: 'Group',
                  Value: {
                    'Fn::Join': ['', ['service:', { 'Fn::GetAtt': [refTo(r.stack, r.webService).Ref, 'Name'] }]],
                  },
                },
              ],
            },
            Stat: 'Sum',
            Period: 3600,
          },
        }),
      ],
    });
  });

  it('describes each alarm with service, environment, meaning and runbook', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'landfall-prod-api-server-errors',
      AlarmDescription: `[TICKET] api in prod: at least 5% of requests were answered 5xx in each of the last three 5-minute periods. Runbook: ${RUNBOOK_BASE}/availability-burn.md`,
    });
  });

  it('pages for a kind whose severity is overridden', () => {
    build({ severities: { 'unhealthy-targets': 'page' } }).template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'landfall-prod-api-unhealthy-targets',
      AlarmActions: [refTo(r.stack, r.pageTopic)],
    });
  });

  it('disables every notifying alarm when the policy turns actions off', () => {
    const off = build({ actionsEnabled: false }).template;
    const notifying = Object.values(off.findResources('AWS::CloudWatch::Alarm')).filter(
      (a) => a.Properties.AlarmActions !== undefined,
    );
    expect(notifying).toHaveLength(7);
    for (const alarm of notifying) expect(alarm.Properties.ActionsEnabled).toBe(false);
  });
});
