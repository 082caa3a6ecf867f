import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { AlarmPolicy } from './alarm-conventions';
import { RUNBOOKS, standardAlarm } from './alarm-conventions';

export interface BillingAlarmProps {
  /** Month-to-date estimated charges of the whole organization, in USD, that notify. */
  readonly thresholdUsd: number;
  /** Where the alarm goes (a topic in us-east-1). */
  readonly topic: sns.ITopic;
  /** Base URL of `docs/runbooks/` (no trailing slash). */
  readonly runbookBaseUrl: string;
  /** Prefix of the alarm name. @default 'landfall' */
  readonly namePrefix?: string;
}

/**
 * The organization's `AWS/Billing EstimatedCharges` alarm. The metric exists only in us-east-1 and only once billing
 * alerts are enabled in the management account's billing preferences; without data the alarm stays OK.
 */
export class BillingAlarm extends Construct {
  public readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: BillingAlarmProps) {
    super(scope, id);
    const region = Stack.of(this).region;
    if (!Token.isUnresolved(region) && region !== 'us-east-1') {
      throw new Error(`BillingAlarm must be in us-east-1 (AWS/Billing metrics exist only there), not ${region}`);
    }
    const policy: AlarmPolicy = {
      environment: 'organization',
      topics: { page: props.topic, ticket: props.topic },
      actionsEnabled: true,
      runbookBaseUrl: props.runbookBaseUrl,
      namePrefix: props.namePrefix ?? 'landfall',
    };
    this.alarm = standardAlarm(this, 'Alarm', policy, {
      service: 'billing',
      kind: 'estimated-charges',
      severity: 'ticket',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/Billing',
        metricName: 'EstimatedCharges',
        dimensionsMap: { Currency: 'USD' },
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.hours(6),
      }),
      threshold: props.thresholdUsd,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      meaning: `the organization's estimated charges this month exceed ${props.thresholdUsd} USD.`,
      metricText: 'AWS/Billing EstimatedCharges (USD, month to date)',
      thresholdText: `> ${props.thresholdUsd} USD`,
      runbook: RUNBOOKS.budgetExceeded,
    });
  }
}
