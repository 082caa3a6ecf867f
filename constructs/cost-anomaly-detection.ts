import type { CfnResource } from 'aws-cdk-lib';
import * as ce from 'aws-cdk-lib/aws-ce';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { ANOMALY_MONITOR_METADATA_KEY } from './report-metadata';

export interface CostAnomalyDetectionProps {
  /** Accounts to watch, one monitor each (name for the monitor's name, 12-digit ID for its filter). */
  readonly accounts: ReadonlyArray<{ readonly name: string; readonly id: string }>;
  /** Alert when an anomaly's total impact is at least this many USD. */
  readonly absoluteUsd: number;
  /** Alert when an anomaly's total impact is at least this percentage of the expected spend. */
  readonly percentage: number;
  /** `both` thresholds must be crossed, or `either` is enough. */
  readonly trigger: 'both' | 'either';
  /** IMMEDIATE alerts go to `topic`; DAILY and WEEKLY digests go to `emails` (Cost Anomaly Detection's rule). */
  readonly frequency: 'IMMEDIATE' | 'DAILY' | 'WEEKLY';
  /** Email subscribers of DAILY and WEEKLY digests. @default none */
  readonly emails?: readonly string[];
  /** SNS subscriber of IMMEDIATE alerts; its policy must let costalerts.amazonaws.com publish. @default none */
  readonly topic?: sns.ITopic;
  /** Prefix of monitor and subscription names. @default 'landfall' */
  readonly namePrefix?: string;
}

/** The `ThresholdExpression` of a subscription: absolute and percentage impact, combined with And or Or. */
export function anomalyThresholdExpression(
  absoluteUsd: number,
  percentage: number,
  trigger: 'both' | 'either',
): string {
  const dimension = (key: string, value: number) => ({
    Dimensions: { Key: key, MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: [String(value)] },
  });
  const parts = [
    dimension('ANOMALY_TOTAL_IMPACT_ABSOLUTE', absoluteUsd),
    dimension('ANOMALY_TOTAL_IMPACT_PERCENTAGE', percentage),
  ];
  return JSON.stringify(trigger === 'both' ? { And: parts } : { Or: parts });
}

/**
 * Cost Anomaly Detection in the management account: a custom monitor per linked account and one subscription over
 * them with an absolute and a percentage impact threshold (`ThresholdExpression`; `Threshold` is deprecated).
 */
export class CostAnomalyDetection extends Construct {
  public readonly monitors: ce.CfnAnomalyMonitor[];
  public readonly subscription: ce.CfnAnomalySubscription;

  constructor(scope: Construct, id: string, props: CostAnomalyDetectionProps) {
    super(scope, id);
    const prefix = props.namePrefix ?? 'landfall';
    const subscribers: ce.CfnAnomalySubscription.SubscriberProperty[] =
      props.frequency === 'IMMEDIATE'
        ? props.topic === undefined
          ? []
          : [{ type: 'SNS', address: props.topic.topicArn }]
        : (props.emails ?? []).map((address) => ({ type: 'EMAIL', address }));
    if (subscribers.length === 0) {
      throw new Error(
        `cost anomaly subscription: ${props.frequency} alerts need ${props.frequency === 'IMMEDIATE' ? 'a topic' : 'at least one email'}`,
      );
    }
    if (props.accounts.length === 0) throw new Error('cost anomaly detection needs at least one account to monitor');

    this.monitors = props.accounts.map((account) => {
      const monitor = new ce.CfnAnomalyMonitor(this, `Monitor-${account.name}`, {
        monitorName: `${prefix}-${account.name}`,
        monitorType: 'CUSTOM',
        monitorSpecification: JSON.stringify({ Dimensions: { Key: 'LINKED_ACCOUNT', Values: [account.id] } }),
      });
      (monitor as CfnResource).addMetadata(ANOMALY_MONITOR_METADATA_KEY, {
        account: account.name,
        accountId: account.id,
      });
      return monitor;
    });
    this.subscription = new ce.CfnAnomalySubscription(this, 'Subscription', {
      subscriptionName: `${prefix}-accounts`,
      frequency: props.frequency,
      monitorArnList: this.monitors.map((m) => m.attrMonitorArn),
      subscribers,
      thresholdExpression: anomalyThresholdExpression(props.absoluteUsd, props.percentage, props.trigger),
    });
  }
}
