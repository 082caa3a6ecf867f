import { runSimulation } from '@cloud-copilot/iam-simulate';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp, referencePlatform, stackAt, validate } from '../support/example';
import { resolveBucketArns } from '../support/resolve-template';

const model = validate(referencePlatform());
const built = buildApp({ model });
const stack = stackAt(built, 'LogArchive/LogBuckets');
const template = Template.fromStack(stack);
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, any> }>; // eslint-disable-line @typescript-eslint/no-explicit-any

const NAMES = {
  cloudtrail: 'acme-landfall-cloudtrail-333333333333-ap-northeast-1',
  config: 'acme-landfall-config-333333333333-ap-northeast-1',
  alb: 'acme-landfall-alb-333333333333-ap-northeast-1',
};
const bucketIdOf = (name: string) =>
  Object.keys(resources).find((id) => resources[id].Properties?.BucketName === name) as string;
const policyOf = (name: string) => {
  const id = bucketIdOf(name);
  const policy = Object.values(resources).find(
    (r) => r.Type === 'AWS::S3::BucketPolicy' && r.Properties.Bucket.Ref === id,
  );
  return resolveBucketArns(policy?.Properties.PolicyDocument, resources);
};

describe('LogBuckets stack', () => {
  it('is termination-protected in the log-archive account', () => {
    expect([stack.terminationProtection, stack.account]).toEqual([true, '333333333333']);
  });

  it('names the buckets with logBucketName, the names the Baseline and environment stacks write to', () => {
    for (const name of Object.values(NAMES)) template.hasResourceProperties('AWS::S3::Bucket', { BucketName: name });
  });

  it('keeps the logical IDs of the log buckets (renaming one would replace the bucket)', () => {
    expect(Object.values(NAMES).map(bucketIdOf)).toEqual([
      'CloudTrailBucketDFB11A28',
      'ConfigBucketF2111528',
      'AlbBucketCF7BD73F',
    ]);
  });

  it('retains every bucket on deletion and replacement', () => {
    const buckets = Object.values(template.findResources('AWS::S3::Bucket'));
    expect(buckets).toHaveLength(4);
    for (const b of buckets) expect([b.DeletionPolicy, b.UpdateReplacePolicy]).toEqual(['Retain', 'Retain']);
  });

  it('versions, encrypts with S3-managed keys and blocks public access on every bucket', () => {
    const buckets = Object.values(template.findResources('AWS::S3::Bucket'));
    for (const b of buckets) {
      expect(b.Properties).toMatchObject({
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      });
    }
  });

  it('denies every request without TLS on every bucket', () => {
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(4);
    for (const p of policies) {
      expect(p.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('moves ALB logs to Standard-IA, then Glacier, then expires them, as configured', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: NAMES.alb,
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({
            Transitions: [
              { StorageClass: 'STANDARD_IA', TransitionInDays: 30 },
              { StorageClass: 'GLACIER', TransitionInDays: 90 },
            ],
            ExpirationInDays: 400,
            NoncurrentVersionExpiration: { NoncurrentDays: 90 },
          }),
        ],
      },
    });
  });

  it('takes the CloudTrail lifecycle from the config', () => {
    const p = referencePlatform();
    p.logArchive = { cloudtrail: { infrequentAccessAfterDays: 60, expireAfterDays: 3650 } };
    const t = Template.fromStack(stackAt(buildApp({ model: validate(p) }), 'LogArchive/LogBuckets'));
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: NAMES.cloudtrail,
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({
            Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 60 }],
            ExpirationInDays: 3650,
          }),
        ],
      },
    });
  });

  it('logs access to the three log buckets into the access-log bucket', () => {
    for (const name of Object.values(NAMES)) {
      template.hasResourceProperties('AWS::S3::Bucket', {
        BucketName: name,
        LoggingConfiguration: { DestinationBucketName: { Ref: Match.stringLikeRegexp('^AccessLogsBucket') } },
      });
    }
  });
});

