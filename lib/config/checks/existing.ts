import type { Problem } from '../problems';
import { slackChannelUses } from '../existing';
import type { Check } from './context';

/**
 * What adopted accounts already have, checked against what landfall would create there: a Config recorder only
 * in allowed regions, and no Slack channel that already has an AWS Chatbot configuration in the account (AWS
 * Chatbot: "Slack channel with ID ... has already been configured for AWS account", CloudFormation coverage
 * roadmap issue #1155). landfall's own stacks configure each channel once per account by construction; a
 * configuration made outside landfall is what construction cannot see.
 */
export const checkExisting: Check = {
  needs: ['accounts', 'environments', 'notifications', 'cost', 'allowedRegions'],
  run: ({ platform, platformFile: file }) => {
    const problems: Problem[] = [];
    const uses = slackChannelUses(platform);
    platform.accounts.forEach((account, i) => {
      const recorder = account.existing?.configRecorder;
      if (Array.isArray(recorder)) {
        recorder.forEach((region, j) => {
          if (!platform.allowedRegions.includes(region)) {
            problems.push({
              file,
              path: `accounts[${i}].existing.configRecorder[${j}]`,
              message: `"${region}" is not an allowed region (allowed: ${platform.allowedRegions.join(', ')})`,
            });
          }
        });
      }
      (account.existing?.slackChannels ?? []).forEach((channelId, j) => {
        const use = uses.find((u) => u.account === account.name && u.channelId === channelId);
        if (use) {
          problems.push({
            file,
            path: `accounts[${i}].existing.slackChannels[${j}]`,
            message: `"${channelId}" already has an AWS Chatbot configuration in account ${account.name}, and ${use.field} configures it there again (AWS Chatbot allows one configuration per channel and account: delete the existing one in the Chatbot console, or use another channel)`,
          });
        }
      });
    });
    return problems;
  },
};
