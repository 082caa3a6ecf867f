import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ArmTaskProps } from './arm-task';
import { acknowledge } from './acknowledge';
import type { ServiceAlarmLinks } from './alarm-conventions';
import { linkServiceAlarm, RUNBOOKS } from './alarm-conventions';
import { addDeploymentAlarmActions } from './deployment-alarm-actions';
import { safeDeployment } from './safe-deployment';
import { ArmTask } from './arm-task';
import { BacklogScaling } from './backlog-scaling';
import { acknowledgeTagsSchemaLag } from './lint-schema-lag';
import { deadLetterDepth, queueBacklog, queueMetrics } from './service-metrics';

export interface QueueWorkerProps extends Omit<ArmTaskProps, 'containerPort' | 'stopTimeout'> {
  /** Runbook links and review annotations of the rollback and scaling alarms. @default they link no runbook */
  readonly alarmLinks?: ServiceAlarmLinks;
  readonly cluster: ecs.ICluster;
  /**
   * Longest time one message may take. The visibility timeout is twice this (at least 30 s), so a slow message
   * is not handed to a second task while the first still works on it; the stop timeout is this, capped at 120 s.
   */
  readonly maxProcessingSeconds: number;
  /**
   * Receives before a message moves to the dead-letter queue.
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /**
   * Name of the queue (producers in other stacks derive its URL from it).
   * @default a generated name
   */
  readonly queueName?: string;
  /** @default a generated name */
  readonly deadLetterQueueName?: string;
  /**
   * Removal policy of both queues: RETAIN keeps messages when the stack is deleted or a queue replaced.
   * @default RemovalPolicy.RETAIN
   */
  readonly queueRemovalPolicy?: RemovalPolicy;
  /** Tasks while the queue is empty (0 scales to zero). */
  readonly minTasks: number;
  /** Upper bound of tasks. */
  readonly maxTasks: number;
  /**
   * Backlog (waiting + in-flight messages) one task holds.
   * @default 10
   */
  readonly messagesPerTask?: number;
  /** @default a generated name */
  readonly serviceName?: string;
  /**
   * Actions of the dead-letter arrivals alarm (it also gates deployments, which needs no action).
   * @default none
   */
  readonly alarmActions?: readonly cloudwatch.IAlarmAction[];
}

/**
 * An SQS worker: an encrypted, TLS-only queue with a dead-letter queue (14 days) and a Fargate ARM64 service that
 * consumes it, scaled on backlog per task down to zero. The task may consume its own queue and nothing else;
 * producers get send rights through `grantSend`. A deployment rolls back when messages start dead-lettering.
 */
