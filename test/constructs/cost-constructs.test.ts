import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AccountBudget } from '../../constructs/account-budget';
import { BillingAlarm } from '../../constructs/billing-alarm';
import { anomalyThresholdExpression, CostAnomalyDetection } from '../../constructs/cost-anomaly-detection';
import { expectedBudgetNotifications } from '../support/budget-notifications';

const newStack = (region = 'ap-northeast-1') =>
  new Stack(new App(), 'Test', { env: { account: '111111111111', region } });

describe('AccountBudget', () => {
  const stack = newStack();
  const topic = new sns.Topic(stack, 'Cost');
  new AccountBudget(stack, 'Dev', {
    accountName: 'dev',
    accountId: '444444444444',
    monthlyUsd: 300,
    emails: ['a@example.com'],
    topic,
  });
  const template = Template.fromStack(stack);

  it('budgets the linked account monthly in USD', () => {
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        BudgetName: 'landfall-dev-monthly',
        BudgetType: 'COST',
        TimeUnit: 'MONTHLY',
        BudgetLimit: { Amount: 300, Unit: 'USD' },
        CostFilters: { LinkedAccount: ['444444444444'] },
      },
    });
  });

  it('notifies email and SNS at ACTUAL 80% and 100% and FORECASTED 100%', () => {
    const subscribers = [
      { SubscriptionType: 'EMAIL', Address: 'a@example.com' },
      { SubscriptionType: 'SNS', Address: { Ref: stack.getLogicalId(topic.node.defaultChild as sns.CfnTopic) } },
    ];
    template.hasResourceProperties('AWS::Budgets::Budget', {
      NotificationsWithSubscribers: expectedBudgetNotifications(subscribers),
    });
  });

  it('refuses a budget without any subscriber', () => {
    expect(
      () => new AccountBudget(newStack(), 'X', { accountName: 'dev', accountId: '444444444444', monthlyUsd: 300 }),
    ).toThrow('budget of dev has no subscriber (give emails or a topic)');
  });

  it('refuses more than 10 email subscribers', () => {
    const emails = Array.from({ length: 11 }, (_, i) => `p${i}@example.com`);
    expect(
      () =>
        new AccountBudget(newStack(), 'X', { accountName: 'dev', accountId: '444444444444', monthlyUsd: 300, emails }),
    ).toThrow('budget of dev: 11 email subscribers (AWS Budgets allows 10)');
  });
});

describe('CostAnomalyDetection', () => {
  const accounts = [
    { name: 'dev', id: '444444444444' },
    { name: 'prod', id: '666666666666' },
  ];

  it('creates a custom monitor per linked account', () => {
    const stack = newStack();
    new CostAnomalyDetection(stack, 'Anomalies', {
      accounts,
      absoluteUsd: 50,
      percentage: 25,
      trigger: 'both',
      frequency: 'DAILY',
      emails: ['a@example.com'],
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CE::AnomalyMonitor', 2);
    template.hasResourceProperties('AWS::CE::AnomalyMonitor', {
      MonitorName: 'landfall-prod',
      MonitorType: 'CUSTOM',
      MonitorSpecification: '{"Dimensions":{"Key":"LINKED_ACCOUNT","Values":["666666666666"]}}',
    });
  });

  it('sends DAILY digests by email, filtered by absolute and percentage impact', () => {
    const stack = newStack();
    new CostAnomalyDetection(stack, 'Anomalies', {
      accounts,
      absoluteUsd: 50,
      percentage: 25,
      trigger: 'both',
      frequency: 'DAILY',
      emails: ['a@example.com'],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::CE::AnomalySubscription', {
      Frequency: 'DAILY',
      MonitorArnList: Match.arrayWith([Match.objectLike({ 'Fn::GetAtt': Match.arrayWith(['MonitorArn']) })]),
      Subscribers: [{ Type: 'EMAIL', Address: 'a@example.com' }],
      ThresholdExpression:
        '{"And":[{"Dimensions":{"Key":"ANOMALY_TOTAL_IMPACT_ABSOLUTE","MatchOptions":["GREATER_THAN_OR_EQUAL"],"Values":["50"]}},' +
        '{"Dimensions":{"Key":"ANOMALY_TOTAL_IMPACT_PERCENTAGE","MatchOptions":["GREATER_THAN_OR_EQUAL"],"Values":["25"]}}]}',
    });
  });

  it('sends IMMEDIATE alerts to the SNS topic', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Cost');
    new CostAnomalyDetection(stack, 'Anomalies', {
      accounts,
      absoluteUsd: 50,
      percentage: 25,
      trigger: 'either',
      frequency: 'IMMEDIATE',
      emails: ['a@example.com'],
      topic,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::CE::AnomalySubscription', {
      Frequency: 'IMMEDIATE',
      Subscribers: [{ Type: 'SNS', Address: { Ref: stack.getLogicalId(topic.node.defaultChild as sns.CfnTopic) } }],
    });
  });

  it('combines the thresholds with Or when either is enough', () => {
    expect(JSON.parse(anomalyThresholdExpression(100, 20, 'either'))).toEqual({
      Or: [
        {
          Dimensions: {
            Key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE',
            MatchOptions: ['GREATER_THAN_OR_EQUAL'],
            Values: ['100'],
          },
        },
        {
          Dimensions: {
            Key: 'ANOMALY_TOTAL_IMPACT_PERCENTAGE',
            MatchOptions: ['GREATER_THAN_OR_EQUAL'],
            Values: ['20'],
          },
        },
      ],
    });
  });

  it('refuses IMMEDIATE alerts without a topic', () => {
    expect(
      () =>
        new CostAnomalyDetection(newStack(), 'A', {
          accounts,
          absoluteUsd: 1,
          percentage: 1,
          trigger: 'both',
          frequency: 'IMMEDIATE',
          emails: ['a@example.com'],
        }),
    ).toThrow('cost anomaly subscription: IMMEDIATE alerts need a topic');
  });
});

describe('BillingAlarm', () => {
  it('alarms on the organization estimated charges in USD, in us-east-1', () => {
    const stack = newStack('us-east-1');
    const topic = new sns.Topic(stack, 'Topic');
    new BillingAlarm(stack, 'Billing', { thresholdUsd: 2800, topic, runbookBaseUrl: 'https://example.com/runbooks' });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'landfall-billing-estimated-charges',
      Namespace: 'AWS/Billing',
      MetricName: 'EstimatedCharges',
      Dimensions: [{ Name: 'Currency', Value: 'USD' }],
      Statistic: 'Maximum',
      Period: 21600,
      Threshold: 2800,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: stack.getLogicalId(topic.node.defaultChild as sns.CfnTopic) }],
      AlarmDescription:
        "[TICKET] billing in organization: the organization's estimated charges this month exceed 2800 USD. Runbook: https://example.com/runbooks/budget-exceeded.md",
    });
  });

  it('refuses any region but us-east-1, where the metric does not exist', () => {
    const stack = newStack('ap-northeast-1');
    expect(
      () =>
        new BillingAlarm(stack, 'Billing', {
          thresholdUsd: 1,
          topic: new sns.Topic(stack, 'T'),
          runbookBaseUrl: 'https://example.com',
        }),
    ).toThrow('BillingAlarm must be in us-east-1 (AWS/Billing metrics exist only there), not ap-northeast-1');
  });
});
