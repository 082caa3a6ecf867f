import type { StackProps } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { BillingAlarm } from '../../constructs/billing-alarm';
import type { SlackChannel } from '../../constructs/notification-topic';
import { NotificationTopic } from '../../constructs/notification-topic';

export interface BillingStackProps extends StackProps {
  /** Month-to-date estimated charges of the organization, in USD, that notify. */
  readonly thresholdUsd: number;
  /** Email subscribers of the billing topic. */
  readonly emails: readonly string[];
  /** Slack channel of the billing topic. @default none */
  readonly slack?: SlackChannel;
  /** Base URL of `docs/runbooks/`. */
  readonly runbookBaseUrl: string;
  /** Prefix of the topic and alarm names. */
  readonly namePrefix: string;
}

/** The organization's EstimatedCharges alarm and its topic; deployed to us-east-1, the only region with billing metrics. */
export class BillingStack extends Stack {
  public readonly alarm: BillingAlarm;

  constructor(scope: Construct, id: string, props: BillingStackProps) {
    super(scope, id, props);
    const topic = new NotificationTopic(this, 'BillingTopic', {
      topicName: `${props.namePrefix}-billing`,
      emails: props.emails,
      publishingServices: ['cloudwatch.amazonaws.com'],
      ...(props.slack === undefined ? {} : { slack: props.slack }),
    });
    this.alarm = new BillingAlarm(this, 'EstimatedCharges', {
      thresholdUsd: props.thresholdUsd,
      topic: topic.topic,
      runbookBaseUrl: props.runbookBaseUrl,
      namePrefix: props.namePrefix,
    });
  }
}
