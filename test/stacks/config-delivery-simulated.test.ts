import { runSimulation } from '@cloud-copilot/iam-simulate';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp, referenceModel, stackAt } from '../support/example';
import { resolveBucketArns } from '../support/resolve-template';

/**
 * AWS Config delivery from a member account to the log-archive bucket, under the IAM policy simulator: the recorder
 * role's identity policy as the synthesized Baseline declares it, against the bucket policy as the synthesized
 * LogBuckets declares it. Cross-account, both must allow.
 *
 * Config Developer Guide, "Permissions for the Amazon S3 Bucket for the AWS Config Delivery Channel": "When AWS Config
 * sends configuration information to an Amazon S3 bucket in another account, it first attempts to use the IAM role
 * ... In this event, AWS Config sends the information again, this time as the AWS Config service principal"; Config
 * checks the bucket with HeadBucket (s3:ListBucket) and GetBucketAcl; "ensure that your IAM role has PutObjectACL
 * permission on cross-account bucket". "Permissions for the IAM Role Assigned to AWS Config": s3:PutObject and
 * s3:PutObjectAcl with bucket-owner-full-control, s3:GetBucketAcl.
 */
const built = buildApp();
const ORG = referenceModel().platform.organization.id;
const BUCKET = 'acme-landfall-config-333333333333-ap-northeast-1';
const MEMBER = '555555555555';

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>; // eslint-disable-line @typescript-eslint/no-explicit-any
const logBuckets = Template.fromStack(stackAt(built, 'LogArchive/LogBuckets')).toJSON().Resources as Resources;
const bucketPolicy = (() => {
  const bucketId = Object.keys(logBuckets).find((id) => logBuckets[id].Properties?.BucketName === BUCKET);
  const policy = Object.values(logBuckets).find(
    (r) => r.Type === 'AWS::S3::BucketPolicy' && r.Properties.Bucket.Ref === bucketId,
  );
  return resolveBucketArns(policy?.Properties.PolicyDocument, logBuckets);
})();

/** The recorder role's own policies in the stg account (AWS_ConfigRole reads configurations; it grants no S3 writes). */
const DELIVERY_POLICY = 'Write Config snapshots and history to the central bucket, under this account prefix only';
const recorderPolicy = (() => {
  const baseline = Template.fromStack(stackAt(built, 'stg/Baseline'));
  const [policy] = Object.values(
    baseline.findResources('AWS::IAM::ManagedPolicy', {
      Properties: { Description: DELIVERY_POLICY },
    }),
  );
  return policy.Properties.PolicyDocument;
})();

interface Call {
  readonly action: string;
  readonly resource: string;
}
const object = (key: string): string => `arn:aws:s3:::${BUCKET}/${key}`;
const prefix = (account: string, region: string) => `AWSLogs/${account}/Config/${region}`;
/** Every call Config makes to deliver, for an account and region. */
const deliveryCalls = (account: string, region: string): Call[] => [
  { action: 's3:ListBucket', resource: `arn:aws:s3:::${BUCKET}` },
  { action: 's3:GetBucketAcl', resource: `arn:aws:s3:::${BUCKET}` },
  { action: 's3:PutObject', resource: object(`AWSLogs/${account}/Config/ConfigWritabilityCheckFile`) },
  {
    action: 's3:PutObject',
    resource: object(`${prefix(account, region)}/2026/12/1/ConfigHistory/${account}_Config_${region}_x.json.gz`),
  },
  {
    action: 's3:PutObjectAcl',
    resource: object(`${prefix(account, region)}/2026/12/1/ConfigSnapshot/${account}_Config_${region}_x.json.gz`),
  },
];

