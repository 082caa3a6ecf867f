import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { acknowledge } from './acknowledge';

export interface EventLogGroupProps {
  /** Name of the log group; EventBridge log targets use the `/aws/events/` prefix. */
  readonly logGroupName: string;
  /** How long the events are kept. */
  readonly retention: logs.RetentionDays;
  /** Key that encrypts the log group; CloudWatch Logs may use it for this log group only. */
  readonly encryptionKey: kms.IKey;
  /** What happens to the log group when the stack deletes it. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
  /** Sid of the key policy statement (letters and digits). */
  readonly keyStatementId: string;
  /** What the events are and where the record of truth is, for the short-retention acknowledgment. */
  readonly retentionReason: string;
  /** Services besides EventBridge that write to the group. @default none */
  readonly otherWriters?: readonly string[];
}

/** The log group an EventBridge rule writes to, its write policy, and the target that binds a rule to it. */
export interface EventLogGroup {
  readonly logGroup: logs.LogGroup;
  readonly writePolicy: logs.ResourcePolicy;
  /** The rule target: no role, EventBridge writes with the group's resource policy. */
  readonly target: { bind: () => { arn: string; targetResource: logs.LogGroup } };
}

/**
 * A KMS-encrypted log group that EventBridge rules write events to, created in `scope` under the ids `Events` and
 * `EventsMayWrite` (the logical IDs of the groups that already exist stay as they are), shared by the OOM watch and
 * the release marker. Amazon EventBridge User Guide, "Using resource-based policies for Amazon EventBridge": "For
 * Amazon CloudWatch Logs resources, EventBridge uses resource-based policies": the native resource writes it, where
 * CDK's CloudWatchLogGroup target would use a Lambda-backed custom resource. CloudWatch Logs API Reference,
 * PutResourcePolicy: "An account can have up to 10 resource policies per AWS Region".
 */
export function eventLogGroup(scope: Construct, props: EventLogGroupProps): EventLogGroup {
  const stack = Stack.of(scope);
  const logGroup = new logs.LogGroup(scope, 'Events', {
    logGroupName: props.logGroupName,
    retention: props.retention,
    encryptionKey: props.encryptionKey,
    removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
  });
  if (props.retention < 365) {
    acknowledge(logGroup, {
      'guard:cloudwatch_log_group_retention_period_check': `CT.CLOUDWATCH.PR.2: the environment's profile keeps ${props.retentionReason}`,
    });
  }
  if (Stack.of(props.encryptionKey) !== stack || props.encryptionKey.node.defaultChild === undefined) {
    acknowledge(logGroup, {
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
      sid: props.keyStatementId,
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
    }),
  );
  const writePolicy = new logs.ResourcePolicy(scope, 'EventsMayWrite', {
    policyStatements: [
      new iam.PolicyStatement({
        principals: ['events.amazonaws.com', ...(props.otherWriters ?? [])].map((p) => new iam.ServicePrincipal(p)),
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    ],
  });
  return { logGroup, writePolicy, target: { bind: () => ({ arn: logGroupArn, targetResource: logGroup }) } };
}
