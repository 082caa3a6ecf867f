import { referencePlatform, validate } from '../support/example';
import type { ScpCase } from '../support/scp-simulation';
import { outcome } from '../support/scp-simulation';

/**
 * The SCP guardrails, evaluated by an IAM policy simulator (@cloud-copilot/iam-simulate) exactly as they are
 * attached: root, then each OU down to the account. Every caller holds an allow-everything identity policy, so
 * the outcome is what the SCPs let through.
 *
 * The organization here is the example platform allowing only its home region (ap-northeast-1), so us-east-1
 * counts as outside, plus a `legacy` account moved to the Suspended OU.
 */
const platform = referencePlatform();
platform.allowedRegions = ['ap-northeast-1'];
platform.accounts.push({
  name: 'legacy',
  role: 'workload',
  id: '777777777777',
  email: 'aws+legacy@example.com',
  monthlyBudgetUsd: 10,
  organizationalUnit: 'Suspended',
});
const model = validate(platform);

const HOME = 'ap-northeast-1';
const GLOBAL = 'us-east-1';
const OUTSIDE = 'eu-west-1';
const USER = 'arn:aws:iam::{account}:user/ci-bot';
const DETECTOR = 'arn:aws:guardduty:{region}:{account}:detector/12abc34d567e8fa901bc2d34e56789f0';
const FILTER = `${DETECTOR}/filter/hide-crypto-mining`;
const TRAIL = 'arn:aws:cloudtrail:{region}:{account}:trail/local-trail';
const HUB = 'arn:aws:securityhub:{region}:{account}:hub/default';
const RECORDER = 'arn:aws:config:{region}:{account}:configuration-recorder/default/abcdefghijklmnop';
const INSTANCE = 'arn:aws:ec2:{region}:{account}:instance/i-0123456789abcdef0';
const role = (name: string) => `arn:aws:iam::{account}:role/${name}`;

