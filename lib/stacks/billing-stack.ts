import type { StackProps } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { BillingAlarm } from '../../constructs/billing-alarm';
import { NotificationTopic } from '../../constructs/notification-topic';

export interface BillingStackProps extends StackProps {
  /** Month-to-date estimated charges of the organization, in USD, that notify. */
  readonly thresholdUsd: number;
  /** Email subscribers of the billing topic. */
  readonly emails: readonly string[];
  /** Base URL of `docs/runbooks/`. */
  readonly runbookBaseUrl: string;
  /** Prefix of the topic and alarm names. */
  readonly namePrefix: string;
}

/** The organization's EstimatedCharges alarm and its topic; deployed to us-east-1, the only region with billing metrics. */
export class BillingStack extends Stack {
  public readonly alarm: BillingAlarm;
  /** The billing topic; the Cost stack subscribes the cost Slack channel to it (one Chatbot configuration per channel and account). */
  public readonly topic: NotificationTopic;

  constructor(scope: Construct, id: string, props: BillingStackProps) {
    super(scope, id, props);
    const topic = (this.topic = new NotificationTopic(this, 'BillingTopic', {
      topicName: `${props.namePrefix}-billing`,
      emails: props.emails,
      publishingServices: ['cloudwatch.amazonaws.com'],
    }));
    this.alarm = new BillingAlarm(this, 'EstimatedCharges', {
      thresholdUsd: props.thresholdUsd,
      topic: topic.topic,
      runbookBaseUrl: props.runbookBaseUrl,
      namePrefix: props.namePrefix,
    });
  }
}
