import type { RemovalPolicy } from 'aws-cdk-lib';
import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { eventLogGroup } from './event-log-group';

export interface ReleaseMarkerProps {
  /** Name of the environment's ECS cluster (known before deployment). */
  readonly clusterName: string;
  /** Names of the ECS services in that cluster whose releases are marked. */
  readonly serviceNames: readonly string[];
  /** Environment name, in the rule's description. */
  readonly environment: string;
  /** Name of the log group that keeps the release events; EventBridge log targets use the `/aws/events/` prefix. */
  readonly logGroupName: string;
  /** How long the release events are kept. */
  readonly retention: logs.RetentionDays;
  /** Key that encrypts the log group; the construct lets CloudWatch Logs use it for this log group only. */
  readonly encryptionKey: kms.IKey;
  /** What happens to the log group when the stack deletes it. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Marks each release of a service on the dashboard: a `Releases` count at the moment an ECS service deployment
 * starts (initial or rollback). ECS sends "ECS Deployment State Change" events with `SERVICE_DEPLOYMENT_IN_PROGRESS`
 * for both (Amazon ECS Developer Guide, "Amazon ECS service deployment state change events"); an EventBridge rule
 * keeps them in a log group and one metric filter per service counts them (`metricFor`).
 *
 * Why this and not the deploy workflow calling PutMetricData: it marks every deployment (a rollback, a deploy by
 * hand, a scaling-free task definition change), the deploy role stays read-only, and no Lambda function runs.
 */
export class ReleaseMarker extends Construct {
  public static readonly NAMESPACE = 'landfall/Releases';
  /** The event that marks a release: the start of a service deployment. */
  public static readonly EVENT_NAME = 'SERVICE_DEPLOYMENT_IN_PROGRESS';

  /** `arn:<partition>:ecs:<region>:<account>:service/<cluster>/<service>`, the event's `resources[0]`. */
  public static serviceArn(stack: Stack, clusterName: string, serviceName: string): string {
    return stack.formatArn({
      service: 'ecs',
      resource: 'service',
      resourceName: `${clusterName}/${serviceName}`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }

  /** The EventBridge pattern: a deployment of one of these services started. */
  public static eventPattern(serviceArns: readonly string[]): events.EventPattern {
    return {
      source: ['aws.ecs'],
      detailType: ['ECS Deployment State Change'],
      resources: [...serviceArns],
      detail: { eventName: [ReleaseMarker.EVENT_NAME] },
    };
  }

  /** The count of a service's releases (one per deployment start), summed per 5 minutes. */
  public static metricFor(clusterName: string, serviceName: string): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: ReleaseMarker.NAMESPACE,
      metricName: `${clusterName}/${serviceName}`,
      statistic: cloudwatch.Stats.SUM,
      period: Duration.minutes(5),
      label: `${serviceName} releases`,
    });
  }

  public readonly rule: events.Rule;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ReleaseMarkerProps) {
    super(scope, id);
    const stack = Stack.of(this);

    const events_ = eventLogGroup(this, {
      logGroupName: props.logGroupName,
      retention: props.retention,
      encryptionKey: props.encryptionKey,
      ...(props.removalPolicy === undefined ? {} : { removalPolicy: props.removalPolicy }),
      keyStatementId: `LogsUse${props.environment.replace(/[^A-Za-z0-9]/g, '')}ReleaseEvents`,
      retentionReason: `release events ${props.retention} days; they are copies of ECS deployment events for the dashboard, and ECS keeps the deployment history`,
    });
    this.logGroup = events_.logGroup;

    props.serviceNames.forEach((serviceName) => {
      const marker = ReleaseMarker.metricFor(props.clusterName, serviceName);
      new logs.MetricFilter(this, `Releases-${serviceName}`, {
        logGroup: this.logGroup,
        filterPattern: logs.FilterPattern.stringValue(
          '$.resources[0]',
          '=',
          ReleaseMarker.serviceArn(stack, props.clusterName, serviceName),
        ),
        metricNamespace: marker.namespace,
        metricName: marker.metricName,
        metricValue: '1',
      });
    });

    this.rule = new events.Rule(this, 'Rule', {
      description: `Releases (ECS service deployments started) in ${props.environment}, for the dashboard`,
      eventPattern: ReleaseMarker.eventPattern(
        props.serviceNames.map((s) => ReleaseMarker.serviceArn(stack, props.clusterName, s)),
      ),
    });
    // The target without a role: EventBridge writes with the log group's resource policy.
    this.rule.addTarget(events_.target);
    this.rule.node.addDependency(events_.writePolicy);
  }
}
