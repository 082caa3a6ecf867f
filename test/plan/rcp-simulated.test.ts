import { referenceModel } from '../support/example';
import type { RcpCase } from '../support/rcp-simulation';
import { rcpOutcome } from '../support/rcp-simulation';

/**
 * landfall's resource control policy (the data perimeter) under an IAM policy simulator
 * (@cloud-copilot/iam-simulate), attached as the Organization stack attaches it: at the root, with RCPFullAWSAccess
 * on every level. Each resource grants the caller everything, so the outcome is what the RCP lets through.
 *
 * "Use an RCP when you need to restrict IAM principals that are external to your organization accounts making
 * requests to access resources within your organization's member accounts" (AWS Organizations, "Resource control
 * policies (RCPs)"). The statements follow aws-samples/data-perimeter-policy-examples (identity_perimeter_rcp.json)
 * and the Organizations "Resource control policy examples" page (cross-service confused deputy protection).
 */
const model = referenceModel();
const ORG = model.platform.organization.id;
const OUTSIDE_ORG = 'o-outside0000';
const OUTSIDER = 'arn:aws:iam::999988887777:role/exfiltration';
const BUCKET_OBJECT = 'arn:aws:s3:::landfall-data-{account}/exports/customers.csv';
const QUEUE = 'arn:aws:sqs:ap-northeast-1:{account}:landfall-dev-jobs';
const KEY = 'arn:aws:kms:ap-northeast-1:{account}:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const SECRET = 'arn:aws:secretsmanager:ap-northeast-1:{account}:secret:landfall/dev/api/db-AbCdEf';
const ROLE = 'arn:aws:iam::{account}:role/landfall-dev-reader';
const INSIDER =
  'arn:aws:iam::{account}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Developer-dev_0123456789abcdef';

const outsider = (action: string, resource: string): RcpCase => ({
  principal: OUTSIDER,
  action,
  resource,
  account: 'dev',
  context: { 'aws:PrincipalOrgID': OUTSIDE_ORG, 'aws:PrincipalAccount': '999988887777', 'aws:PrincipalArn': OUTSIDER },
});
const insider = (action: string, resource: string, extra: Record<string, string> = {}): RcpCase => ({
  principal: INSIDER,
  action,
  resource,
  account: 'dev',
  context: {
    'aws:PrincipalOrgID': ORG,
    'aws:PrincipalAccount': '{account}',
    ...extra,
  },
});
const resolveAccount = (c: RcpCase): RcpCase => {
  const id = model.platform.accounts.find((a) => a.name === c.account)?.id ?? '';
  return {
    ...c,
    context: Object.fromEntries(
      Object.entries(c.context).map(([k, v]) => [k, typeof v === 'string' ? v.replaceAll('{account}', id) : v]),
    ),
  };
};
const logArchiveId = model.platform.accounts.find((a) => a.role === 'log-archive')?.id ?? '';
const managementId = model.accounts.management.id;
const TRAIL_OBJECT = `arn:aws:s3:::landfall-cloudtrail-${logArchiveId}/AWSLogs/${ORG}/${managementId}/CloudTrail/x.json.gz`;