const CASES: ReadonlyArray<[string, ScpCase]> = [
  [
    'a developer creating an access key is denied',
    {
      caller: 'developer',
      account: 'dev',
      action: 'iam:CreateAccessKey',
      resource: USER,
      region: GLOBAL,
      expected: 'denied',
    },
  ],
  [
    'the break-glass role creating an access key is allowed',
    {
      caller: 'break-glass',
      account: 'dev',
      action: 'iam:CreateAccessKey',
      resource: USER,
      region: GLOBAL,
      expected: 'allowed',
    },
  ],
  [
    'a developer creating an IAM user is denied',
    {
      caller: 'developer',
      account: 'prod',
      action: 'iam:CreateUser',
      resource: USER,
      region: GLOBAL,
      expected: 'denied',
    },
  ],
  [
    'the break-glass role creating an IAM user is allowed',
    {
      caller: 'break-glass',
      account: 'prod',
      action: 'iam:CreateUser',
      resource: USER,
      region: GLOBAL,
      expected: 'allowed',
    },
  ],
  [
    'a developer giving a user a console password is denied',
    {
      caller: 'developer',
      account: 'stg',
      action: 'iam:CreateLoginProfile',
      resource: USER,
      region: GLOBAL,
      expected: 'denied',
    },
  ],
  [
    'a deployment creating an IAM user is denied (only break-glass may)',
    {
      caller: 'cfn-exec-role',
      account: 'dev',
      action: 'iam:CreateUser',
      resource: USER,
      region: GLOBAL,
      expected: 'denied',
    },
  ],
  [
    'ec2:RunInstances outside the allowed regions is denied',
    {
      caller: 'developer',
      account: 'dev',
      action: 'ec2:RunInstances',
      resource: INSTANCE,
      region: OUTSIDE,
      expected: 'denied',
    },
  ],
  [
    'ec2:RunInstances in us-east-1, not allowed here, is denied',
    {
      caller: 'developer',
      account: 'dev',
      action: 'ec2:RunInstances',
      resource: INSTANCE,
      region: GLOBAL,
      expected: 'denied',
    },
  ],
  [
    'ec2:RunInstances in the home region is allowed',
    {
      caller: 'developer',
      account: 'dev',
      action: 'ec2:RunInstances',
      resource: INSTANCE,
      region: HOME,
      expected: 'allowed',
    },
  ],
  [
    'iam:CreateRole (a global service, served from us-east-1) is allowed',
    {
      caller: 'developer',
      account: 'dev',
      action: 'iam:CreateRole',
      resource: role('app-worker'),
      region: GLOBAL,
      expected: 'allowed',
    },
  ],
  [
    'sts:GetCallerIdentity on the global endpoint is allowed',
    {
      caller: 'developer',
      account: 'prod',
      action: 'sts:GetCallerIdentity',
      resource: '*',
      region: GLOBAL,
      expected: 'allowed',
    },
  ],
  [
    'route53:ChangeResourceRecordSets (global) is allowed',
    {
      caller: 'developer',
      account: 'prod',
      action: 'route53:ChangeResourceRecordSets',
      resource: 'arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ',
      region: GLOBAL,
      expected: 'allowed',
    },
  ],
  [
    'a deployment outside the allowed regions is denied',
    {
      caller: 'cfn-exec-role',
      account: 'prod',
      action: 'ec2:RunInstances',
      resource: INSTANCE,
      region: OUTSIDE,
      expected: 'denied',
    },
  ],
  [
    'the break-glass role may act outside the allowed regions',
    {
      caller: 'break-glass',
      account: 'prod',
      action: 'ec2:RunInstances',
      resource: INSTANCE,
      region: OUTSIDE,
      expected: 'allowed',
    },
  ],
  [
    'the security account is region-restricted too',
    {
      caller: 'developer',
      account: 'security',
      action: 'ec2:RunInstances',
      resource: INSTANCE,
      region: OUTSIDE,
      expected: 'denied',
    },
  ],
  [
    'deleting a GuardDuty detector is denied',
    {
      caller: 'developer',
      account: 'prod',
      action: 'guardduty:DeleteDetector',
      resource: DETECTOR,
      region: HOME,
      expected: 'denied',
    },
  ],
  [
    'an application role cannot delete the detector either',
    {
      caller: 'app-role',
      account: 'prod',
      action: 'guardduty:DeleteDetector',
      resource: DETECTOR,
      region: HOME,
      expected: 'denied',
    },
  ],
  [
    'a deployment may replace the GuardDuty detector',
    {
      caller: 'cfn-exec-role',
      account: 'security',
      action: 'guardduty:DeleteDetector',
      resource: DETECTOR,
      region: HOME,
      expected: 'allowed',
    },
  ],
  [
    'turning GuardDuty protection plans off is denied',
    {
      caller: 'developer',
      account: 'security',
      action: 'guardduty:UpdateDetector',
      resource: DETECTOR,
      region: HOME,
      expected: 'denied',
    },
  ],
  [
    "landfall's GuardDuty configurator may update the detector settings",
    {
      caller: 'guardduty-configurator',
      account: 'security',
      action: 'guardduty:UpdateDetector',
      resource: DETECTOR,
      region: HOME,
      expected: 'allowed',
    },
  ],
  [
    "landfall's GuardDuty configurator still cannot delete the detector",
    {
      caller: 'guardduty-configurator',
      account: 'security',
      action: 'guardduty:DeleteDetector',
      resource: DETECTOR,
      region: HOME,
      expected: 'denied',
    },
  ],
  [
    'archiving findings with a new suppression filter is denied',
    {
      caller: 'developer',
      account: 'prod',
      action: 'guardduty:CreateFilter',
      resource: FILTER,
      region: HOME,
      expected: 'denied',
    },
  ],
  [
    'stopping the trail is denied',
    {
      caller: 'developer',
      account: 'prod',
      action: 'cloudtrail:StopLogging',
      resource: TRAIL,
      region: HOME,
      expected: 'denied',
    },
  ],
  [
    'deleting a trail is denied',
    {
      caller: 'developer',
      account: 'stg',
      action: 'cloudtrail:DeleteTrail',
      resource: TRAIL,
      region: HOME,
      expected: 'denied',
    },
  ],
  [
    'disabling Security Hub is denied',
    {
      caller: 'developer',
      account: 'prod',
      action: 'securityhub:DisableSecurityHub',
      resource: HUB,
      region: HOME,
      expected: 'denied',
    },
  ],
  [
    'disabling Security Hub standards is denied',
    {
      caller: 'developer',
      account: 'dev',
      action: 'securityhub:BatchDisableStandards',
      resource: HUB,
      region: HOME,
      expected: 'denied',
    },
  ],
  [
    'the break-glass role may disable Security Hub',
    {
      caller: 'break-glass',
      account: 'dev',
      action: 'securityhub:DisableSecurityHub',
      resource: HUB,
      region: HOME,
      expected: 'allowed',
    },
  ],
  [
    'stopping the Config recorder is denied',
    {
      caller: 'developer',
      account: 'dev',
      action: 'config:StopConfigurationRecorder',
      resource: RECORDER,
      region: HOME,
      expected: 'denied',
    },
  ],
  [
    'the root user of a member account is denied',
    {
      caller: 'root',
      account: 'prod',
      action: 's3:ListAllMyBuckets',
      resource: '*',
      region: GLOBAL,
      expected: 'denied',
    },
  ],
  [
    'the root user is denied even in the home region',
    {
      caller: 'root',
      account: 'security',
      action: 'ec2:RunInstances',
      resource: INSTANCE,
      region: HOME,
      expected: 'denied',
    },
  ],
  [
    'leaving the organization is denied',
    {
      caller: 'developer',
      account: 'dev',
      action: 'organizations:LeaveOrganization',
      resource: '*',
      region: GLOBAL,
      expected: 'denied',
    },
  ],
  [
    'leaving the organization is denied to break-glass too',
    {
      caller: 'break-glass',
      account: 'dev',
      action: 'organizations:LeaveOrganization',
      resource: '*',
      region: GLOBAL,
      expected: 'denied',
    },
  ],
  [
    "changing the trust of landfall's deploy role is denied",
    {
      caller: 'developer',
      account: 'prod',
      action: 'iam:UpdateAssumeRolePolicy',
      resource: role('landfall-github-deploy'),
      region: GLOBAL,
      expected: 'denied',
    },
  ],
  [
    "deleting landfall's Config role is denied",
    {
      caller: 'developer',
      account: 'dev',
      action: 'iam:DeleteRole',
      resource: role('landfall-config-recorder'),
      region: GLOBAL,
      expected: 'denied',
    },
  ],
  [
    "a deployment may change landfall's roles",
    {
      caller: 'cfn-exec-role',
      account: 'dev',
      action: 'iam:DeleteRole',
      resource: role('landfall-config-recorder'),
      region: GLOBAL,
      expected: 'allowed',
    },
  ],
  [
    'creating a role named like the break-glass role is denied',
    {
      caller: 'developer',
      account: 'dev',
      action: 'iam:CreateRole',
      resource: role('landfall-break-glass'),
      region: GLOBAL,
      expected: 'denied',
    },
  ],
  [
    'attaching a policy to the organization access role is denied',
    {
      caller: 'developer',
      account: 'stg',
      action: 'iam:AttachRolePolicy',
      resource: role('OrganizationAccountAccessRole'),
      region: GLOBAL,
      expected: 'denied',
    },
  ],
  [
    "the management account's access role may stop the recorder",
    {
      caller: 'org-access-role',
      account: 'stg',
      action: 'config:StopConfigurationRecorder',
      resource: RECORDER,
      region: HOME,
      expected: 'allowed',
    },
  ],
  [
    'a suspended account can do nothing',
    {
      caller: 'developer',
      account: 'legacy',
      action: 's3:ListAllMyBuckets',
      resource: '*',
      region: GLOBAL,
      expected: 'denied',
    },
  ],
  [
    'a suspended account denies even deployments',
    {
      caller: 'cfn-exec-role',
      account: 'legacy',
      action: 'ec2:RunInstances',
      resource: INSTANCE,
      region: HOME,
      expected: 'denied',
    },
  ],
  [
    'break-glass may clean up a suspended account',
    {
      caller: 'break-glass',
      account: 'legacy',
      action: 'ec2:TerminateInstances',
      resource: INSTANCE,
      region: HOME,
      expected: 'allowed',
    },
  ],
];

describe('SCP guardrails under an IAM policy simulator', () => {
  it('has at least 25 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(CASES)('%s', async (_name, c) => {
    await expect(outcome(model, c)).resolves.toBe(c.expected);
  });
});

describe('SCP guardrails of the example platform (us-east-1 allowed)', () => {
  const example = validate(referencePlatform());

  it('allows ec2:RunInstances in us-east-1 when it is an allowed region', async () => {
    await expect(
      outcome(example, {
        caller: 'developer',
        account: 'dev',
        action: 'ec2:RunInstances',
        resource: INSTANCE,
        region: GLOBAL,
        expected: 'allowed',
      }),
    ).resolves.toBe('allowed');
  });

  it('denies ec2:RunInstances in a region outside the example list', async () => {
    await expect(
      outcome(example, {
        caller: 'developer',
        account: 'dev',
        action: 'ec2:RunInstances',
        resource: INSTANCE,
        region: 'sa-east-1',
        expected: 'denied',
      }),
    ).resolves.toBe('denied');
  });
});