async function simulate(
  principal: string,
  call: Call,
  context: Record<string, string | string[]>,
  identityPolicy?: unknown,
): Promise<string> {
  const result = await runSimulation(
    {
      request: {
        principal,
        action: call.action,
        resource: { resource: call.resource, accountId: '333333333333' },
        contextVariables: {
          'aws:SecureTransport': 'true',
          ...(call.action.startsWith('s3:PutObject') ? { 's3:x-amz-acl': 'bucket-owner-full-control' } : {}),
          ...context,
        },
      },
      identityPolicies: identityPolicy === undefined ? [] : [{ name: 'ConfigDelivery', policy: identityPolicy }],
      resourcePolicy: bucketPolicy,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === 'error') return `invalid case: ${JSON.stringify(result.errors)}`;
  return result.overallResult === 'Allowed' ? 'allowed' : 'denied';
}

const roleOf = (account: string, name = 'landfall-config-recorder') => `arn:aws:iam::${account}:role/${name}`;
const roleContext = (account: string, name?: string, org = ORG) => ({
  'aws:PrincipalOrgID': org,
  'aws:PrincipalArn': roleOf(account, name),
  'aws:PrincipalAccount': account,
});

describe('AWS Config delivery to the log-archive bucket, simulated', () => {
  it.each(['ap-northeast-1', 'us-east-1'])(
    'lets the recorder role of a member account make every call Config makes, from %s',
    async (region) => {
      for (const call of deliveryCalls(MEMBER, region)) {
        await expect(
          simulate(roleOf(MEMBER), call, roleContext(MEMBER), recorderPolicy).then((r) => `${call.action}: ${r}`),
        ).resolves.toBe(`${call.action}: allowed`);
      }
    },
  );

  it('lets config.amazonaws.com deliver for an organization account when Config retries as the service', async () => {
    for (const call of deliveryCalls(MEMBER, 'ap-northeast-1').filter((c) => c.action !== 's3:PutObjectAcl')) {
      await expect(
        simulate('config.amazonaws.com', call, { 'aws:SourceAccount': MEMBER }).then((r) => `${call.action}: ${r}`),
      ).resolves.toBe(`${call.action}: allowed`);
    }
  });

  it("denies the recorder role writes under another account's prefix", async () => {
    const [, , , history] = deliveryCalls('444444444444', 'ap-northeast-1');
    await expect(simulate(roleOf(MEMBER), history, roleContext(MEMBER), recorderPolicy)).resolves.toBe('denied');
  });

  it('denies a role of another name in a member account, even with the same permissions', async () => {
    for (const call of deliveryCalls(MEMBER, 'ap-northeast-1')) {
      await expect(
        simulate(roleOf(MEMBER, 'app'), call, roleContext(MEMBER, 'app'), recorderPolicy).then(
          (r) => `${call.action}: ${r}`,
        ),
      ).resolves.toBe(`${call.action}: denied`);
    }
  });

  it('denies the recorder role of an account outside the organization', async () => {
    const outsider = '999999999999';
    const policy = JSON.parse(JSON.stringify(recorderPolicy).replaceAll(MEMBER, outsider));
    for (const call of deliveryCalls(outsider, 'ap-northeast-1')) {
      await expect(
        simulate(roleOf(outsider), call, roleContext(outsider, undefined, 'o-someoneelse1'), policy).then(
          (r) => `${call.action}: ${r}`,
        ),
      ).resolves.toBe(`${call.action}: denied`);
    }
  });

  it('denies config.amazonaws.com for an account outside the organization, and across account prefixes', async () => {
    const [, , , history] = deliveryCalls('999999999999', 'ap-northeast-1');
    await expect(simulate('config.amazonaws.com', history, { 'aws:SourceAccount': '999999999999' })).resolves.toBe(
      'denied',
    );
    const [, , , other] = deliveryCalls('444444444444', 'ap-northeast-1');
    await expect(simulate('config.amazonaws.com', other, { 'aws:SourceAccount': MEMBER })).resolves.toBe('denied');
  });

  it('denies a Config write without TLS', async () => {
    const [, , , history] = deliveryCalls(MEMBER, 'ap-northeast-1');
    await expect(
      simulate(roleOf(MEMBER), history, { ...roleContext(MEMBER), 'aws:SecureTransport': 'false' }, recorderPolicy),
    ).resolves.toBe('denied');
  });
});