const CASES: ReadonlyArray<[string, RcpCase, 'allowed' | 'denied']> = [
  [
    'a principal outside the organization reading an S3 object is denied',
    outsider('s3:GetObject', BUCKET_OBJECT),
    'denied',
  ],
  [
    'a principal outside the organization sending to an SQS queue is denied',
    outsider('sqs:SendMessage', QUEUE),
    'denied',
  ],
  ['a principal outside the organization decrypting with a KMS key is denied', outsider('kms:Decrypt', KEY), 'denied'],
  [
    'a principal outside the organization reading a secret is denied',
    outsider('secretsmanager:GetSecretValue', SECRET),
    'denied',
  ],
  ['a principal outside the organization assuming a role is denied', outsider('sts:AssumeRole', ROLE), 'denied'],
  [
    "the organization's own principal reading an S3 object over TLS is allowed",
    insider('s3:GetObject', BUCKET_OBJECT),
    'allowed',
  ],
  [
    "the organization's own principal receiving from a queue is allowed",
    insider('sqs:ReceiveMessage', QUEUE),
    'allowed',
  ],
  [
    "the organization's own principal reading a secret is allowed",
    insider('secretsmanager:GetSecretValue', SECRET),
    'allowed',
  ],
  ["the organization's own principal assuming a role is allowed", insider('sts:AssumeRole', ROLE), 'allowed'],
  [
    "the organization's own principal reading an S3 object over plain HTTP is denied",
    insider('s3:GetObject', BUCKET_OBJECT, { 'aws:SecureTransport': 'false' }),
    'denied',
  ],
  [
    "the organization's own principal reading a secret over plain HTTP is denied",
    insider('secretsmanager:GetSecretValue', SECRET, { 'aws:SecureTransport': 'false' }),
    'denied',
  ],
  [
    "the organization's own principal using a KMS key over plain HTTP is denied",
    insider('kms:Decrypt', KEY, { 'aws:SecureTransport': 'false' }),
    'denied',
  ],
  [
    "CloudTrail writing the organization trail for the organization's management account is allowed",
    {
      principal: 'cloudtrail.amazonaws.com',
      action: 's3:PutObject',
      resource: TRAIL_OBJECT,
      account: 'log-archive',
      context: { 'aws:SourceAccount': managementId, 'aws:SourceOrgID': ORG },
    },
    'allowed',
  ],
  [
    'an AWS service acting for an account outside the organization is denied (confused deputy)',
    {
      principal: 'config.amazonaws.com',
      action: 's3:PutObject',
      resource: TRAIL_OBJECT,
      account: 'log-archive',
      context: { 'aws:SourceAccount': '999988887777', 'aws:SourceOrgID': OUTSIDE_ORG },
    },
    'denied',
  ],
  [
    'an AWS service whose request carries no source account is allowed (the control applies only where aws:SourceAccount is present)',
    {
      principal: 'logs.ap-northeast-1.amazonaws.com',
      action: 'kms:GenerateDataKey',
      resource: KEY,
      account: 'dev',
      context: {},
    },
    'allowed',
  ],
  [
    "the region's Elastic Load Balancing account writing ALB access logs is allowed (it signs as an AWS account)",
    {
      principal: 'arn:aws:iam::582318560864:root',
      action: 's3:PutObject',
      resource: `arn:aws:s3:::landfall-alb-logs-${logArchiveId}/dev/AWSLogs/x.log.gz`,
      account: 'log-archive',
      context: { 'aws:PrincipalAccount': '582318560864', 'aws:PrincipalArn': 'arn:aws:iam::582318560864:root' },
    },
    'allowed',
  ],
  [
    "a GitHub Actions token of the platform's repository assuming a deploy role is allowed",
    {
      principal: 'arn:aws:iam::{account}:oidc-provider/token.actions.githubusercontent.com',
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: 'arn:aws:iam::{account}:role/landfall-github-deploy',
      account: 'dev',
      context: { 'token.actions.githubusercontent.com:repository': model.platform.deploy.githubRepository },
    },
    'allowed',
  ],
  [
    'a GitHub Actions token of another repository assuming a role is denied',
    {
      principal: 'arn:aws:iam::{account}:oidc-provider/token.actions.githubusercontent.com',
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: 'arn:aws:iam::{account}:role/landfall-github-deploy',
      account: 'dev',
      context: { 'token.actions.githubusercontent.com:repository': 'attacker/fork' },
    },
    'denied',
  ],
];

describe('the data-perimeter RCP under an IAM policy simulator', () => {
  it.each(CASES)('%s', async (_name, c, expected) => {
    await expect(rcpOutcome(model, resolveAccount(c))).resolves.toBe(expected);
  });
});
