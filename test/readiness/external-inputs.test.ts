import type { ExternalInput, RolloutStep } from '../../lib/checks/readiness';
import { checkReferencedBuckets, externalInputs, missingFromPlan } from '../../lib/checks/readiness';
import { assembly, stack } from './support';

const listener = (CertificateArn: unknown) => ({
  Https: {
    Type: 'AWS::ElasticLoadBalancingV2::Listener',
    Properties: { Port: 443, Certificates: [{ CertificateArn }] },
  },
});
const summary = (...stacks: ReturnType<typeof stack>[]) =>
  externalInputs(assembly(...stacks), { accountNames: { '444444444444': 'dev' } }).map(
    (i) => `${i.kind} ${i.value} ${i.account} ${i.region}: ${i.check}`,
  );

describe('external inputs', () => {
  it('lists a listener certificate ARN with the command that checks it', () => {
    const arn = 'arn:aws:acm:ap-northeast-1:444444444444:certificate/00000000-0000-4000-8000-000000000444';
    expect(summary(stack('dev/Platform', { resources: listener(arn) }))).toEqual([
      `certificate ${arn} dev ap-northeast-1: aws acm describe-certificate --certificate-arn ${arn} --region ap-northeast-1`,
    ]);
  });

  it('resolves a certificate ARN built from pseudo parameters', () => {
    const arn = {
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':acm:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          ':certificate/abc-123',
        ],
      ],
    };
    expect(summary(stack('dev/Platform', { resources: listener(arn) }))).toEqual([
      'certificate arn:aws:acm:ap-northeast-1:444444444444:certificate/abc-123 dev ap-northeast-1: aws acm describe-certificate --certificate-arn arn:aws:acm:ap-northeast-1:444444444444:certificate/abc-123 --region ap-northeast-1',
    ]);
  });

  it('lists a secret once, by name, from the task definition and the execution role policy', () => {
    const resources = {
      Task: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: {
          ContainerDefinitions: [
            {
              Secrets: [
                {
                  Name: 'TOKEN',
                  ValueFrom: 'arn:aws:secretsmanager:ap-northeast-1:444444444444:secret:acme/api/token',
                },
              ],
            },
          ],
        },
      },
      Policy: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyDocument: {
            Statement: [
              {
                Effect: 'Allow',
                Action: 'secretsmanager:GetSecretValue',
                Resource: 'arn:aws:secretsmanager:ap-northeast-1:444444444444:secret:acme/api/token-??????',
              },
            ],
          },
        },
      },
    };
    expect(summary(stack('dev/Service-api', { resources }))).toEqual([
      'secret acme/api/token dev ap-northeast-1: aws secretsmanager describe-secret --secret-id acme/api/token --region ap-northeast-1',
    ]);
  });

  it('leaves out a secret a stack of the assembly creates', () => {
    const resources = {
      Secret: { Type: 'AWS::SecretsManager::Secret', Properties: { Name: 'acme/api/token' } },
      Task: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: {
          ContainerDefinitions: [
            {
              Secrets: [
                { ValueFrom: 'arn:aws:secretsmanager:ap-northeast-1:444444444444:secret:acme/api/token:password::' },
              ],
            },
          ],
        },
      },
    };
    expect(summary(stack('dev/Service-api', { resources }))).toEqual([]);
  });

  it('lists SSM parameters of template parameters, dynamic references and task definitions', () => {
    const parameters = {
      Ami: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: '/acme/golden-ami' },
      Public: {
        Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
        Default: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-arm64',
      },
      BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/landfall/version' },
    };
    const resources = {
      Task: {
        Type: 'AWS::ECS::TaskDefinition',
        Properties: {
          ContainerDefinitions: [
            {
              Environment: [{ Name: 'URL', Value: '{{resolve:ssm:/acme/api/url}}' }],
              Secrets: [{ Name: 'KEY', ValueFrom: '/acme/api/key' }],
            },
          ],
        },
      },
    };
    expect(summary(stack('dev/Service-api', { parameters, resources }))).toEqual([
      'ssm-parameter /acme/api/key dev ap-northeast-1: aws ssm get-parameter --name /acme/api/key --region ap-northeast-1',
      'ssm-parameter /acme/api/url dev ap-northeast-1: aws ssm get-parameter --name /acme/api/url --region ap-northeast-1',
      'ssm-parameter /acme/golden-ami dev ap-northeast-1: aws ssm get-parameter --name /acme/golden-ami --region ap-northeast-1',
    ]);
  });

  it('lists the Slack workspace and channel of a Chatbot configuration where the Chatbot API answers', () => {
    const resources = {
      Slack: {
        Type: 'AWS::Chatbot::SlackChannelConfiguration',
        Properties: { SlackWorkspaceId: 'T0123456789', SlackChannelId: 'C0PAGE12345' },
      },
    };
    expect(summary(stack('dev/Platform', { resources }))).toEqual([
      `slack-channel C0PAGE12345 dev us-east-2: aws chatbot describe-slack-channel-configurations --region us-east-2 --query "SlackChannelConfigurations[?SlackChannelId=='C0PAGE12345'].ChatConfigurationArn"`,
      `slack-workspace T0123456789 dev us-east-2: aws chatbot describe-slack-workspaces --region us-east-2 --query "SlackWorkspaces[?SlackTeamId=='T0123456789'].SlackTeamName"`,
    ]);
  });

  it('names the account by ID when the config does not name it', () => {
    const resources = {
      Slack: {
        Type: 'AWS::Chatbot::SlackChannelConfiguration',
        Properties: { SlackWorkspaceId: 'T0123456789', SlackChannelId: 'C0PAGE12345' },
      },
    };
    expect(
      externalInputs(assembly(stack('x/Platform', { account: '999999999999', resources }))).map((i) => i.account),
    ).toEqual(['999999999999', '999999999999']);
  });
});

