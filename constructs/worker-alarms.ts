import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AlarmPolicy, Severity } from './alarm-conventions';
import { RUNBOOKS, standardAlarm } from './alarm-conventions';
import { commonServiceAlarms } from './common-service-alarms';
import type { EcsServiceMetrics, QueueMetrics } from './service-metrics';
import { ecsServiceDimensions, ecsServiceMetrics, queueMetrics } from './service-metrics';

/** Alarms of a queue worker, by stable kind. */
export type WorkerAlarmKind =
  | 'dlq-not-empty'
  | 'dlq-new-messages'
  | 'message-age'
  | 'backlog-stalled'
  | 'tasks-below-desired'
  | 'cpu-high'
  | 'memory-high'
  | 'out-of-memory';

/** Who hears of each kind, unless overridden: work that stops or waits too long pages; failed messages open tickets. */
export const WORKER_ALARM_SEVERITY: Readonly<Record<WorkerAlarmKind, Severity>> = {
  'dlq-not-empty': 'ticket',
  'dlq-new-messages': 'ticket',
  'message-age': 'page',
  'backlog-stalled': 'page',
  'tasks-below-desired': 'ticket',
  'cpu-high': 'ticket',
  'memory-high': 'ticket',
  'out-of-memory': 'ticket',
};

/** Thresholds of a worker's alarms. */
export interface WorkerThresholds {
  /** Age of the oldest message (waiting or in flight) that pages, in seconds. */
  readonly maxMessageAgeSeconds: number;
  /** Minutes with messages waiting and none processed before paging. */
  readonly stalledMinutes: number;
  readonly cpuPercent: number;
  readonly memoryPercent: number;
}

export interface WorkerAlarmsProps {
  readonly policy: AlarmPolicy;
  /** Worker name as people know it (config name): alarm names, descriptions, report. */
  readonly serviceName: string;
  readonly service: ecs.IBaseService;
  /** The queue the worker consumes. */
  readonly queue: sqs.IQueue;
  /** Where messages go after `maxReceiveCount` failed receives. */
  readonly deadLetterQueue: sqs.IQueue;
  readonly thresholds: WorkerThresholds;
  /** Container Insights is on: "running tasks below desired" can alarm. @default false */
  readonly containerInsights?: boolean;
  /** Count of the worker's tasks stopped by OutOfMemoryError (see `OomWatch.metricFor`). @default no OOM alarm */
  readonly outOfMemoryStops?: cloudwatch.IMetric;
  /** Severity per kind where it differs from `WORKER_ALARM_SEVERITY`. @default WORKER_ALARM_SEVERITY */
  readonly severities?: Partial<Record<WorkerAlarmKind, Severity>>;
}

/**
 * Every alarm of a queue worker: a message in the dead-letter queue (and new ones arriving while it already holds
 * some), the oldest message older than allowed, a backlog nobody processes, running tasks below desired, CPU,
 * memory and OOM kills.
 */
export class WorkerAlarms extends Construct {
  public readonly alarms: cloudwatch.Alarm[] = [];
  public readonly queue: QueueMetrics;
  public readonly ecs: EcsServiceMetrics;

  constructor(scope: Construct, id: string, props: WorkerAlarmsProps) {
    super(scope, id);
    const { policy, serviceName: service, thresholds } = props;
    const severity = (kind: WorkerAlarmKind): Severity => props.severities?.[kind] ?? WORKER_ALARM_SEVERITY[kind];
    this.queue = queueMetrics({
      queueName: props.queue.queueName,
      deadLetterQueueName: props.deadLetterQueue.queueName,
    });
    this.ecs = ecsServiceMetrics(ecsServiceDimensions(props.service), props.containerInsights ?? false);
    const minute = Duration.minutes(1);

    this.alarms.push(
      // Counts messages in flight too, so reading the DLQ to inspect it does not clear the alarm. It returns to OK
      // only when the DLQ is empty, so after a redrive the next failed message fires it again.
      standardAlarm(this, 'DeadLetters', policy, {
        service,
        kind: 'dlq-not-empty',
        severity: severity('dlq-not-empty'),
        metric: this.queue.deadLetters,
        threshold: 1,
        evaluationPeriods: 1,
        meaning: `the dead-letter queue holds at least one message that failed processing repeatedly; redrive it with \`landfall redrive ${policy.environment} ${service}\` once fixed.`,
        metricText: 'DLQ ApproximateNumberOfMessagesVisible + NotVisible (max)',
        thresholdText: '>= 1 (1 min)',
        runbook: RUNBOOKS.dlqNotEmpty,
      }),
      // While the DLQ already holds messages the alarm above stays in ALARM and says nothing of new failures: this one
      // fires whenever the count grows from a non-empty DLQ.
      standardAlarm(this, 'NewDeadLetters', policy, {
        service,
        kind: 'dlq-new-messages',
        severity: severity('dlq-new-messages'),
        metric: new cloudwatch.MathExpression({
          expression: 'IF(DIFF(dead) > 0 AND (dead - DIFF(dead)) > 0, 1, 0)',
          usingMetrics: { dead: this.queue.deadLetters },
          label: 'DLQ grew while not empty',
          period: minute,
        }),
        threshold: 1,
        evaluationPeriods: 5,
        datapointsToAlarm: 1,
        meaning:
          'more messages failed into a dead-letter queue that already held some: new failures since the last look.',
        metricText: 'DIFF(DLQ messages) while the DLQ is not empty',
        thresholdText: 'grew in any of the last 5 x 1 min',
        runbook: RUNBOOKS.dlqNotEmpty,
      }),
      standardAlarm(this, 'MessageAge', policy, {
        service,
        kind: 'message-age',
        severity: severity('message-age'),
        metric: this.queue.oldestAgeSeconds,
        threshold: thresholds.maxMessageAgeSeconds,
        evaluationPeriods: 5,
        meaning: `the oldest message has waited at least ${thresholds.maxMessageAgeSeconds} s for 5 minutes: work is late.`,
        metricText: 'ApproximateAgeOfOldestMessage (max, s)',
        thresholdText: `>= ${thresholds.maxMessageAgeSeconds} s for 5 x 1 min`,
        runbook: RUNBOOKS.queueBacklog,
      }),
      standardAlarm(this, 'BacklogStalled', policy, {
        service,
        kind: 'backlog-stalled',
        severity: severity('backlog-stalled'),
        metric: new cloudwatch.MathExpression({
          expression: 'IF(FILL(waiting, 0) >= 1 AND FILL(processed, 0) == 0, 1, 0)',
          usingMetrics: { waiting: this.queue.visible, processed: this.queue.processed },
          label: 'waiting, none processed',
          period: minute,
        }),
        threshold: 1,
        evaluationPeriods: thresholds.stalledMinutes,
        meaning: `messages waited and none was processed for ${thresholds.stalledMinutes} minutes in a row: the worker is stuck or not running.`,
        metricText: 'ApproximateNumberOfMessagesVisible >= 1 AND NumberOfMessagesDeleted == 0',
        thresholdText: `every minute for ${thresholds.stalledMinutes} min`,
        runbook: RUNBOOKS.queueBacklog,
      }),
    );
    this.alarms.push(
      ...commonServiceAlarms(this, policy, service, this.ecs, thresholds, severity, props.outOfMemoryStops),
    );
  }
}
