import { Match, Template } from 'aws-cdk-lib/assertions';
import { allStacks, buildApp, referenceModel, referencePlatform, stackAt, validate } from '../support/example';

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
            Action: ['s3:PutObject', 's3:PutObjectAcl'],
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

  it('lets the deploy role assume the CDK bootstrap roles of its account in every allowed region, and read only landfall alarms, metric data and the deployments of its cluster', () => {
    const policies = template('dev/Baseline').findResources('AWS::IAM::ManagedPolicy', {
      Properties: { Roles: [Match.anyValue()] },
    });
    type Policy = { Properties: { Description?: string; PolicyDocument: { Statement: unknown[] } } };
    // The weekly review role's reads are tested in test/plan/review-role-simulated.test.ts.
    const statements = (Object.values(policies) as Policy[])
      .filter((p) => !(p.Properties.Description ?? '').startsWith('Read what the weekly review'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Resource: expect.arrayContaining(
          ['ap-northeast-1', 'us-east-1'].flatMap((region) =>
            ['deploy', 'file-publishing', 'image-publishing', 'lookup'].map(
              (kind) => `arn:aws:iam::444444444444:role/cdk-landfall-${kind}-role-444444444444-${region}`,
            ),
          ),
        ),
      },
      // The release gates (deploy-window check --error-budgets) measure error budgets with the alarms' own queries.
      {
        Effect: 'Allow',
        Action: 'cloudwatch:DescribeAlarms',
        Resource: 'arn:aws:cloudwatch:*:444444444444:alarm:landfall-*',
      },
      { Effect: 'Allow', Action: 'cloudwatch:GetMetricData', Resource: '*' },
      // The release check (review release) finds each service's release time in its ECS deployments.
      {
        Effect: 'Allow',
        Action: 'ecs:ListServiceDeployments',
        Resource: 'arn:aws:ecs:*:444444444444:service/landfall-dev/*',
      },
    ]);
    expect((statements[0] as { Resource: string[] }).Resource).toHaveLength(8);
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

describe('Baseline of the management account', () => {
  // Security Hub evaluates controls in every account it covers; Config.1 (Critical) fails where Config does not record.
  it('records AWS Config with the global resource types, like the other shared accounts', () => {
    template('Org/Baseline').hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RecordingMode: { RecordingFrequency: 'CONTINUOUS' },
      RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true },
    });
    template('Org/Baseline').hasResourceProperties('AWS::Config::DeliveryChannel', {
      S3BucketName: 'acme-landfall-config-333333333333-ap-northeast-1',
    });
  });

  it('has no GitHub OIDC provider or deploy role: people deploy the management account', () => {
    const t = template('Org/Baseline');
    t.resourceCountIs('AWS::IAM::OIDCProvider', 0);
    expect(Object.values(t.findResources('AWS::IAM::Role')).map((r) => r.Properties.RoleName)).not.toContain(
      'landfall-github-deploy',
    );
  });

  it('blocks public S3 access and encrypts EBS by default', () => {
    const creates = JSON.stringify(template('Org/Baseline').findResources('Custom::LandfallAccountSetting'));
    expect(creates).toContain('PutPublicAccessBlock');
    expect(creates).toContain('EnableEbsEncryptionByDefault');
  });
});

describe('RegionalBaseline stacks', () => {
  const regional = (stage: string) => template(`${stage}/RegionalBaseline-us-east-1`);

  it.each(['Org', 'Security', 'LogArchive', 'dev', 'prod'])(
    '%s records AWS Config in us-east-1 without the global resource types (recorded once, at home)',
    (stage) => {
      regional(stage).hasResourceProperties('AWS::Config::ConfigurationRecorder', {
        RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: false },
      });
      regional(stage).hasResourceProperties('AWS::Config::DeliveryChannel', {
        S3BucketName: 'acme-landfall-config-333333333333-ap-northeast-1',
      });
    },
  );

  it('records at the tier profile frequency', () => {
    regional('dev').hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RecordingMode: { RecordingFrequency: 'DAILY' },
    });
  });

  it('reuses the home Baseline recorder role instead of creating a second role of that name (IAM is global)', () => {
    const t = regional('prod');
    t.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    expect(Object.values(t.findResources('AWS::IAM::Role')).map((r) => r.Properties.RoleName)).not.toContain(
      'landfall-config-recorder',
    );
    t.hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RoleARN: 'arn:aws:iam::666666666666:role/landfall-config-recorder',
    });
  });

  it('turns on EBS encryption by default in its region and leaves the account-wide S3 setting to home', () => {
    const creates = JSON.stringify(regional('prod').findResources('Custom::LandfallAccountSetting'));
    expect(creates).toContain('EnableEbsEncryptionByDefault');
    expect(creates).not.toContain('PutPublicAccessBlock');
  });

  it('is created for every allowed region but home, and for none when home is the only one', () => {
    const p = referencePlatform();
    p.allowedRegions = ['ap-northeast-1', 'us-east-1', 'eu-west-1'];
    const three = allStacks(buildApp({ model: validate(p) }).app).map((s) => s.node.path);
    expect(three.filter((x) => x.startsWith('prod/RegionalBaseline'))).toEqual([
      'prod/RegionalBaseline-eu-west-1',
      'prod/RegionalBaseline-us-east-1',
    ]);
    p.allowedRegions = ['ap-northeast-1'];
    const one = allStacks(buildApp({ model: validate(p) }).app).map((s) => s.node.path);
    expect(one.filter((x) => x.includes('RegionalBaseline'))).toEqual([]);
  });
});

// PutConfigurationRecorder: "You can create only one customer managed configuration recorder for each account for
// each AWS Region"; PutDeliveryChannel: "You can have only one delivery channel per region in your account".
describe('adopted accounts with their own Config recorder (accounts[].existing.configRecorder)', () => {
  const withExisting = (value: boolean | string[]) => {
    const p = referencePlatform();
    (p.accounts as Array<Record<string, unknown>>)[5].existing = { configRecorder: value };
    return buildApp({ model: validate(p) });
  };

  it('creates neither recorder nor delivery channel in any region when the account has them everywhere', () => {
    const b = withExisting(true);
    for (const path of ['prod/Baseline', 'prod/RegionalBaseline-us-east-1']) {
      const t = Template.fromStack(stackAt(b, path));
      t.resourceCountIs('AWS::Config::ConfigurationRecorder', 0);
      t.resourceCountIs('AWS::Config::DeliveryChannel', 0);
    }
  });

  it('keeps the recorder role at home, so the account can point its own recorder at it', () => {
    Template.fromStack(stackAt(withExisting(true), 'prod/Baseline')).hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'landfall-config-recorder',
    });
  });

  it('skips only the regions listed', () => {
    const b = withExisting(['us-east-1']);
    Template.fromStack(stackAt(b, 'prod/Baseline')).resourceCountIs('AWS::Config::ConfigurationRecorder', 1);
    Template.fromStack(stackAt(b, 'prod/RegionalBaseline-us-east-1')).resourceCountIs(
      'AWS::Config::ConfigurationRecorder',
      0,
    );
    Template.fromStack(stackAt(b, 'dev/RegionalBaseline-us-east-1')).resourceCountIs(
      'AWS::Config::ConfigurationRecorder',
      1,
    );
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