describe('referenced buckets', () => {
  const trail = {
    Trail: { Type: 'AWS::CloudTrail::Trail', Properties: { S3BucketName: 'acme-trail', IsLogging: true } },
  };

  it('accepts a bucket another account creates', () => {
    const bucket = { Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'acme-trail' } } };
    expect(
      checkReferencedBuckets(
        assembly(
          stack('Org/Trail', { account: '111111111111', resources: trail }),
          stack('LogArchive/LogBuckets', { account: '333333333333', resources: bucket }),
        ),
      ),
    ).toEqual([]);
  });

  it('reports a log destination bucket no stack creates', () => {
    expect(checkReferencedBuckets(assembly(stack('Org/Trail', { resources: trail }))).map((p) => p.message)).toEqual([
      'Org/Trail Trail (AWS::CloudTrail::Trail S3BucketName) writes to bucket "acme-trail", which no stack of the assembly creates: create it in a stack, or make it a rollout prerequisite',
    ]);
  });

  it('reads load balancer access log buckets only when access logs are on', () => {
    const lb = (enabled: string) => ({
      Lb: {
        Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
        Properties: {
          LoadBalancerAttributes: [
            { Key: 'access_logs.s3.enabled', Value: enabled },
            { Key: 'access_logs.s3.bucket', Value: 'acme-alb' },
          ],
        },
      },
    });
    expect(checkReferencedBuckets(assembly(stack('dev/Platform', { resources: lb('false') })))).toEqual([]);
    expect(
      checkReferencedBuckets(assembly(stack('dev/Platform', { resources: lb('true') }))).map((p) => p.message),
    ).toEqual([
      'dev/Platform Lb (AWS::ElasticLoadBalancingV2::LoadBalancer access_logs.s3.bucket) writes to bucket "acme-alb", which no stack of the assembly creates: create it in a stack, or make it a rollout prerequisite',
    ]);
  });
});

describe('missingFromPlan', () => {
  const input = (
    kind: ExternalInput['kind'],
    value: string,
    account = 'prod',
    region = 'ap-northeast-1',
  ): ExternalInput => ({
    kind,
    value,
    account,
    region,
    check: `check ${value}`,
  });
  const step = (...inputs: ExternalInput[]): Pick<RolloutStep, 'inputs'> => ({ inputs });
  const certificate = input('certificate', 'arn:aws:acm:ap-northeast-1:666666666666:certificate/abc');
  const secret = input('secret', 'acme/api/token');

  it('finds nothing missing when the plan lists every input', () => {
    expect(missingFromPlan([certificate, secret], [step(certificate), {}, step(secret)])).toEqual([]);
  });

  it('returns the inputs no step lists, in the order found', () => {
    expect(missingFromPlan([certificate, secret], [step(secret)])).toEqual([certificate]);
  });

  it('compares account and region', () => {
    expect(missingFromPlan([secret], [step(input('secret', 'acme/api/token', 'stg'))])).toEqual([secret]);
    expect(missingFromPlan([secret], [step(input('secret', 'acme/api/token', 'prod', 'us-east-1'))])).toEqual([secret]);
  });

  it('does not compare the region of Slack IDs, which belong to the account', () => {
    const channel = input('slack-channel', 'C0PAGE12345', 'prod', 'us-east-2');
    expect(missingFromPlan([channel], [step(input('slack-channel', 'C0PAGE12345', 'prod', 'ap-northeast-1'))])).toEqual(
      [],
    );
  });
});
