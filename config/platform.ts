import { definePlatform } from '../lib/config';

/**
 * The example platform: an organization moving from one shared account to management, security, log-archive
 * and one account per environment. Account IDs and emails are placeholders; `landfall accounts sync` writes the
 * real IDs once the accounts exist.
 */
export default definePlatform({
  organization: { name: 'acme', owner: 'platform-team' },
  homeRegion: 'ap-northeast-1',
  availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'],
  allowedRegions: ['ap-northeast-1', 'us-east-1'],
  accounts: [
    { name: 'management', role: 'management', id: '111111111111', email: 'aws+management@example.com', monthlyBudgetUsd: 100 },
    { name: 'security', role: 'security', id: '222222222222', email: 'aws+security@example.com', monthlyBudgetUsd: 150 },
    { name: 'log-archive', role: 'log-archive', id: '333333333333', email: 'aws+log-archive@example.com', monthlyBudgetUsd: 50 },
    { name: 'dev', role: 'workload', id: '444444444444', email: 'aws+dev@example.com', monthlyBudgetUsd: 300 },
    { name: 'stg', role: 'workload', id: '555555555555', email: 'aws+stg@example.com', monthlyBudgetUsd: 400 },
    { name: 'prod', role: 'workload', id: '666666666666', email: 'aws+prod@example.com', monthlyBudgetUsd: 1500 },
  ],
  environments: [
    { name: 'dev', tier: 'dev', account: 'dev' },
    { name: 'stg', tier: 'stg', account: 'stg' },
    { name: 'prod', tier: 'prod', account: 'prod' },
  ],
  notifications: {
    emails: ['platform-alerts@example.com'],
    // Pages also go to the on-call channel; tickets use the default email only.
    page: { emails: ['oncall@example.com'], slackChannelId: 'C0PAGE12345' },
    slackWorkspaceId: 'T0123456789',
  },
  cost: {
    emails: ['platform-alerts@example.com', 'finance@example.com'],
    slackChannelId: 'C0COST12345',
    anomalyDetection: { absoluteUsd: 50, percentage: 25, trigger: 'both', frequency: 'DAILY' },
    billingAlarmUsd: 2800,
  },
  deploy: { githubRepository: 'acme/platform' },
});
