import type { CfnResource } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { BUDGET_METADATA_KEY } from './report-metadata';

/** One budget notification: a share of the budget, actual or forecast. */
export interface BudgetThreshold {
  readonly type: 'ACTUAL' | 'FORECASTED';
  /** Percent of the budget (100 = the whole budget). */
  readonly percent: number;
}

/** ACTUAL at 80% and 100%, FORECASTED at 100%. */
export const DEFAULT_BUDGET_THRESHOLDS: readonly BudgetThreshold[] = [
  { type: 'ACTUAL', percent: 80 },
  { type: 'ACTUAL', percent: 100 },
  { type: 'FORECASTED', percent: 100 },
];

export interface AccountBudgetProps {
  /** Account name (config), in the budget name and the cost review. */
  readonly accountName: string;
  /** The 12-digit account ID the budget filters on (linked account). */
  readonly accountId: string;
  /** Monthly cost budget in USD. */
  readonly monthlyUsd: number;
  /** Email subscribers of every notification (AWS Budgets allows 10). @default none */
  readonly emails?: readonly string[];
  /** SNS subscriber of every notification; its policy must let budgets.amazonaws.com publish. @default none */
  readonly topic?: sns.ITopic;
  /** @default DEFAULT_BUDGET_THRESHOLDS */
  readonly thresholds?: readonly BudgetThreshold[];
  /** @default `landfall-<accountName>-monthly` */
  readonly budgetName?: string;
}

/**
 * A monthly cost budget of one account, created in the management account and filtered on the linked account, that
 * notifies email and SNS subscribers at each threshold.
 */
export class AccountBudget extends Construct {
  public readonly budget: budgets.CfnBudget;

  constructor(scope: Construct, id: string, props: AccountBudgetProps) {
    super(scope, id);
    const emails = props.emails ?? [];
    if (emails.length > 10)
      throw new Error(`budget of ${props.accountName}: ${emails.length} email subscribers (AWS Budgets allows 10)`);
    if (emails.length === 0 && props.topic === undefined)
      throw new Error(`budget of ${props.accountName} has no subscriber (give emails or a topic)`);
    if (!(props.monthlyUsd > 0))
      throw new Error(`budget of ${props.accountName}: ${props.monthlyUsd} USD is not a positive amount`);
    const subscribers: budgets.CfnBudget.SubscriberProperty[] = [
      ...emails.map((address) => ({ subscriptionType: 'EMAIL', address })),
      ...(props.topic === undefined ? [] : [{ subscriptionType: 'SNS', address: props.topic.topicArn }]),
    ];
    this.budget = new budgets.CfnBudget(this, 'Budget', {
      budget: {
        budgetName: props.budgetName ?? `landfall-${props.accountName}-monthly`,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: props.monthlyUsd, unit: 'USD' },
        costFilters: { LinkedAccount: [props.accountId] },
      },
      notificationsWithSubscribers: (props.thresholds ?? DEFAULT_BUDGET_THRESHOLDS).map((t) => ({
        notification: {
          notificationType: t.type,
          comparisonOperator: 'GREATER_THAN',
          threshold: t.percent,
          thresholdType: 'PERCENTAGE',
        },
        subscribers,
      })),
    });
    (this.budget as CfnResource).addMetadata(BUDGET_METADATA_KEY, {
      account: props.accountName,
      accountId: props.accountId,
    });
  }
}
