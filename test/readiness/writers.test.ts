import type { TemplateResource } from '../../lib/checks/readiness';
import { checkWriters, writerCalls } from '../../lib/checks/readiness';
import { simulatePolicies } from '../../scripts/readiness-simulator';
import { assembly, policy, stack } from './support';

type Resources = Record<string, TemplateResource>;
const ORG = 'o-exampleorg1';
const messages = async (stacks: ReturnType<typeof stack>[], organizationId: string | undefined = ORG) =>
  (
    await checkWriters(assembly(...stacks), simulatePolicies, organizationId === undefined ? {} : { organizationId })
  ).map((p) => p.message);
const bucket = (
  id: string,
  name: string,
  statements: Record<string, unknown>[],
  extra: Record<string, unknown> = {},
): Resources => ({
  [id]: { Type: 'AWS::S3::Bucket', Properties: { BucketName: name, ...extra } },
  [`${id}Policy`]: {
    Type: 'AWS::S3::BucketPolicy',
    Properties: { Bucket: { Ref: id }, PolicyDocument: policy(...statements) },
  },
});

describe('writer gate: AWS Config delivery to the log-archive bucket', () => {
  // AWS Config Developer Guide, "Permissions for the IAM Role Assigned to AWS Config" (s3:PutObject, s3:PutObjectAcl,
  // s3:GetBucketAcl) and "Permissions for the Amazon S3 Bucket": "ensure that your IAM role has PutObjectACL
  // permission on cross-account bucket"; the existence check calls HeadBucket (s3:ListBucket).
  const CONFIG = 'arn:aws:s3:::acme-config';
  const OBJECT = `${CONFIG}/AWSLogs/444444444444/Config/ap-northeast-1/ConfigWritabilityCheckFile`;
  const acl = { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } };
  const fullIdentity = [
    {
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:PutObjectAcl'],
      Resource: `${CONFIG}/AWSLogs/444444444444/*`,
      Condition: acl,
    },
    { Effect: 'Allow', Action: ['s3:GetBucketAcl', 's3:ListBucket'], Resource: CONFIG },
  ];
  const recorderRole = {
    ArnLike: { 'aws:PrincipalArn': 'arn:*:iam::*:role/landfall-config-recorder' },
    StringEquals: { 'aws:PrincipalOrgID': ORG },
  };
  const fullBucketPolicy: Record<string, unknown>[] = [
    {
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['s3:GetBucketAcl', 's3:ListBucket'],
      Resource: CONFIG,
      Condition: recorderRole,
    },
    {
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['s3:PutObject', 's3:PutObjectAcl'],
      Resource: `${CONFIG}/AWSLogs/\${aws:PrincipalAccount}/Config/*`,
      Condition: {
        ...recorderRole,
        StringEquals: { ...recorderRole.StringEquals, 's3:x-amz-acl': 'bucket-owner-full-control' },
      },
    },
  ];
  const logArchive = (statements: Record<string, unknown>[] = fullBucketPolicy) =>
    stack('LogArchive/LogBuckets', {
      account: '333333333333',
      resources: bucket('ConfigBucket', 'acme-config', statements),
    });
  const baseline = (path: string, account: string, statements: Record<string, unknown>[]) =>
    stack(path, {
      account,
      resources: {
        ConfigRole: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'landfall-config-recorder' } },
        Delivery: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: { Roles: [{ Ref: 'ConfigRole' }], PolicyDocument: policy(...statements) },
        },
        Recorder: {
          Type: 'AWS::Config::ConfigurationRecorder',
          Properties: { RoleARN: { 'Fn::GetAtt': ['ConfigRole', 'Arn'] } },
        },
        Channel: { Type: 'AWS::Config::DeliveryChannel', Properties: { S3BucketName: 'acme-config' } },
      },
    });
  const WRITER =
    'AWS Config recorder role landfall-config-recorder (dev/Baseline ConfigRole): arn:aws:sts::444444444444:assumed-role/landfall-config-recorder/AWSConfig-BucketConfigCheck';

  it('allows a recorder role whose policy and the bucket policy grant every call of the Config guide', async () => {
    expect(await messages([logArchive(), baseline('dev/Baseline', '444444444444', fullIdentity)])).toEqual([]);
  });

  it('reports a recorder role without s3:PutObjectAcl on a bucket in another account', async () => {
    const identity = [{ ...fullIdentity[0], Action: 's3:PutObject' }, fullIdentity[1]];
    expect(await messages([logArchive(), baseline('dev/Baseline', '444444444444', identity)])).toEqual([
      `${WRITER} cannot s3:PutObjectAcl on ${OBJECT}: the identity policies of role landfall-config-recorder (dev/Baseline ConfigRole) must allow it (AWS Config Developer Guide, "Permissions for the Amazon S3 Bucket": "ensure that your IAM role has PutObjectACL permission on cross-account bucket")`,
    ]);
  });

  it('reports a bucket policy without s3:ListBucket for the existence check', async () => {
    const statements = [{ ...fullBucketPolicy[0], Action: 's3:GetBucketAcl' }, fullBucketPolicy[1]];
    expect(await messages([logArchive(statements), baseline('dev/Baseline', '444444444444', fullIdentity)])).toEqual([
      `${WRITER} cannot s3:ListBucket on ${CONFIG}: the bucket policy LogArchive/LogBuckets ConfigBucketPolicy must allow it (AWS Config Developer Guide, "Permissions for the Amazon S3 Bucket": "AWS Config attempts to call Amazon S3 HeadBucket API to check whether the bucket exists")`,
    ]);
  });

  it('evaluates aws:PrincipalOrgID with the organization of the platform', async () => {
    const problems = await messages(
      [logArchive(), baseline('dev/Baseline', '444444444444', fullIdentity)],
      'o-another1',
    );
    expect(problems.map((m) => m.split(': the ')[0].replace(`${WRITER} `, ''))).toEqual([
      `cannot s3:GetBucketAcl, s3:ListBucket on ${CONFIG}`,
      `cannot s3:PutObject, s3:PutObjectAcl on ${OBJECT}`,
    ]);
    expect(
      problems.every((m) => m.includes(': the bucket policy LogArchive/LogBuckets ConfigBucketPolicy must allow it')),
    ).toBe(true);
  });

  it('needs no s3:PutObjectAcl in the bucket owner account, where either policy may allow the calls', async () => {
    const own = baseline('LogArchive/Baseline', '333333333333', [
      { Effect: 'Allow', Action: 's3:PutObject', Resource: `${CONFIG}/AWSLogs/333333333333/*`, Condition: acl },
      { Effect: 'Allow', Action: 's3:GetBucketAcl', Resource: CONFIG },
    ]);
    const a = assembly(logArchive(), own);
    expect(writerCalls(a, { organizationId: ORG }).calls.map((c) => c.action)).toEqual([
      's3:GetBucketAcl',
      's3:ListBucket',
      's3:PutObject',
    ]);
    expect(await messages([logArchive(), own])).toEqual([]);
  });

  it('reports a delivery channel whose recorder role is not in its stack', () => {
    const channelOnly = stack('dev/Baseline', {
      resources: { Channel: { Type: 'AWS::Config::DeliveryChannel', Properties: { S3BucketName: 'acme-config' } } },
    });
    expect(writerCalls(assembly(logArchive(), channelOnly)).problems.map((p) => p.message)).toEqual([
      "dev/Baseline Channel: the delivery channel's recorder must name an IAM role declared in this stack, or by a literal ARN a role of another stack of the account declares, for the writer gate to simulate delivery",
    ]);
  });
});

