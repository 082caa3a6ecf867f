import type { Check } from './context';
import type { Problem } from '../problems';

/**
 * Notifications reach someone: a Slack channel needs the workspace it lives in, budgets and IMMEDIATE anomaly alerts
 * need a subscriber; alarm thresholds agree with the objectives they sit beside.
 */
export const checkOperations: Check = {
  needs: ['notifications', 'cost'],
  run: ({ platform, platformFile: file, services }) => {
    const problems: Problem[] = [];
    const { notifications, cost } = platform;
    const channels: Array<[string, string | undefined]> = [
      ['notifications.page.slackChannelId', notifications.page?.slackChannelId],
      ['notifications.ticket.slackChannelId', notifications.ticket?.slackChannelId],
      ['cost.slackChannelId', cost.slackChannelId],
    ];
    for (const [path, channel] of channels) {
      if (channel !== undefined && notifications.slackWorkspaceId === undefined) {
        problems.push({
          file,
          path,
          message: `"${channel}" is a Slack channel without a workspace (set notifications.slackWorkspaceId to the workspace ID authorized in AWS Chatbot, for example T0123456789)`,
        });
      }
    }
    const costEmails = cost.emails ?? notifications.emails;
    if (costEmails.length === 0 && cost.slackChannelId === undefined) {
      problems.push({
        file,
        path: 'cost.emails',
        message:
          '[] leaves every account budget without any subscriber (allowed: 1 to 10 email addresses, or cost.slackChannelId for the cost topic)',
      });
    }
    if (cost.anomalyDetection.frequency === 'IMMEDIATE' && cost.slackChannelId === undefined) {
      problems.push({
        file,
        path: 'cost.anomalyDetection.frequency',
        message:
          '"IMMEDIATE" sends anomaly alerts to the cost topic, which has no subscriber (set cost.slackChannelId, or use "DAILY" or "WEEKLY" for email digests)',
      });
    }
    for (const { file: serviceFile, config } of services) {
      if (config.kind === 'worker') {
        const age = config.alarms.maxMessageAgeSeconds;
        if (age !== undefined && age <= config.maxProcessingSeconds) {
          problems.push({
            file: serviceFile,
            path: 'alarms.maxMessageAgeSeconds',
            message: `${age} is not longer than maxProcessingSeconds ${config.maxProcessingSeconds} (a message being processed would page; allowed: more than ${config.maxProcessingSeconds})`,
          });
        }
      } else {
        const p99 = config.alarms.p99LatencyMs;
        if (p99 !== undefined && p99 < config.slo.latencyTargetMs) {
          problems.push({
            file: serviceFile,
            path: 'alarms.p99LatencyMs',
            message: `${p99} is below slo.latencyTargetMs ${config.slo.latencyTargetMs} (the ticket would open while the latency objective is met; allowed: at least ${config.slo.latencyTargetMs})`,
          });
        }
      }
    }
    return problems;
  },
};
