import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge';

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

    this.logGroup = new logs.LogGroup(this, 'Events', {
      logGroupName: props.logGroupName,
      retention: props.retention,
      encryptionKey: props.encryptionKey,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    if (props.retention < 365) {
      acknowledge(this.logGroup, {
        'guard:cloudwatch_log_group_retention_period_check': `CT.CLOUDWATCH.PR.2: the environment's profile keeps release events ${props.retention} days; they are copies of ECS deployment events for the dashboard, and ECS keeps the deployment history`,
      });
    }
    if (Stack.of(props.encryptionKey) !== stack || props.encryptionKey.node.defaultChild === undefined) {
      acknowledge(this.logGroup, {
        'guard:cloudwatch_log_group_encrypted_check':
          "CT.CLOUDWATCH.PR.3: the group is encrypted with the environment's log key; from another stack its ARN is a reference the rule cannot resolve",
      });
    }
    const logGroupArn = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: props.logGroupName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    props.encryptionKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: `LogsUse${props.environment.replace(/[^A-Za-z0-9]/g, '')}ReleaseEvents`,
        principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
      }),
    );
    // Amazon EventBridge User Guide, "Using resource-based policies for Amazon EventBridge": "For Amazon CloudWatch
    // Logs resources, EventBridge uses resource-based policies." CDK's CloudWatchLogGroup target writes this policy
    // through a Lambda-backed custom resource; the native resource does the same without one. CloudWatch Logs API
    // Reference, PutResourcePolicy: "An account can have up to 10 resource policies per AWS Region": one per
    // Observability stack (25 services each) besides the OOM watch's.
    const writePolicy = new logs.ResourcePolicy(this, 'EventsMayWrite', {
      policyStatements: [
        new iam.PolicyStatement({
          principals: [new iam.ServicePrincipal('events.amazonaws.com')],
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [this.logGroup.logGroupArn],
        }),
      ],
    });

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
    this.rule.addTarget({ bind: () => ({ arn: logGroupArn, targetResource: this.logGroup }) });
    this.rule.node.addDependency(writePolicy);
  }
}
