import type { PlatformConfig } from './schema/platform';
import type { AccountConfig } from './schema/accounts';

/**
 * Whether an adopted account already has its own AWS Config recorder and delivery channel in a region, so the
 * Baseline must not create a second one (PutConfigurationRecorder: "You can create only one customer managed
 * configuration recorder for each account for each AWS Region"; PutDeliveryChannel: "only one delivery channel
 * per region in your account").
 */
export function hasExistingConfigRecorder(account: AccountConfig, region: string): boolean {
  const existing = account.existing?.configRecorder;
  return existing === true || (Array.isArray(existing) && existing.includes(region));
}

/** One AWS Chatbot Slack channel configuration landfall creates: in which account, for which channel, from which field. */
export interface SlackChannelUse {
  readonly account: string;
  readonly channelId: string;
  /** Config field that asks for it, for example `notifications.page.slackChannelId`. */
  readonly field: string;
}

/**
 * Every Slack channel landfall configures in AWS Chatbot, per account: the cost channel in the management account
 * (the Cost stack subscribes the cost and billing topics), the page and ticket channels in every environment's
 * account (one configuration when both name the same channel). Without a workspace nothing is configured.
 */
export function slackChannelUses(platform: PlatformConfig): SlackChannelUse[] {
  const { notifications, cost, accounts, environments } = platform;
  if (notifications.slackWorkspaceId === undefined) return [];
  const management = accounts.find((a) => a.role === 'management');
  const uses: SlackChannelUse[] = [];
  if (management && cost.slackChannelId !== undefined) {
    uses.push({ account: management.name, channelId: cost.slackChannelId, field: 'cost.slackChannelId' });
  }
  for (const environment of environments) {
    for (const severity of ['page', 'ticket'] as const) {
      const channelId = notifications[severity]?.slackChannelId;
      if (channelId === undefined) continue;
      if (uses.some((u) => u.account === environment.account && u.channelId === channelId)) continue;
      uses.push({ account: environment.account, channelId, field: `notifications.${severity}.slackChannelId` });
    }
  }
  return uses;
}
