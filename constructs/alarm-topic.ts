import { RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { denyGrantsExceptForAwsServices } from './kms-grant-guard';

export interface AlarmTopicProps {
  /** Name shown on notifications, for example `landfall dev alarms`. */
  readonly displayName: string;
  /**
   * Email addresses subscribed to the topic (each confirms once).
   * @default no subscriptions
   */
  readonly emails?: readonly string[];
  /**
   * Removal policy of the topic's KMS key (notifications are transient; the key protects them in transit only).
   * @default RemovalPolicy.RETAIN
   */
  readonly keyRemovalPolicy?: RemovalPolicy;
}

/**
 * The environment's alarm topic: SNS encrypted with a customer-managed KMS key that CloudWatch alarms and
 * EventBridge rules may use (the AWS-managed SNS key does not admit them), TLS-only publishing.
 */
export class AlarmTopic extends Construct {
  public readonly topic: sns.Topic;
  public readonly key: kms.Key;
  /** Action that notifies this topic, for `alarm.addAlarmAction(...)`. */
  public readonly alarmAction: cloudwatchActions.SnsAction;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: `Encrypts notifications of ${props.displayName}`,
      enableKeyRotation: true,
      removalPolicy: props.keyRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AlarmAndEventPublishers',
        principals: [
          new iam.ServicePrincipal('cloudwatch.amazonaws.com'),
          new iam.ServicePrincipal('events.amazonaws.com'),
        ],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    denyGrantsExceptForAwsServices(this.key);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: props.displayName,
      masterKey: this.key,
      enforceSSL: true,
    });
    for (const email of props.emails ?? []) this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    this.alarmAction = new cloudwatchActions.SnsAction(this.topic);
  }
}