/** The bucket policies under the IAM policy simulator: only the organization's writers get in. */
const ORG = model.platform.organization.id;
async function put(bucket: string, key: string, principal: string, context: Record<string, string>): Promise<string> {
  const result = await runSimulation(
    {
      request: {
        principal,
        action: 's3:PutObject',
        resource: { resource: `arn:aws:s3:::${bucket}/${key}`, accountId: '333333333333' },
        contextVariables: { 'aws:SecureTransport': 'true', 's3:x-amz-acl': 'bucket-owner-full-control', ...context },
      },
      identityPolicies: principal.includes('.amazonaws.com')
        ? []
        : [
            {
              name: 'Everything',
              policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
            },
          ],
      resourcePolicy: policyOf(bucket),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === 'error') return `invalid case: ${JSON.stringify(result.errors)}`;
  return result.overallResult === 'Allowed' ? 'allowed' : 'denied';
}

const recorder = (account: string) => `arn:aws:iam::${account}:role/landfall-config-recorder`;
const TRAIL = 'arn:aws:cloudtrail:ap-northeast-1:111111111111:trail/landfall-organization';

describe('log bucket policies under an IAM policy simulator', () => {
  it.each([
    [
      'a Config role of the organization writes under its own account prefix',
      NAMES.config,
      'AWSLogs/444444444444/Config/ap-northeast-1/x.json.gz',
      recorder('444444444444'),
      {
        'aws:PrincipalOrgID': ORG,
        'aws:PrincipalArn': recorder('444444444444'),
        'aws:PrincipalAccount': '444444444444',
      },
      'allowed',
    ],
    [
      "a Config role cannot write under another account's prefix",
      NAMES.config,
      'AWSLogs/555555555555/Config/ap-northeast-1/x.json.gz',
      recorder('444444444444'),
      {
        'aws:PrincipalOrgID': ORG,
        'aws:PrincipalArn': recorder('444444444444'),
        'aws:PrincipalAccount': '444444444444',
      },
      'denied',
    ],
    [
      'a Config role of another organization is denied',
      NAMES.config,
      'AWSLogs/999999999999/Config/ap-northeast-1/x.json.gz',
      recorder('999999999999'),
      {
        'aws:PrincipalOrgID': 'o-someoneelse1',
        'aws:PrincipalArn': recorder('999999999999'),
        'aws:PrincipalAccount': '999999999999',
      },
      'denied',
    ],
    [
      'another role of the organization cannot write Config logs',
      NAMES.config,
      'AWSLogs/444444444444/Config/x',
      'arn:aws:iam::444444444444:role/app',
      {
        'aws:PrincipalOrgID': ORG,
        'aws:PrincipalArn': 'arn:aws:iam::444444444444:role/app',
        'aws:PrincipalAccount': '444444444444',
      },
      'denied',
    ],
    [
      'a Config write without TLS is denied',
      NAMES.config,
      'AWSLogs/444444444444/Config/x',
      recorder('444444444444'),
      {
        'aws:PrincipalOrgID': ORG,
        'aws:PrincipalArn': recorder('444444444444'),
        'aws:PrincipalAccount': '444444444444',
        'aws:SecureTransport': 'false',
      },
      'denied',
    ],
    [
      'the organization trail writes organization logs',
      NAMES.cloudtrail,
      `AWSLogs/${ORG}/444444444444/CloudTrail/x.json.gz`,
      'cloudtrail.amazonaws.com',
      { 'aws:SourceArn': TRAIL, 'aws:SourceAccount': '111111111111' },
      'allowed',
    ],
    [
      'another trail cannot write to the CloudTrail bucket',
      NAMES.cloudtrail,
      `AWSLogs/${ORG}/444444444444/CloudTrail/x.json.gz`,
      'cloudtrail.amazonaws.com',
      {
        'aws:SourceArn': 'arn:aws:cloudtrail:ap-northeast-1:999999999999:trail/other',
        'aws:SourceAccount': '999999999999',
      },
      'denied',
    ],
    [
      "the region's load balancer log writer delivers logs of an organization account",
      NAMES.alb,
      'prod/AWSLogs/666666666666/elasticloadbalancing/ap-northeast-1/x.log.gz',
      'arn:aws:iam::582318560864:root',
      {},
      'allowed',
    ],
    [
      'load balancer logs of an account outside the organization are denied',
      NAMES.alb,
      'AWSLogs/999999999999/elasticloadbalancing/ap-northeast-1/x.log.gz',
      'arn:aws:iam::582318560864:root',
      {},
      'denied',
    ],
  ])('%s', async (_name, bucket, key, principal, context, expected) => {
    await expect(put(bucket, key, principal, context)).resolves.toBe(expected);
  });
});
