import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp, referenceModel, stackAt } from '../support/example';

const built = buildApp();
const template = (path: string) => Template.fromStack(stackAt(built, path));

describe('Baseline stack', () => {
  it('records AWS Config continuously in prod and daily in dev, as the tier profiles say', () => {
    template('prod/Baseline').hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RecordingMode: { RecordingFrequency: 'CONTINUOUS' },
      RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true },
    });
    template('dev/Baseline').hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RecordingMode: { RecordingFrequency: 'DAILY' },
    });
  });

  it('delivers Config to the log-archive bucket whose name is derived from config', () => {
    template('stg/Baseline').hasResourceProperties('AWS::Config::DeliveryChannel', {
      S3BucketName: 'acme-landfall-config-333333333333-ap-northeast-1',
    });
  });

  it('lets the recorder write only under its own account prefix of that bucket', () => {
    template('stg/Baseline').hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 's3:PutObject',
            Resource: 'arn:aws:s3:::acme-landfall-config-333333333333-ap-northeast-1/AWSLogs/555555555555/Config/*',
          }),
        ]),
      },
    });
  });

  it('trusts only the GitHub environment of the account for the deploy role', () => {
    template('prod/Baseline').hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'landfall-github-deploy',
      MaxSessionDuration: 10800,
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: {
                'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
                'token.actions.githubusercontent.com:sub': 'repo:acme/platform:environment:prod',
              },
            },
          }),
        ],
      },
    });
    template('Security/Baseline').hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'landfall-github-deploy',
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Condition: {
              StringEquals: Match.objectLike({
                'token.actions.githubusercontent.com:sub': 'repo:acme/platform:environment:platform',
              }),
            },
          }),
        ],
      },
    });
  });

  it('lets the deploy role assume the CDK bootstrap roles of its account and nothing else', () => {
    const policies = template('dev/Baseline').findResources('AWS::IAM::ManagedPolicy', {
      Properties: { Roles: [Match.anyValue()] },
    });
    const statements = Object.values(policies).flatMap(
      (p) => (p as { Properties: { PolicyDocument: { Statement: unknown[] } } }).Properties.PolicyDocument.Statement,
    );
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Resource: ['deploy', 'file-publishing', 'image-publishing', 'lookup'].map(
          (kind) => `arn:aws:iam::444444444444:role/cdk-hnb659fds-${kind}-role-444444444444-ap-northeast-1`,
        ),
      },
    ]);
  });

  it('creates the GitHub OIDC provider without a Lambda', () => {
    const t = template('dev/Baseline');
    t.hasResourceProperties('AWS::IAM::OIDCProvider', {
      Url: 'https://token.actions.githubusercontent.com',
      ClientIdList: ['sts.amazonaws.com'],
    });
  });

  it('blocks public S3 access for the whole account', () => {
    const custom = template('dev/Baseline').findResources('Custom::LandfallAccountSetting');
    const creates = Object.values(custom).map((r) =>
      JSON.stringify((r as { Properties: { Create: unknown } }).Properties.Create),
    );
    expect(
      creates.some(
        (c) =>
          c.includes('\\"service\\":\\"S3Control\\",\\"action\\":\\"PutPublicAccessBlock\\"') &&
          c.includes('\\"RestrictPublicBuckets\\":true') &&
          c.includes('\\"BlockPublicPolicy\\":true'),
      ),
    ).toBe(true);
  });

  it('turns on EBS encryption by default', () => {
    const custom = template('dev/Baseline').findResources('Custom::LandfallAccountSetting');
    const creates = Object.values(custom).map((r) =>
      JSON.stringify((r as { Properties: { Create: unknown } }).Properties.Create),
    );
    expect(
      creates.some((c) => c.includes('\\"service\\":\\"EC2\\",\\"action\\":\\"EnableEbsEncryptionByDefault\\"')),
    ).toBe(true);
  });

  it('grants the account-setting calls only the two account-level actions', () => {
    const policies = template('dev/Baseline').findResources('AWS::IAM::Policy');
    const actions = Object.values(policies).flatMap((p) =>
      (
        p as { Properties: { PolicyDocument: { Statement: Array<{ Action: string | string[] }> } } }
      ).Properties.PolicyDocument.Statement.flatMap((s) => s.Action),
    );
    expect(actions.sort()).toEqual(['ec2:EnableEbsEncryptionByDefault', 's3:PutAccountPublicAccessBlock']);
  });
});

describe('CDK bootstrap qualifier', () => {
  it('makes every stack use the bootstrap roles of the configured qualifier', () => {
    const model = referenceModel();
    const custom = {
      ...model,
      platform: { ...model.platform, deploy: { ...model.platform.deploy, cdkQualifier: 'acme1' } },
    };
    const stack = stackAt(buildApp({ model: custom }), 'dev/Baseline');
    expect(Template.fromStack(stack).toJSON().Parameters.BootstrapVersion.Default).toBe('/cdk-bootstrap/acme1/version');
  });
});
