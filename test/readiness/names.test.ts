import { checkNames } from '../../lib/checks/readiness';
import { assembly, stack } from './support';

const one = (Type: string, Properties: Record<string, unknown>) => ({ Res: { Type, Properties } });
const messages = (...stacks: ReturnType<typeof stack>[]) => checkNames(assembly(...stacks)).map((p) => p.message);

const S3 =
  '(Amazon S3 User Guide, bucket naming rules: "Bucket names must be unique across all AWS accounts in all the AWS Regions within a partition.")';
const IAM =
  '(IAM API reference (CreateRole, CreatePolicy): "IAM user, group, role, and policy names must be unique within the account. Names are not distinguished by case.")';
const REGIONAL = '(regional resource: its name identifies it within one account and region (its ARN has both))';

describe('physical-name gate', () => {
  it('reports one bucket name in two accounts: S3 bucket names are global', () => {
    expect(
      messages(
        stack('LogArchive/LogBuckets', {
          account: '333333333333',
          resources: one('AWS::S3::Bucket', { BucketName: 'acme-logs' }),
        }),
        stack('dev/Platform', { resources: one('AWS::S3::Bucket', { BucketName: 'acme-logs' }) }),
      ),
    ).toEqual([
      `AWS::S3::Bucket BucketName "acme-logs" is declared 2 times in partition aws (every account): dev/Platform Res, LogArchive/LogBuckets Res ${S3}`,
    ]);
  });

  it('reports IAM role names of one account that differ only in case', () => {
    expect(
      messages(
        stack('dev/Baseline', { resources: one('AWS::IAM::Role', { RoleName: 'landfall-config-recorder' }) }),
        stack('dev/RegionalBaseline-us-east-1', {
          region: 'us-east-1',
          resources: one('AWS::IAM::Role', { RoleName: 'Landfall-Config-Recorder' }),
        }),
      ),
    ).toEqual([
      `AWS::IAM::Role RoleName "landfall-config-recorder" / "Landfall-Config-Recorder" is declared 2 times in account 444444444444: dev/Baseline Res, dev/RegionalBaseline-us-east-1 Res ${IAM}`,
    ]);
  });

  it('accepts one IAM role name in two accounts', () => {
    expect(
      messages(
        stack('dev/Baseline', { resources: one('AWS::IAM::Role', { RoleName: 'landfall-github-deploy' }) }),
        stack('prod/Baseline', {
          account: '666666666666',
          resources: one('AWS::IAM::Role', { RoleName: 'landfall-github-deploy' }),
        }),
      ),
    ).toEqual([]);
  });

  it('accepts one log group name in two regions and reports it twice in one region', () => {
    const group = one('AWS::Logs::LogGroup', { LogGroupName: '/landfall/dev/api' });
    expect(
      messages(stack('dev/A', { resources: group }), stack('dev/B', { region: 'us-east-1', resources: group })),
    ).toEqual([]);
    expect(messages(stack('dev/A', { resources: group }), stack('dev/B', { resources: group }))).toEqual([
      `AWS::Logs::LogGroup LogGroupName "/landfall/dev/api" is declared 2 times in account 444444444444 region ap-northeast-1: dev/A Res, dev/B Res ${REGIONAL}`,
    ]);
  });

  it('puts metric and composite alarms in one namespace', () => {
    expect(
      messages(
        stack('dev/Service-api', {
          resources: one('AWS::CloudWatch::Alarm', { AlarmName: 'landfall-dev-api-errors' }),
        }),
        stack('dev/Observability', {
          resources: one('AWS::CloudWatch::CompositeAlarm', { AlarmName: 'landfall-dev-api-errors' }),
        }),
      ),
    ).toEqual([
      `AWS::CloudWatch::CompositeAlarm and AWS::CloudWatch::Alarm AlarmName "landfall-dev-api-errors" is declared 2 times in account 444444444444 region ap-northeast-1: dev/Observability Res, dev/Service-api Res ${REGIONAL}`,
    ]);
  });

  it('scopes an ECS service name to its cluster', () => {
    const service = (cluster: string) => one('AWS::ECS::Service', { ServiceName: 'api', Cluster: cluster });
    expect(
      messages(stack('dev/A', { resources: service('one') }), stack('dev/B', { resources: service('two') })),
    ).toEqual([]);
    expect(
      messages(stack('dev/A', { resources: service('one') }), stack('dev/B', { resources: service('one') })),
    ).toEqual([
      `AWS::ECS::Service ServiceName "api" is declared 2 times in account 444444444444 region ap-northeast-1 within Cluster "one": dev/A Res, dev/B Res ${REGIONAL}`,
    ]);
  });

  it('qualifies a cluster referenced inside each stack by that stack', () => {
    const service = {
      ...one('AWS::ECS::Service', { ServiceName: 'api', Cluster: { Ref: 'Cluster' } }),
      Cluster: { Type: 'AWS::ECS::Cluster', Properties: {} },
    };
    expect(messages(stack('dev/A', { resources: service }), stack('dev/B', { resources: service }))).toEqual([]);
  });

  it('resolves names built from pseudo parameters with each stack account and region', () => {
    const bucket = one('AWS::S3::Bucket', {
      BucketName: { 'Fn::Join': ['-', ['acme-assets', { Ref: 'AWS::AccountId' }, { Ref: 'AWS::Region' }]] },
    });
    expect(
      messages(stack('dev/A', { resources: bucket }), stack('dev/B', { region: 'us-east-1', resources: bucket })),
    ).toEqual([]);
    expect(messages(stack('dev/A', { resources: bucket }), stack('dev/B', { resources: bucket }))).toEqual([
      `AWS::S3::Bucket BucketName "acme-assets-444444444444-ap-northeast-1" is declared 2 times in partition aws (every account): dev/A Res, dev/B Res ${S3}`,
    ]);
  });

  it('does not compare names derived from resources (they are unique by construction)', () => {
    const queue = one('AWS::SQS::Queue', { QueueName: { 'Fn::Join': ['-', [{ Ref: 'Other' }, 'dlq']] } });
    expect(messages(stack('dev/A', { resources: queue }), stack('dev/B', { resources: queue }))).toEqual([]);
  });

  it('reports a resource type with a name property the table does not cover', () => {
    expect(messages(stack('dev/A', { resources: one('AWS::Foo::Widget', { WidgetName: 'w' }) }))).toEqual([
      'dev/A Res: AWS::Foo::Widget has the name-like property WidgetName, which the name table (lib/checks/readiness/name-scopes.ts) does not cover: add its scope or say what it is',
    ]);
  });

  it('reports a name-like property of a known type the table does not cover', () => {
    expect(
      messages(stack('dev/A', { resources: one('AWS::SQS::Queue', { QueueName: 'q', RedriveName: 'x' }) })),
    ).toEqual([
      'dev/A Res: AWS::SQS::Queue has the name-like property RedriveName, which the name table (lib/checks/readiness/name-scopes.ts) does not cover: add its scope or say what it is',
    ]);
  });

  it('ignores name-like properties the table says are references', () => {
    expect(
      messages(
        stack('dev/A', { resources: one('AWS::EC2::VPCEndpoint', { ServiceName: 'com.amazonaws.ap-northeast-1.s3' }) }),
      ),
    ).toEqual([]);
  });

  it('leaves custom resources and OIDC provider URLs to the singleton gate', () => {
    const provider = one('AWS::IAM::OIDCProvider', { Url: 'https://token.actions.githubusercontent.com' });
    const custom = one('Custom::LandfallAccountSetting', { PolicyName: 'x' });
    expect(
      messages(
        stack('dev/A', { resources: { ...provider } }),
        stack('dev/B', { resources: { ...provider, C: custom.Res } }),
      ),
    ).toEqual([]);
  });

  it('reads nested name properties such as a budget name', () => {
    const budget = one('AWS::Budgets::Budget', { Budget: { BudgetName: 'landfall-dev-monthly' } });
    expect(
      messages(
        stack('Org/Cost', { resources: budget }),
        stack('Org/Billing', { region: 'us-east-1', resources: budget }),
      ),
    ).toEqual([
      'AWS::Budgets::Budget Budget.BudgetName "landfall-dev-monthly" is declared 2 times in account 444444444444: Org/Billing Res, Org/Cost Res (AWS Budgets: a budget name is unique per account)',
    ]);
  });
});
