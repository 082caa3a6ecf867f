import { Match, Template } from 'aws-cdk-lib/assertions';
import { OomWatch } from '../../constructs/oom-watch';
import { WorkerAlarms } from '../../constructs/worker-alarms';
import { refTo, serviceResources } from '../support/service-resources';

function build(options: { containerInsights?: boolean } = {}) {
  const r = serviceResources();
  const alarms = new WorkerAlarms(r.stack, 'Jobs', {
    policy: r.policy(),
    serviceName: 'jobs',
    service: r.workerService,
    queue: r.queue,
    deadLetterQueue: r.deadLetterQueue,
    thresholds: { maxMessageAgeSeconds: 900, stalledMinutes: 15, cpuPercent: 90, memoryPercent: 90 },
    containerInsights: options.containerInsights ?? true,
    outOfMemoryStops: OomWatch.metricFor(r.workerService),
  });
  return { r, alarms, template: Template.fromStack(r.stack) };
}

const { r, alarms, template } = build();

describe('WorkerAlarms', () => {
  it('creates 8 alarms with Container Insights and an OOM count', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 8);
    expect(alarms.alarms).toHaveLength(8);
  });

  it('creates 7 alarms without Container Insights (no task counts)', () => {
    build({ containerInsights: false }).template.resourceCountIs('AWS::CloudWatch::Alarm', 7);
  });

  it('tickets as soon as the dead-letter queue holds one message, visible or being inspected', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'landfall-prod-jobs-dlq-not-empty',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [refTo(r.stack, r.ticketTopic)],
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'FILL(visible, 0) + FILL(inFlight, 0)', ReturnData: true }),
        Match.objectLike({
          Id: 'visible',
          MetricStat: Match.objectLike({
            Stat: 'Maximum',
            Period: 60,
            Metric: Match.objectLike({
              MetricName: 'ApproximateNumberOfMessagesVisible',
              Dimensions: [
                { Name: 'QueueName', Value: { 'Fn::GetAtt': [refTo(r.stack, r.deadLetterQueue).Ref, 'QueueName'] } },
              ],
            }),
          }),
        }),
        Match.objectLike({
          Id: 'inFlight',
          MetricStat: Match.objectLike({
            Metric: Match.objectLike({ MetricName: 'ApproximateNumberOfMessagesNotVisible' }),
          }),
        }),
      ]),
    });
  });

  it('tickets again when messages arrive in a dead-letter queue that already holds some', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'landfall-prod-jobs-dlq-new-messages',
      EvaluationPeriods: 5,
      DatapointsToAlarm: 1,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'IF(DIFF(dead) > 0 AND (dead - DIFF(dead)) > 0, 1, 0)' }),
      ]),
    });
  });

  it('names the redrive command in the DLQ alarm description', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'landfall-prod-jobs-dlq-not-empty',
      AlarmDescription: Match.stringLikeRegexp('landfall redrive prod jobs'),
    });
  });

  it('pages when the oldest message is older than the configured maximum', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'landfall-prod-jobs-message-age',
      Threshold: 900,
      Metrics: [
        Match.objectLike({
          MetricStat: Match.objectLike({
            Stat: 'Maximum',
            Metric: Match.objectLike({
              MetricName: 'ApproximateAgeOfOldestMessage',
              Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [refTo(r.stack, r.queue).Ref, 'QueueName'] } }],
            }),
          }),
        }),
      ],
      AlarmActions: [refTo(r.stack, r.pageTopic)],
    });
  });

  it('pages when messages wait and none is processed for the configured minutes', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'landfall-prod-jobs-backlog-stalled',
      EvaluationPeriods: 15,
      DatapointsToAlarm: 15,
      AlarmActions: [refTo(r.stack, r.pageTopic)],
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'IF(FILL(waiting, 0) >= 1 AND FILL(processed, 0) == 0, 1, 0)' }),
        Match.objectLike({
          Id: 'processed',
          MetricStat: Match.objectLike({
            Stat: 'Sum',
            Metric: Match.objectLike({ MetricName: 'NumberOfMessagesDeleted' }),
          }),
        }),
      ]),
    });
  });
});
