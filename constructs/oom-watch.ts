import type { RemovalPolicy } from 'aws-cdk-lib';
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { eventLogGroup } from './event-log-group';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface OomWatchProps {
  /** ARNs of the clusters whose tasks are watched (the environment's; a cluster's ARN is known from its name). */
  readonly clusterArns: readonly string[];
  /** Where each OOM stop is announced, naming the service and the task. */
  readonly topic: sns.ITopic;
  /** Environment name, in the announcement. */
  readonly environment: string;
  /** Link to the OOM runbook, in the announcement. */
  readonly runbookUrl: string;
  /** Name of the log group that keeps every OOM stop event; EventBridge log targets use the `/aws/events/` prefix. */
  readonly logGroupName: string;
  /** How long the OOM stop events are kept. */
  readonly retention: logs.RetentionDays;
  /** Key that encrypts the log group; the construct lets CloudWatch Logs use it for this log group only. */
  readonly encryptionKey: kms.IKey;
  /** What happens to the log group when the stack deletes it. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Detects tasks stopped because a container ran out of memory (the container reason starts with `OutOfMemoryError`;
 * exit code 137 alone is also a stop timeout). Each stop is announced on the topic, and the events go to a log group
 * whose metric filter counts them per service (`metricFor`), so each service can alarm on repeated kills without a
 * Lambda function.
 */
export class OomWatch extends Construct {
  /** Namespace and name of the per-service count; dimensions `ClusterArn` and `Group` (`service:<ECS service name>`). */
  public static readonly NAMESPACE = 'landfall/ECS';
  public static readonly METRIC_NAME = 'OutOfMemoryStops';

  /** The EventBridge pattern: an ECS task of one of the clusters stopped, with a container killed by OutOfMemoryError. */
  public static eventPattern(clusterArns: readonly string[]): events.EventPattern {
    return {
      source: ['aws.ecs'],
      detailType: ['ECS Task State Change'],
      detail: {
        clusterArn: [...clusterArns],
        lastStatus: ['STOPPED'],
        containers: { reason: [{ prefix: 'OutOfMemoryError' }] },
      },
    };
  }

  public readonly rule: events.Rule;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: OomWatchProps) {
    super(scope, id);

    const events_ = eventLogGroup(this, {
      logGroupName: props.logGroupName,
      retention: props.retention,
      encryptionKey: props.encryptionKey,
      ...(props.removalPolicy === undefined ? {} : { removalPolicy: props.removalPolicy }),
      keyStatementId: `LogsUse${props.environment.replace(/[^A-Za-z0-9]/g, '')}OomEvents`,
      retentionReason: `OOM stop events ${props.retention} days; they are copies of ECS task events for diagnosis, and CloudTrail keeps the audit record`,
      otherWriters: ['delivery.logs.amazonaws.com'],
    });
    this.logGroup = events_.logGroup;

    new logs.MetricFilter(this, 'StopsPerService', {
      logGroup: this.logGroup,
      filterPattern: logs.FilterPattern.stringValue('$.detail.lastStatus', '=', 'STOPPED'),
      metricNamespace: OomWatch.NAMESPACE,
      metricName: OomWatch.METRIC_NAME,
      metricValue: '1',
      dimensions: { ClusterArn: '$.detail.clusterArn', Group: '$.detail.group' },
    });

    this.rule = new events.Rule(this, 'Rule', {
      description: `Tasks stopped by OutOfMemoryError in ${props.environment}`,
      eventPattern: OomWatch.eventPattern(props.clusterArns),
    });
    const field = (path: string) => events.EventField.fromPath(path);
    this.rule.addTarget(
      new targets.SnsTopic(props.topic, {
        message: events.RuleTargetInput.fromText(
          `[TICKET] out of memory in ${props.environment}: task ${field('$.detail.taskArn')} of ${field('$.detail.group')} ` +
            `(cluster ${field('$.detail.clusterArn')}) stopped at ${field('$.detail.stoppedAt')}: a container was killed by ` +
            `OutOfMemoryError. Runbook: ${props.runbookUrl}`,
        ),
      }),
    );
    this.rule.addTarget(events_.target);
    this.rule.node.addDependency(events_.writePolicy);
  }

  /** Tasks of a service stopped by OutOfMemoryError, summed per hour (published once an OomWatch watches its cluster). */
  public static metricFor(service: ecs.IBaseService): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: OomWatch.NAMESPACE,
      metricName: OomWatch.METRIC_NAME,
      dimensionsMap: { ClusterArn: service.cluster.clusterArn, Group: `service:${service.serviceName}` },
      statistic: cloudwatch.Stats.SUM,
      period: Duration.hours(1),
      label: 'OOM kills',
    });
  }
}
