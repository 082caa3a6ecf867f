import { RegionInfo } from 'aws-cdk-lib/region-info';
import type { Construct } from 'constructs';
import type { LandfallModel } from '../config';
import { resolveCost, runbookBaseUrl } from '../config';
import { PREFIX, STACKS, stackName } from '../naming';
import { BILLING_REGION } from '../plan/regions';
import { BillingStack } from '../stacks/billing-stack';
import { CostStack } from '../stacks/cost-stack';

/**
 * The management account's cost stacks: `Cost` in the home region (budgets, anomaly detection) and `Billing` in
 * us-east-1 (the organization's EstimatedCharges alarm). Both termination-protected.
 */
export function addCostStacks(
  stage: Construct,
  stageName: string,
  model: LandfallModel,
): { cost: CostStack; billing: BillingStack } {
  const cost = resolveCost(model.platform);
  const account = model.accounts.management.id;
  const billingTopicName = `${PREFIX}-billing`;
  const billing = new BillingStack(stage, STACKS.billing, {
    stackName: stackName(stageName, STACKS.billing),
    description: "landfall billing alarm: the organization's month-to-date EstimatedCharges (us-east-1 only)",
    terminationProtection: true,
    env: { account, region: BILLING_REGION },
    thresholdUsd: cost.billingAlarmUsd,
    emails: cost.emails,
    runbookBaseUrl: runbookBaseUrl(model.platform),
    namePrefix: PREFIX,
  });
  // AWS Chatbot allows one Slack channel configuration per channel ID and account (CloudFormation coverage
  // roadmap issue #1155: a second one fails with "has already been configured for AWS account"). The cost channel
  // is configured once, in the Cost stack, for the cost topic and the us-east-1 billing topic; Chatbot subscribes
  // to the billing topic, so the Billing stack deploys first.
  const slack =
    cost.slackChannelId !== undefined && cost.slackWorkspaceId !== undefined
      ? {
          slack: {
            workspaceId: cost.slackWorkspaceId,
            channelId: cost.slackChannelId,
            configurationName: `${PREFIX}-cost`,
          },
          slackTopicArns: [
            `arn:${RegionInfo.get(BILLING_REGION).partition ?? 'aws'}:sns:${BILLING_REGION}:${account}:${billingTopicName}`,
          ],
        }
      : {};
  const costStack = new CostStack(stage, STACKS.cost, {
    stackName: stackName(stageName, STACKS.cost),
    description: 'landfall cost alarms: a monthly budget per account and Cost Anomaly Detection per account',
    terminationProtection: true,
    env: { account, region: model.platform.homeRegion },
    accounts: cost.accounts,
    emails: cost.emails,
    anomalyDetection: cost.anomalyDetection,
    namePrefix: PREFIX,
    ...slack,
  });
  if ('slack' in slack)
    costStack.addStackDependency(billing, 'AWS Chatbot subscribes the cost channel to the billing topic');
  return { cost: costStack, billing };
}