export class QueueWorker extends Construct {
  public readonly queue: sqs.Queue;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly task: ArmTask;
  public readonly taskDefinition: ecs.FargateTaskDefinition;
  public readonly service: ecs.FargateService;
  public readonly scaling: ecs.ScalableTaskCount;
  public readonly backlogScaling: BacklogScaling;
  /** Messages reached the dead-letter queue in the last minute: rolls back a running deployment. */
  public readonly deadLetterArrivalsAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: QueueWorkerProps) {
    super(scope, id);
    if (props.minTasks < 0 || props.maxTasks < 1 || props.minTasks > props.maxTasks) {
      throw new Error(
        `${this.node.path}: tasks must satisfy 0 <= minTasks (${props.minTasks}) <= maxTasks (${props.maxTasks}), maxTasks >= 1`,
      );
    }
    const removalPolicy = props.queueRemovalPolicy ?? RemovalPolicy.RETAIN;
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      queueName: props.deadLetterQueueName,
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy,
    });
    acknowledge(this.deadLetterQueue, {
      'guard:sqs_dlq_check':
        'CT.SQS.PR.1: this is the dead-letter queue of the worker queue; a dead-letter queue of its own would only move the problem',
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      queueName: props.queueName,
      visibilityTimeout: Duration.seconds(QueueWorker.visibilityTimeoutSeconds(props.maxProcessingSeconds)),
      receiveMessageWaitTime: Duration.seconds(20),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount ?? 5 },
      removalPolicy,
    });

    this.task = new ArmTask(this, 'Task', {
      ...props,
      environment: { ...props.environment, QUEUE_URL: this.queue.queueUrl },
      stopTimeout: Duration.seconds(Math.min(120, Math.max(2, props.maxProcessingSeconds))),
    });
    this.taskDefinition = this.task.taskDefinition;
    this.queue.grantConsumeMessages(this.taskDefinition.taskRole);

    this.deadLetterArrivalsAlarm = new cloudwatch.Alarm(this, 'DeadLetterArrivalsAlarm', {
      alarmDescription: 'Messages moved to the dead-letter queue in the last minute; rolls back a running deployment',
      metric: new cloudwatch.MathExpression({
        label: 'Messages dead-lettered',
        expression: 'DIFF(dead)',
        usingMetrics: { dead: this.metricDeadLetterMessages() },
        period: Duration.minutes(1),
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    addDeploymentAlarmActions(this.deadLetterArrivalsAlarm, props.alarmActions);

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: props.cluster,
      taskDefinition: this.taskDefinition,
      serviceName: props.serviceName,
      securityGroups: [
        new ec2.SecurityGroup(this, 'SecurityGroup', {
          vpc: props.cluster.vpc,
          description: 'Worker tasks: no inbound traffic; outbound to SQS and the services it calls',
          allowAllOutbound: true,
        }),
      ],
      ...safeDeployment(this.deadLetterArrivalsAlarm),
    });

    this.scaling = this.service.autoScaleTaskCount({ minCapacity: props.minTasks, maxCapacity: props.maxTasks });
    acknowledgeTagsSchemaLag(this.scaling.node.findChild('Target'));
    this.backlogScaling = new BacklogScaling(this, 'BacklogScaling', {
      target: this.scaling,
      backlog: this.metricBacklog(),
      messagesPerTask: props.messagesPerTask ?? 10,
      minTasks: props.minTasks,
      maxTasks: props.maxTasks,
    });

    if (props.alarmLinks) {
      const links = props.alarmLinks;
      linkServiceAlarm(this.deadLetterArrivalsAlarm, links, {
        kind: 'deployment-rollback-dlq',
        severity: 'ticket',
        metric: 'DIFF(dead-letter queue depth)',
        threshold: '> 0 in 1 minute',
        runbook: RUNBOOKS.deploymentRollback,
      });
      linkServiceAlarm(this.backlogScaling.backlogAlarm, links, {
        kind: 'scale-on-backlog',
        severity: 'scaling',
        metric: 'visible + in-flight messages',
        threshold: '>= 1 (scale to backlog / messages per task)',
        runbook: RUNBOOKS.queueBacklog,
      });
      linkServiceAlarm(this.backlogScaling.idleAlarm, links, {
        kind: 'scale-to-idle',
        severity: 'scaling',
        metric: 'visible + in-flight messages',
        threshold: `<= 0 (scale to ${props.minTasks} tasks)`,
        runbook: RUNBOOKS.queueBacklog,
      });
    }
  }

  /** Twice the longest processing time, at least 30 s (capped at SQS's 12 hours). */
  public static visibilityTimeoutSeconds(maxProcessingSeconds: number): number {
    return Math.min(43200, Math.max(30, 2 * maxProcessingSeconds));
  }

  /** Allow a producer to enqueue work (and nothing else). */
  public grantSend(grantee: iam.IGrantable): iam.Grant {
    return this.queue.grantSendMessages(grantee);
  }

  /** Messages waiting plus messages in flight (received, not yet deleted): the work the tasks hold (`queueBacklog`). */
  public metricBacklog(period: Duration = Duration.minutes(1)): cloudwatch.MathExpression {
    return queueBacklog(this.queue.queueName, period);
  }

  /** Age of the oldest waiting message. @default maximum over 1 minute */
  public metricOldestMessageAge(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.metrics().oldestAgeSeconds.with(props);
  }

  /** Messages in the dead-letter queue, visible plus in flight (`deadLetterDepth`). @default 1 minute */
  public metricDeadLetterMessages(period: Duration = Duration.minutes(1)): cloudwatch.MathExpression {
    return deadLetterDepth(this.deadLetterQueue.queueName, period);
  }

  /** Messages the worker finished (deleted). @default sum over 1 minute */
  public metricMessagesProcessed(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.metrics().processed.with(props);
  }

  private metrics() {
    return queueMetrics({ queueName: this.queue.queueName, deadLetterQueueName: this.deadLetterQueue.queueName });
  }
}
