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
    {
      name: 'dev',
      tier: 'dev',
      account: 'dev',
      // No domain: HTTP on the load balancer's own DNS name. A t4g.nano NAT instance instead of a NAT gateway.
      overrides: { natProvider: 'instance' },
      workingHours: { timeZone: 'Asia/Tokyo', days: 'MON-FRI', startHour: 8, endHour: 21 },
    },
    {
      name: 'stg',
      tier: 'stg',
      account: 'stg',
      domain: {
        name: 'stg.example.com',
        certificateArn: 'arn:aws:acm:ap-northeast-1:555555555555:certificate/00000000-0000-4000-8000-000000000555',
      },
      workingHours: { timeZone: 'Asia/Tokyo' },
    },
    {
      name: 'prod',
      tier: 'prod',
      account: 'prod',
      domain: {
        name: 'prod.example.com',
        certificateArn: 'arn:aws:acm:ap-northeast-1:666666666666:certificate/00000000-0000-4000-8000-000000000666',
      },
    },
  ],
  notifications: { emails: ['platform-alerts@example.com'] },
  deploy: { githubRepository: 'acme/platform' },
});
