import { hasExistingConfigRecorder, slackChannelUses } from '../../lib/config';
import { configErrorOf, referencePlatform, validate } from '../support/example';

/** accounts[].existing: what an adopted account already has that AWS allows once. Exact messages. */
type Platform = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const HEADER = 'config/platform.ts has 1 problem:\n  * ';
function platformWith(change: (p: Platform) => void): Platform {
  const p: Platform = referencePlatform();
  change(p);
  return p;
}

describe('accounts[].existing.slackChannels', () => {
  // AWS Chatbot: one Slack channel configuration per channel ID and account ("has already been configured for AWS
  // account", CloudFormation coverage roadmap issue #1155). landfall configures each channel once per account itself;
  // a configuration made by hand before adoption is what it cannot see.
  it('rejects a channel that already has a Chatbot configuration in the account where landfall configures it', () => {
    const p = platformWith((x) => {
      x.accounts[5].existing = { slackChannels: ['C0PAGE12345'] };
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}accounts[5].existing.slackChannels[0]: "C0PAGE12345" already has an AWS Chatbot configuration in account prod, and notifications.page.slackChannelId configures it there again (AWS Chatbot allows one configuration per channel and account: delete the existing one in the Chatbot console, or use another channel)`,
    );
  });

  it('rejects the cost channel already configured in the management account', () => {
    const p = platformWith((x) => {
      x.accounts[0].existing = { slackChannels: ['C0COST12345'] };
    });
    expect(configErrorOf(p)).toContain(
      'accounts[0].existing.slackChannels[0]: "C0COST12345" already has an AWS Chatbot configuration in account management, and cost.slackChannelId configures it there again',
    );
  });

  it('accepts an existing channel that landfall does not configure in that account', () => {
    const p = platformWith((x) => {
      x.accounts[5].existing = { slackChannels: ['C0COST12345'] };
    });
    expect(() => validate(p)).not.toThrow();
  });

  it('rejects a value that is not a Slack channel ID', () => {
    const p = platformWith((x) => {
      x.accounts[5].existing = { slackChannels: ['#alerts'] };
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}accounts[5].existing.slackChannels[0]: "#alerts" is not a Slack channel ID (for example C0123456789: the ID at the bottom of the channel details, not the name)`,
    );
  });
});

describe('accounts[].existing.configRecorder', () => {
  it('rejects a region the guardrails do not allow', () => {
    const p = platformWith((x) => {
      x.accounts[5].existing = { configRecorder: ['eu-west-1'] };
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}accounts[5].existing.configRecorder[0]: "eu-west-1" is not an allowed region (allowed: ap-northeast-1, us-east-1)`,
    );
  });

  it('rejects an unknown key with the keys it knows', () => {
    const p = platformWith((x) => {
      x.accounts[5].existing = { configRecorders: true };
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}accounts[5].existing.configRecorders: is not a known key (allowed: configRecorder, slackChannels, githubOidcProvider)`,
    );
  });

  it('means every allowed region with true, and the listed regions with a list', () => {
    const p = platformWith((x) => {
      x.accounts[4].existing = { configRecorder: true };
      x.accounts[5].existing = { configRecorder: ['us-east-1'] };
    });
    const [, , , , stg, prod] = validate(p).platform.accounts;
    expect(['ap-northeast-1', 'us-east-1'].map((r) => hasExistingConfigRecorder(stg, r))).toEqual([true, true]);
    expect(['ap-northeast-1', 'us-east-1'].map((r) => hasExistingConfigRecorder(prod, r))).toEqual([false, true]);
  });
});

describe('slackChannelUses', () => {
  it('lists one configuration per channel and account: the cost channel at management, page channels per environment', () => {
    expect(slackChannelUses(validate(referencePlatform()).platform)).toEqual([
      { account: 'management', channelId: 'C0COST12345', field: 'cost.slackChannelId' },
      { account: 'dev', channelId: 'C0PAGE12345', field: 'notifications.page.slackChannelId' },
      { account: 'stg', channelId: 'C0PAGE12345', field: 'notifications.page.slackChannelId' },
      { account: 'prod', channelId: 'C0PAGE12345', field: 'notifications.page.slackChannelId' },
    ]);
  });

  it('counts a channel shared by pages and tickets once per account', () => {
    const p = platformWith((x) => {
      x.notifications.ticket = { slackChannelId: 'C0PAGE12345' };
    });
    expect(slackChannelUses(validate(p).platform).filter((u) => u.account === 'prod')).toEqual([
      { account: 'prod', channelId: 'C0PAGE12345', field: 'notifications.page.slackChannelId' },
    ]);
  });
});
