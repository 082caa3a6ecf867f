import type { Attempt } from './adversary';
import { attempt } from './adversary';
import { referencePlatform, validate } from '../support/example';

/**
 * The paths that must keep working under the guardrails (issue 10, tests): deployments through the CDK roles,
 * the organization's access role, break-glass, OnCall redriving a dead-letter queue, and what teams do with
 * their own resources.
 */
const model = validate(referencePlatform());
const role = (name: string) => `arn:aws:iam::{account}:role/${name}`;
const DETECTOR = 'arn:aws:guardduty:{region}:{account}:detector/12abc34d567e8fa901bc2d34e56789f0';
const STACK =
  'arn:aws:cloudformation:{region}:{account}:stack/landfall-prod-platform/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

const ALLOWED: ReadonlyArray<[string, Attempt]> = [
  [
    'the GitHub deploy role assumes the CDK deploy role',
    {
      who: 'github-deploy',
      account: 'prod',
      action: 'sts:AssumeRole',
      resource: role('cdk-{q}-deploy-role-{account}-{region}'),
    },
  ],
  [
    'the CDK deploy role passes the execution role to CloudFormation',
    {
      who: 'cdk-deploy-role',
      account: 'prod',
      action: 'iam:PassRole',
      resource: role('cdk-{q}-cfn-exec-role-{account}-{region}'),
    },
  ],
  [
    'the CDK deploy role updates a landfall stack',
    { who: 'cdk-deploy-role', account: 'prod', action: 'cloudformation:UpdateStack', resource: STACK },
  ],
  [
    'the execution role creates a landfall role',
    {
      who: 'cfn-exec-role',
      account: 'prod',
      action: 'iam:CreateRole',
      resource: role('landfall-prod-service-api-TaskRole'),
    },
  ],
  [
    'the execution role passes the GuardDuty configurator to its function',
    {
      who: 'cfn-exec-role',
      account: 'security',
      action: 'iam:PassRole',
      resource: role('landfall-guardduty-configurator'),
    },
  ],
  [
    'the execution role records Config in every account',
    {
      who: 'cfn-exec-role',
      account: 'dev',
      action: 'config:PutConfigurationRecorder',
      resource: 'arn:aws:config:{region}:{account}:configuration-recorder/default/abcdefghijklmnop',
    },
  ],
  [
    'the execution role changes a findings rule',
    {
      who: 'cfn-exec-role',
      account: 'security',
      action: 'events:PutRule',
      resource: 'arn:aws:events:{region}:{account}:rule/landfall-security-findings-GuardDutyFindings-A1B2C3',
    },
  ],
  [
    "a Baseline stack's custom resource sets the account's S3 public access block",
    { who: 'baseline-settings-role', account: 'dev', action: 's3:PutAccountPublicAccessBlock', resource: '*' },
  ],
  [
    'the GuardDuty configurator updates the detector settings',
    { who: 'guardduty-configurator', account: 'security', action: 'guardduty:UpdateDetector', resource: DETECTOR },
  ],
  [
    'OrganizationAccountAccessRole bootstraps CDK (creates the bootstrap roles)',
    {
      who: 'org-access-role',
      account: 'stg',
      action: 'iam:CreateRole',
      resource: role('cdk-{q}-deploy-role-{account}-{region}'),
    },
  ],
  [
    'OrganizationAccountAccessRole assumes the CDK deploy role (deploying with management credentials)',
    {
      who: 'org-access-role',
      account: 'stg',
      action: 'sts:AssumeRole',
      resource: role('cdk-{q}-deploy-role-{account}-{region}'),
    },
  ],
  [
    'break-glass changes the trust of the execution role',
    {
      who: 'break-glass',
      account: 'prod',
      action: 'iam:UpdateAssumeRolePolicy',
      resource: role('cdk-{q}-cfn-exec-role-{account}-{region}'),
    },
  ],
  [
    'break-glass deletes a GuardDuty filter',
    { who: 'break-glass', account: 'prod', action: 'guardduty:DeleteFilter', resource: `${DETECTOR}/filter/noisy` },
  ],
  [
    'OnCall redrives a dead-letter queue',
    {
      who: 'on-call',
      account: 'prod',
      action: 'sqs:StartMessageMoveTask',
      resource: 'arn:aws:sqs:{region}:{account}:landfall-prod-jobs-dlq',
    },
  ],
  [
    "an administrator bootstraps the team's own CDK apps with the default qualifier",
    {
      who: 'platform-admin',
      account: 'dev',
      action: 'iam:CreateRole',
      resource: role('cdk-hnb659fds-cfn-exec-role-{account}-{region}'),
    },
  ],
  [
    "an administrator deploys the team's own stack",
    {
      who: 'platform-admin',
      account: 'dev',
      action: 'cloudformation:CreateStack',
      resource: 'arn:aws:cloudformation:{region}:{account}:stack/acme-reporting/0a1b2c3d-4e5f-6789-abcd-ef0123456789',
    },
  ],
  [
    'an administrator creates an ordinary role',
    { who: 'platform-admin', account: 'prod', action: 'iam:CreateRole', resource: role('acme-reporting') },
  ],
  [
    "an administrator deletes the team's own SNS topic",
    {
      who: 'platform-admin',
      account: 'dev',
      action: 'sns:DeleteTopic',
      resource: 'arn:aws:sns:{region}:{account}:acme-builds',
    },
  ],
];

describe('what keeps working under the guardrails', () => {
  it.each(ALLOWED)('%s', async (_name, a) => {
    await expect(attempt(model, a)).resolves.toBe('allowed');
  });
});
