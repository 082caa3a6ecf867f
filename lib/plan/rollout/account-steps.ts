/**
 * Every member account once it exists: `cdk bootstrap` in each region its stacks use, trusting the management
 * account, and the Slack authorization in AWS Chatbot where an account posts to Slack.
 */
import type { AccountConfig } from '../../config';
import { resolveCost, resolveNotifications } from '../../config';
import { cdkBootstrapCommand, profileOf, toolkitCheck } from './commands';
import type { PlanContext } from './context';
import { step } from './context';
import { cdkBootstrapStepId, chatbotStepId, STEP } from './ids';
import { accountRegions } from './inventory';
import type { ExternalInput, RolloutStep } from './types';

/** AWS Chatbot's API answers in a few regions only; its console works in us-east-2. */
export const CHATBOT_REGION = 'us-east-2';

/** `cdk bootstrap` of every member account and region, trusting the management account. */
export function memberBootstrapSteps(ctx: PlanContext): RolloutStep[] {
  const { model, management } = ctx;
  return model.platform.accounts
    .filter((a) => a.name !== management.name)
    .flatMap((account) =>
      accountRegions(model, account).map((region) =>
        step(account, region, {
          id: cdkBootstrapStepId(account.name, region),
          kind: 'cli',
          title: `cdk bootstrap account ${account.name} in ${region}, trusting the management account (${management.id}) to deploy`,
          needs: [STEP.syncMembers],
          command: cdkBootstrapCommand(model, account, region),
          check: {
            description: `the ${region} bootstrap stack CDKToolkit exists with qualifier ${model.platform.deploy.cdkQualifier} and trusts ${management.id}`,
            command: toolkitCheck(account, region),
          },
          phase: 'accounts',
          reads: 'cdk-toolkit',
          group: {
            id: 'cdk-bootstrap-members',
            title:
              'cdk bootstrap every member account in every region its stacks use, with `--trust` the management account, after creating the execution policy and boundary in each account (`npx landfall accounts cdk-bootstrap --write-policies .` prints the commands and writes the documents)',
          },
        }),
      ),
    );
}

/** The Slack channels an account's stacks post to. */
function slackChannels(ctx: PlanContext, account: AccountConfig): string[] {
  const channels: Array<string | undefined> = [];
  if (account.role === 'management') channels.push(resolveCost(ctx.model.platform).slackChannelId);
  if (ctx.model.environments.some((e) => e.account.name === account.name)) {
    const n = resolveNotifications(ctx.model.platform);
    channels.push(n.page.slackChannelId, n.ticket.slackChannelId);
  }
  return [...new Set(channels.filter((c): c is string => c !== undefined))];
}

/**
 * One manual step per account that posts to Slack: AWS::Chatbot::SlackChannelConfiguration needs the workspace
 * authorized in that account's AWS Chatbot console first (CloudFormation resource reference: "you must perform the
 * initial authorization flow with Slack in the AWS Chatbot console").
 */
export function slackSteps(ctx: PlanContext): RolloutStep[] {
  const workspace = ctx.model.platform.notifications.slackWorkspaceId;
  if (workspace === undefined) return [];
  return ctx.slackAccounts.map((account) => {
    const profile = profileOf(account);
    const inputs: ExternalInput[] = [
      {
        kind: 'slack-workspace',
        value: workspace,
        account: account.name,
        region: CHATBOT_REGION,
        check: `aws chatbot describe-slack-workspaces --region ${CHATBOT_REGION} --profile ${profile} --query "SlackWorkspaces[?SlackTeamId=='${workspace}'].SlackTeamName" --output text`,
      },
      ...slackChannels(ctx, account).map((channel): ExternalInput => ({
        kind: 'slack-channel',
        value: channel,
        account: account.name,
        region: CHATBOT_REGION,
        check: `curl -s -H "Authorization: Bearer $SLACK_TOKEN" "https://slack.com/api/conversations.info?channel=${channel}"`,
      })),
    ];
    return step(account, CHATBOT_REGION, {
      id: chatbotStepId(account.name),
      kind: 'manual',
      title: `Authorize the Slack workspace ${workspace} in AWS Chatbot in account ${account.name} (console in ${CHATBOT_REGION}: Configure new client > Slack), and invite the AWS app into private channels`,
      needs: account.role === 'management' ? [STEP.fillConfig] : [STEP.syncMembers, STEP.fillConfig],
      inputs,
      check: {
        description: `AWS Chatbot in account ${account.name} lists the workspace ${workspace}`,
        command: inputs[0].check,
      },
      phase: 'accounts',
      reads: 'confirm',
      group: {
        id: 'chatbot-slack',
        title: 'Authorize the Slack workspace in AWS Chatbot in every account that posts to Slack',
      },
    });
  });
}
