import type { StackProps } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { AccountBudget } from '../../constructs/account-budget';
import { CostAnomalyDetection } from '../../constructs/cost-anomaly-detection';
import type { SlackChannel } from '../../constructs/notification-topic';
import { NotificationTopic } from '../../constructs/notification-topic';

export interface CostStackProps extends StackProps {
  /** Every account of the organization with its monthly budget. */
  readonly accounts: ReadonlyArray<{ readonly name: string; readonly id: string; readonly monthlyBudgetUsd: number }>;
  /** Email subscribers of every budget notification and of anomaly digests. */
  readonly emails: readonly string[];
  /**
   * Slack channel of the cost topic. It is the account's only AWS Chatbot configuration of the channel (one per
   * channel ID and account), so it also carries `slackTopicArns`. @default none
   */
  readonly slack?: SlackChannel;
  /**
   * Other topics of this account, in any region, that post to the same Slack channel (the us-east-1 billing
   * topic): the stack that owns them must be deployed first. @default none
   */
  readonly slackTopicArns?: readonly string[];
  readonly anomalyDetection: {
    readonly absoluteUsd: number;
    readonly percentage: number;
    readonly trigger: 'both' | 'either';
    readonly frequency: 'IMMEDIATE' | 'DAILY' | 'WEEKLY';
  };
  /** Prefix of the topic, budget, monitor and subscription names. */
  readonly namePrefix: string;
}

/**
 * Cost alarms in the management account: a monthly budget per account (ACTUAL 80% and 100%, FORECASTED 100%, to
 * email and the cost topic), and Cost Anomaly Detection with a monitor per account.
 */
export class CostStack extends Stack {
  public readonly topic: NotificationTopic;

  constructor(scope: Construct, id: string, props: CostStackProps) {
    super(scope, id, props);
    this.topic = new NotificationTopic(this, 'CostTopic', {
      topicName: `${props.namePrefix}-cost`,
      publishingServices: ['budgets.amazonaws.com', 'costalerts.amazonaws.com'],
      ...(props.slack === undefined ? {} : { slack: props.slack }),
    });
    (props.slackTopicArns ?? []).forEach((arn, i) =>
      this.topic.slackChannel?.addNotificationTopic(sns.Topic.fromTopicArn(this, `SlackTopic${i}`, arn)),
    );
    for (const account of props.accounts) {
      new AccountBudget(this, `Budget-${account.name}`, {
        accountName: account.name,
        accountId: account.id,
        monthlyUsd: account.monthlyBudgetUsd,
        emails: props.emails,
        topic: this.topic.topic,
        budgetName: `${props.namePrefix}-${account.name}-monthly`,
      });
    }
    new CostAnomalyDetection(this, 'AnomalyDetection', {
      accounts: props.accounts,
      ...props.anomalyDetection,
      emails: props.emails,
      topic: this.topic.topic,
      namePrefix: props.namePrefix,
    });
  }
}