describe('writer gate: CloudTrail organization trail', () => {
  // CloudTrail User Guide, "Amazon S3 bucket policy for CloudTrail" and "Configure AWS KMS key policies for
  // CloudTrail" (kms:GenerateDataKey* with the trail in kms:EncryptionContext:aws:cloudtrail:arn, kms:DescribeKey).
  const TRAIL = 'arn:aws:cloudtrail:ap-northeast-1:111111111111:trail/org-trail';
  const BUCKET = 'arn:aws:s3:::acme-trail';
  const service = { Service: 'cloudtrail.amazonaws.com' };
  const fromTrail = { StringEquals: { 'aws:SourceArn': TRAIL } };
  const bucketPolicy = (prefixes: string[]) => [
    { Effect: 'Allow', Principal: service, Action: 's3:GetBucketAcl', Resource: BUCKET, Condition: fromTrail },
    {
      Effect: 'Allow',
      Principal: service,
      Action: 's3:PutObject',
      Resource: prefixes.map((p) => `${BUCKET}/AWSLogs/${p}/*`),
      Condition: { StringEquals: { ...fromTrail.StringEquals, 's3:x-amz-acl': 'bucket-owner-full-control' } },
    },
  ];
  const keyPolicy = (contextAccount: string) =>
    policy(
      { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'kms:*', Resource: '*' },
      {
        Effect: 'Allow',
        Principal: service,
        Action: 'kms:GenerateDataKey*',
        Resource: '*',
        Condition: {
          ...fromTrail,
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${contextAccount}:trail/*` },
        },
      },
      { Effect: 'Allow', Principal: service, Action: 'kms:DescribeKey', Resource: '*', Condition: fromTrail },
    );
  const trailStack = (contextAccount = '111111111111') =>
    stack('Org/Trail', {
      account: '111111111111',
      resources: {
        Key: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: keyPolicy(contextAccount) } },
        Trail: {
          Type: 'AWS::CloudTrail::Trail',
          Properties: {
            TrailName: 'org-trail',
            S3BucketName: 'acme-trail',
            IsOrganizationTrail: true,
            KMSKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] },
          },
        },
      },
    });
  const logArchive = (prefixes = ['111111111111', ORG]) =>
    stack('LogArchive/LogBuckets', {
      account: '333333333333',
      resources: bucket('TrailBucket', 'acme-trail', bucketPolicy(prefixes)),
    });

  it('allows a trail whose bucket and key policies grant CloudTrail every call, for every account of the organization', async () => {
    expect(await messages([trailStack(), logArchive()])).toEqual([]);
  });

  it('reports a bucket policy without the organization prefix the member accounts deliver under', async () => {
    expect(await messages([trailStack(), logArchive(['111111111111'])])).toEqual([
      `CloudTrail trail org-trail (Org/Trail Trail): cloudtrail.amazonaws.com cannot s3:PutObject on ${BUCKET}/AWSLogs/${ORG}/333333333333/CloudTrail/ap-northeast-1/log.json.gz: the bucket policy LogArchive/LogBuckets TrailBucketPolicy must allow it (CloudTrail User Guide, "Amazon S3 bucket policy for CloudTrail": cloudtrail.amazonaws.com needs s3:GetBucketAcl and s3:PutObject under AWSLogs/)`,
    ]);
  });

  it('reports a key policy whose encryption context names another account', async () => {
    expect(await messages([trailStack('999999999999'), logArchive()])).toEqual([
      'CloudTrail trail org-trail (Org/Trail Trail): cloudtrail.amazonaws.com cannot kms:GenerateDataKey on arn:aws:kms:ap-northeast-1:111111111111:key/landfall-org-trail-Key: the key policy of Org/Trail Key must allow it (CloudTrail User Guide, "Configure AWS KMS key policies for CloudTrail": grant CloudTrail kms:GenerateDataKey* for the trail and kms:DescribeKey)',
    ]);
  });

  it('says when the organization ID is needed to simulate member-account delivery', () => {
    expect(writerCalls(assembly(trailStack(), logArchive())).problems.map((p) => p.message)).toEqual([
      'CloudTrail trail org-trail (Org/Trail Trail): the organization ID is not known, so delivery for member accounts (AWSLogs/<organization ID>/<account>/) is not simulated: pass the organization ID',
    ]);
  });
});

describe('writer gate: Elastic Load Balancing access logs', () => {
  // Elastic Load Balancing, "Enable access logs for your Application Load Balancer": the bucket policy grants the
  // Region's ELB account (or logdelivery.elasticloadbalancing.amazonaws.com in newer Regions) s3:PutObject; "The
  // bucket must be located in the same Region as the load balancer"; only SSE-S3 is supported.
  const lb = (region: string) =>
    stack('dev/Platform', {
      region,
      resources: {
        Lb: {
          Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
          Properties: {
            LoadBalancerAttributes: [
              { Key: 'access_logs.s3.enabled', Value: 'true' },
              { Key: 'access_logs.s3.bucket', Value: 'acme-alb' },
              { Key: 'access_logs.s3.prefix', Value: 'dev' },
            ],
          },
        },
      },
    });
  const albBucket = (region: string, principal: Record<string, string>, extra: Record<string, unknown> = {}) =>
    stack('LogArchive/LogBuckets', {
      account: '333333333333',
      region,
      resources: bucket(
        'AlbBucket',
        'acme-alb',
        [
          {
            Effect: 'Allow',
            Principal: principal,
            Action: 's3:PutObject',
            Resource: 'arn:aws:s3:::acme-alb/*AWSLogs/444444444444/*',
          },
        ],
        extra,
      ),
    });

  it("allows the Region's Elastic Load Balancing account the bucket policy names", async () => {
    expect(
      await messages([lb('ap-northeast-1'), albBucket('ap-northeast-1', { AWS: 'arn:aws:iam::582318560864:root' })]),
    ).toEqual([]);
  });

  it("reports a bucket policy that names another Region's Elastic Load Balancing account", async () => {
    expect(
      await messages([lb('ap-northeast-1'), albBucket('ap-northeast-1', { AWS: 'arn:aws:iam::127311923021:root' })]),
    ).toEqual([
      'Elastic Load Balancing access logs of dev/Platform Lb: arn:aws:iam::582318560864:root cannot s3:PutObject on arn:aws:s3:::acme-alb/dev/AWSLogs/444444444444/ELBAccessLogTestFile: the bucket policy LogArchive/LogBuckets AlbBucketPolicy must allow it (Elastic Load Balancing, "Enable access logs for your Application Load Balancer": "The bucket must have a bucket policy that grants Elastic Load Balancing permission to write the access logs")',
    ]);
  });

  it('uses the log delivery service in a Region without an Elastic Load Balancing account', async () => {
    expect(
      await messages([
        lb('ap-southeast-3'),
        albBucket('ap-southeast-3', { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' }),
      ]),
    ).toEqual([]);
  });

  it('reports a bucket in another Region than the load balancer', () => {
    expect(
      writerCalls(assembly(lb('us-east-1'), albBucket('ap-northeast-1', { AWS: '*' }))).problems.map((p) => p.message),
    ).toEqual([
      'Elastic Load Balancing access logs of dev/Platform Lb: bucket acme-alb is in ap-northeast-1, the load balancer in us-east-1 (Elastic Load Balancing: "The bucket must be located in the same Region as the load balancer")',
    ]);
  });

  it('reports a bucket encrypted with SSE-KMS', () => {
    const kms = {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }],
      },
    };
    expect(
      writerCalls(assembly(lb('ap-northeast-1'), albBucket('ap-northeast-1', { AWS: '*' }, kms))).problems.map(
        (p) => p.message,
      ),
    ).toEqual([
      'Elastic Load Balancing access logs of dev/Platform Lb: bucket acme-alb uses SSE-KMS (Elastic Load Balancing: "The only server-side encryption option that\'s supported is Amazon S3-managed keys (SSE-S3)")',
    ]);
  });
});

describe('writer gate: AWS Budgets and Cost Anomaly Detection to the cost topic', () => {
  // AWS Cost Management, "Creating an Amazon SNS topic for budget notifications" / "... for anomaly detection":
  // budgets.amazonaws.com / costalerts.amazonaws.com need SNS:Publish, and kms:GenerateDataKey* and kms:Decrypt on
  // the key of an encrypted topic.
  const services = (...names: string[]) => ({ Service: names });
  const cost = (topicServices: string[], keyServices: string[]) =>
    stack('Org/Cost', {
      account: '111111111111',
      resources: {
        Key: {
          Type: 'AWS::KMS::Key',
          Properties: {
            KeyPolicy: policy({
              Effect: 'Allow',
              Principal: services(...keyServices),
              Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
              Resource: '*',
            }),
          },
        },
        Topic: {
          Type: 'AWS::SNS::Topic',
          Properties: { TopicName: 'cost', KmsMasterKeyId: { 'Fn::GetAtt': ['Key', 'Arn'] } },
        },
        TopicPolicy: {
          Type: 'AWS::SNS::TopicPolicy',
          Properties: {
            Topics: [{ Ref: 'Topic' }],
            PolicyDocument: policy(
              ...topicServices.map((s) => ({
                Effect: 'Allow',
                Principal: { Service: s },
                Action: 'sns:Publish',
                Resource: { Ref: 'Topic' },
                Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
              })),
            ),
          },
        },
        Budget: {
          Type: 'AWS::Budgets::Budget',
          Properties: {
            NotificationsWithSubscribers: [{ Subscribers: [{ SubscriptionType: 'SNS', Address: { Ref: 'Topic' } }] }],
          },
        },
        Anomalies: {
          Type: 'AWS::CE::AnomalySubscription',
          Properties: { Subscribers: [{ Type: 'SNS', Address: { Ref: 'Topic' } }] },
        },
      },
    });
  const both = ['budgets.amazonaws.com', 'costalerts.amazonaws.com'];

  it('allows both services to publish to the encrypted topic', async () => {
    expect(await messages([cost(both, both)])).toEqual([]);
  });

  it('reports a topic policy that lets only AWS Budgets publish', async () => {
    expect(await messages([cost(['budgets.amazonaws.com'], both)])).toEqual([
      'Cost Anomaly Detection (Org/Cost Anomalies): costalerts.amazonaws.com cannot sns:Publish on arn:aws:sns:ap-northeast-1:111111111111:cost: the topic policy Org/Cost TopicPolicy must allow it (AWS Cost Management, "Creating an Amazon SNS topic for anomaly detection": allow costalerts.amazonaws.com SNS:Publish, and kms:GenerateDataKey* and kms:Decrypt on an encrypted topic\'s key)',
    ]);
  });

  it('reports a topic key whose policy leaves AWS Budgets out', async () => {
    expect(await messages([cost(both, ['costalerts.amazonaws.com'])])).toEqual([
      'AWS Budgets (Org/Cost Budget): budgets.amazonaws.com cannot kms:GenerateDataKey, kms:Decrypt on arn:aws:kms:ap-northeast-1:111111111111:key/landfall-org-cost-Key: the key policy of Org/Cost Key must allow it (AWS Cost Management, "Creating an Amazon SNS topic for budget notifications": allow budgets.amazonaws.com SNS:Publish, and kms:GenerateDataKey* and kms:Decrypt on an encrypted topic\'s key)',
    ]);
  });
});

describe('writer gate: ECS task execution roles pull the GuardDuty Runtime Monitoring agent', () => {
  // GuardDuty User Guide, "Prerequisites for AWS Fargate (Amazon ECS only) support": the task execution role needs
  // ecr:GetAuthorizationToken, ecr:BatchCheckLayerAvailability, ecr:GetDownloadUrlForLayer, ecr:BatchGetImage; the
  // repository per Region is listed in "ECR Repository for GuardDuty agent on AWS Fargate" (Tokyo: 533107202818).
  const guardDuty = stack('Security/GuardDuty', {
    account: '222222222222',
    resources: {
      Configure: {
        Type: 'Custom::LandfallGuardDutyDetectorSettings',
        Properties: {
          Create: JSON.stringify({
            service: 'GuardDuty',
            action: 'UpdateDetector',
            parameters: {
              Features: [
                {
                  Name: 'RUNTIME_MONITORING',
                  Status: 'ENABLED',
                  AdditionalConfiguration: [{ Name: 'ECS_FARGATE_AGENT_MANAGEMENT', Status: 'ENABLED' }],
                },
              ],
            },
          }),
        },
      },
    },
  });
  const service = (
    role: Record<string, unknown>,
    policies: Resources = {},
    executionRole: unknown = { 'Fn::GetAtt': ['ExecRole', 'Arn'] },
  ) =>
    stack('dev/Service-api', {
      resources: {
        Task: {
          Type: 'AWS::ECS::TaskDefinition',
          Properties: {
            RequiresCompatibilities: ['FARGATE'],
            ...(executionRole === undefined ? {} : { ExecutionRoleArn: executionRole }),
          },
        },
        ExecRole: { Type: 'AWS::IAM::Role', Properties: role },
        ...policies,
      },
    });
  const ownRepository = {
    ExecPolicy: {
      Type: 'AWS::IAM::Policy',
      Properties: {
        Roles: [{ Ref: 'ExecRole' }],
        PolicyDocument: policy(
          {
            Effect: 'Allow',
            Action: ['ecr:BatchCheckLayerAvailability', 'ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
            Resource: 'arn:aws:ecr:ap-northeast-1:444444444444:repository/cdk-assets',
          },
          { Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        ),
      },
    },
  };

  it('allows an execution role with AmazonECSTaskExecutionRolePolicy', async () => {
    const role = { ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'] };
    expect(await messages([guardDuty, service(role)])).toEqual([]);
  });

  it("reports an execution role whose ECR rights stop at the platform's own repository", async () => {
    expect(await messages([guardDuty, service({}, ownRepository)])).toEqual([
      'ECS task execution role dev/Service-api ExecRole: arn:aws:sts::444444444444:assumed-role/landfall-dev-service-api-ExecRole/ecs-task cannot ecr:BatchCheckLayerAvailability, ecr:GetDownloadUrlForLayer, ecr:BatchGetImage on arn:aws:ecr:ap-northeast-1:533107202818:repository/aws-guardduty-agent-fargate: the identity policies of role dev/Service-api ExecRole must allow it (GuardDuty User Guide, "Prerequisites for AWS Fargate (Amazon ECS only) support": the task execution role needs ecr:GetAuthorizationToken, ecr:BatchCheckLayerAvailability, ecr:GetDownloadUrlForLayer and ecr:BatchGetImage for the agent repository ("ECR Repository for GuardDuty agent on AWS Fargate"))',
    ]);
  });

  it('names an explicit Deny in the identity policies', async () => {
    const deny = {
      Deny: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          Roles: [{ Ref: 'ExecRole' }],
          PolicyDocument: policy({ Effect: 'Deny', Action: 'ecr:GetAuthorizationToken', Resource: '*' }),
        },
      },
    };
    const role = { ManagedPolicyArns: ['arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy'] };
    const problems = await messages([guardDuty, service(role, deny)]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      'cannot ecr:GetAuthorizationToken on *: an explicit Deny in the identity policies of role dev/Service-api ExecRole or a resource policy of * (it has none) blocks it',
    );
  });

  it('simulates nothing when GuardDuty does not manage the Fargate agent', () => {
    expect(writerCalls(assembly(service({}, ownRepository))).calls).toEqual([]);
  });

  it('reports a Fargate task without an execution role of its stack', () => {
    expect(
      writerCalls(assembly(guardDuty, service({}, {}, 'arn:aws:iam::444444444444:role/elsewhere'))).problems.map(
        (p) => p.message,
      ),
    ).toEqual([
      'dev/Service-api Task: a Fargate task needs a task execution role of its stack to pull the GuardDuty agent (GuardDuty User Guide, "Prerequisites for AWS Fargate (Amazon ECS only) support": the task execution role needs ecr:GetAuthorizationToken, ecr:BatchCheckLayerAvailability, ecr:GetDownloadUrlForLayer and ecr:BatchGetImage for the agent repository ("ECR Repository for GuardDuty agent on AWS Fargate"))',
    ]);
  });
});
