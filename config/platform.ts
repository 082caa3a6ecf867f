import { definePlatform } from '../lib/config';

/**
 * The example platform: an organization moving from one shared account to management, security, log-archive
 * and one account per environment. Account IDs and emails are placeholders; `landfall accounts sync` writes the
 * real IDs to `config/discovered.json` once the accounts exist, and those override the IDs here. The organization,
 * root, Identity Center instance, identity store and group IDs are placeholders too: `landfall bootstrap`
 * discovers them.
 */
export default definePlatform({
  organization: { name: 'acme', owner: 'platform-team', id: 'o-exampleorg1', rootId: 'r-exmp' },
  homeRegion: 'ap-northeast-1',
  availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'],
  allowedRegions: ['ap-northeast-1', 'us-east-1'],
  accounts: [
    {
      name: 'management',
      role: 'management',
      id: '111111111111',
      email: 'aws+management@example.com',
      monthlyBudgetUsd: 100,
    },
    {
      name: 'security',
      role: 'security',
      id: '222222222222',
      email: 'aws+security@example.com',
      monthlyBudgetUsd: 150,
    },
    {
      name: 'log-archive',
      role: 'log-archive',
      id: '333333333333',
      email: 'aws+log-archive@example.com',
      monthlyBudgetUsd: 50,
    },
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
      deployWindow: {
        timeZone: 'Asia/Tokyo',
        days: ['mon', 'tue', 'wed', 'thu', 'fri'],
        hours: { from: '09:00', to: '19:00' },
      },
      domain: {
        name: 'stg.example.com',
        certificateId: '00000000-0000-4000-8000-000000000555',
      },
      workingHours: { timeZone: 'Asia/Tokyo' },
    },
    {
      name: 'prod',
      tier: 'prod',
      account: 'prod',
      // Deploys start Monday to Thursday in office hours, never in the year-end freeze.
      deployWindow: {
        timeZone: 'Asia/Tokyo',
        days: ['mon', 'tue', 'wed', 'thu'],
        hours: { from: '10:00', to: '16:00' },
        freeze: [{ from: '2026-12-26', to: '2027-01-04', reason: 'year-end freeze' }],
      },
      domain: {
        name: 'prod.example.com',
        certificateId: '00000000-0000-4000-8000-000000000666',
      },
    },
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
  guardrails: { breakGlassRoleName: 'landfall-break-glass' },
  identityCenter: {
    instanceArn: 'arn:aws:sso:::instance/ssoins-0000000000000000',
    identityStoreId: 'd-0000000000',
    groups: {
      'platform-admins': '00000000-0000-4000-8000-000000000001',
      developers: '00000000-0000-4000-8000-000000000002',
      'on-call': '00000000-0000-4000-8000-000000000003',
      auditors: '00000000-0000-4000-8000-000000000004',
      finance: '00000000-0000-4000-8000-000000000005',
    },
    assignments: [
      {
        group: 'platform-admins',
        accounts: ['management', 'security', 'log-archive', 'dev', 'stg', 'prod'],
        permissionSets: ['PlatformAdmin'],
      },
      { group: 'developers', accounts: ['dev', 'stg', 'prod'], permissionSets: ['Developer'] },
      { group: 'on-call', accounts: ['prod'], permissionSets: ['OnCall', 'Developer'] },
      { group: 'auditors', accounts: ['security', 'log-archive'], permissionSets: ['ReadOnly'] },
      { group: 'finance', accounts: ['management'], permissionSets: ['Billing'] },
    ],
  },
  logArchive: {
    cloudtrail: { infrequentAccessAfterDays: 90, archiveAfterDays: 365, expireAfterDays: 2557 },
    alb: { infrequentAccessAfterDays: 30, archiveAfterDays: 90, expireAfterDays: 400 },
  },
  securityHub: {
    cisVersion: '3.0.0',
    disabledControls: [
      {
        control: 'IAM.6',
        reason:
          "Member accounts' root users are denied by SCP; the management account's root is not (no SCP applies there): it keeps a hardware MFA device, checked by hand (docs/organization.md)",
      },
      {
        control: 'Macie.1',
        reason: 'No S3 bucket holds personal data yet; revisit when a service stores customer files',
      },
      // Controls that cannot pass in landfall's design (each would notify as HIGH from day one):
      ...['Inspector.1', 'Inspector.2', 'Inspector.3', 'Inspector.4'].map((control) => ({
        control,
        reason:
          'landfall does not enable Amazon Inspector: no EC2 workloads, and images are scanned on push in the CDK assets repository',
      })),
      {
        control: 'GuardDuty.5',
        reason: 'landfall runs no EKS clusters, so GuardDuty EKS audit log monitoring has nothing to watch',
      },
    ],
  },
});
