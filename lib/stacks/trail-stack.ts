import type { StackProps } from 'aws-cdk-lib';
import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { KeyChangeAlarm } from '../../constructs/key-change-alarm';
import { NotificationTopic } from '../../constructs/notification-topic';
import { OrganizationTrail } from '../../constructs/organization-trail';

export interface TrailStackProps extends StackProps {
  /** Name of the organization trail. */
  readonly trailName: string;
  /** The CloudTrail bucket of the log-archive account; its policy must admit this trail before deployment. */
  readonly bucketName: string;
  /** Accounts whose principals may decrypt the log files. */
  readonly readerAccountIds: readonly string[];
  /** Log group of the CloudWatch Logs copy, and its retention in days. */
  readonly logGroupName: string;
  /** Retention of that log group, in days (a CloudWatch Logs retention value). */
  readonly logGroupRetentionDays: number;
  /**
   * Topic that receives every change that could disable the trail's KMS key (SCPs do not apply to the management
   * account, so this key is watched instead of guarded): its name and its email subscribers.
   */
  readonly keyChangeTopic: { readonly topicName: string; readonly emails: readonly string[] };
}

/** The organization trail in the management account, delivering to the log-archive bucket. */
export class TrailStack extends Stack {
  public readonly trail: OrganizationTrail;
  public readonly keyChanges: NotificationTopic;
  public readonly keyChangeAlarm: KeyChangeAlarm;

  constructor(scope: Construct, id: string, props: TrailStackProps) {
    super(scope, id, props);
    this.trail = new OrganizationTrail(this, 'OrganizationTrail', {
      trailName: props.trailName,
      bucketName: props.bucketName,
      readerAccountIds: props.readerAccountIds,
      logGroupName: props.logGroupName,
      logGroupRetentionDays: props.logGroupRetentionDays,
    });
    this.keyChanges = new NotificationTopic(this, 'KeyChanges', {
      topicName: props.keyChangeTopic.topicName,
      displayName: 'Organization trail key changes',
      emails: props.keyChangeTopic.emails,
      publishingServices: ['events.amazonaws.com'],
    });
    this.keyChangeAlarm = new KeyChangeAlarm(this, 'TrailKeyChanges', {
      key: this.trail.key,
      topic: this.keyChanges.topic,
      purpose: 'the organization trail',
    });
    new CfnOutput(this, 'TrailKeyArn', {
      value: this.trail.key.keyArn,
      description: 'KMS key that encrypts the organization trail logs',
    });
  }
}
