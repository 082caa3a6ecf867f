import { checkSingletons } from '../../lib/checks/readiness';
import { assembly, stack } from './support';

const messages = (...stacks: ReturnType<typeof stack>[]) => checkSingletons(assembly(...stacks)).map((p) => p.message);
const slack = (channel: string) => ({
  Slack: {
    Type: 'AWS::Chatbot::SlackChannelConfiguration',
    Properties: { SlackChannelId: channel, SlackWorkspaceId: 'T0123456789' },
  },
});
const call = (service: string, action: string) => ({
  Call: {
    Type: 'Custom::LandfallAccountSetting',
    Properties: { Create: JSON.stringify({ service, action, physicalResourceId: { id: `${service}.${action}` } }) },
  },
});

const CHATBOT =
  'one configuration per Slack channel per account: a second fails with "Slack channel with ID ... has already been configured for AWS account" (aws-cloudformation/cloudformation-coverage-roadmap#1155: "there is no way of creating multiple SlackChannelConfiguration for the same channel id"; list several SnsTopicArns instead)';

describe('per-account singleton gate', () => {
  it('reports two Chatbot configurations of one Slack channel in one account, across regions', () => {
    expect(
      messages(
        stack('Org/Cost', { resources: slack('C0COST12345') }),
        stack('Org/Billing', { region: 'us-east-1', resources: slack('C0COST12345') }),
      ),
    ).toEqual([
      `AWS Chatbot configuration of Slack channel C0COST12345 is declared 2 times in account 444444444444: Org/Billing Slack, Org/Cost Slack; ${CHATBOT}`,
    ]);
  });

  it('accepts one Slack channel configured in two accounts, and two channels in one account', () => {
    expect(
      messages(
        stack('dev/Platform', { resources: slack('C0PAGE12345') }),
        stack('prod/Platform', { account: '666666666666', resources: slack('C0PAGE12345') }),
      ),
    ).toEqual([]);
    expect(
      messages(
        stack('Org/Cost', { resources: slack('C0COST12345') }),
        stack('Org/Billing', { resources: slack('C0BILL12345') }),
      ),
    ).toEqual([]);
  });

  it('reports two Config recorders in one account and region, and accepts one per region', () => {
    const recorder = { Recorder: { Type: 'AWS::Config::ConfigurationRecorder', Properties: {} } };
    expect(
      messages(
        stack('dev/Baseline', { resources: recorder }),
        stack('dev/RegionalBaseline-us-east-1', { region: 'us-east-1', resources: recorder }),
      ),
    ).toEqual([]);
    expect(
      messages(stack('dev/Baseline', { resources: recorder }), stack('dev/Extra', { resources: recorder })),
    ).toEqual([
      'AWS Config configuration recorder is declared 2 times in account 444444444444 region ap-northeast-1: dev/Baseline Recorder, dev/Extra Recorder; Config API reference, PutConfigurationRecorder: "You can create only one customer managed configuration recorder for each account for each AWS Region."',
    ]);
  });

  it('reports two Config delivery channels in one account and region', () => {
    const channel = { Channel: { Type: 'AWS::Config::DeliveryChannel', Properties: { S3BucketName: 'b' } } };
    expect(messages(stack('dev/Baseline', { resources: channel }), stack('dev/Extra', { resources: channel }))).toEqual(
      [
        'AWS Config delivery channel is declared 2 times in account 444444444444 region ap-northeast-1: dev/Baseline Channel, dev/Extra Channel; Config API reference, PutDeliveryChannel: "You can have only one delivery channel per region in your account."',
      ],
    );
  });

  it('reports two IAM OIDC providers for one URL in one account', () => {
    const provider = (Url: string) => ({ Oidc: { Type: 'AWS::IAM::OIDCProvider', Properties: { Url } } });
    expect(
      messages(
        stack('dev/Baseline', { resources: provider('https://token.actions.githubusercontent.com') }),
        stack('dev/RegionalBaseline-us-east-1', {
          region: 'us-east-1',
          resources: provider('https://TOKEN.actions.githubusercontent.com'),
        }),
      ),
    ).toEqual([
      'IAM OIDC provider https://token.actions.githubusercontent.com is declared 2 times in account 444444444444: dev/Baseline Oidc, dev/RegionalBaseline-us-east-1 Oidc; IAM CreateOpenIDConnectProvider: one provider per URL per account (EntityAlreadyExists)',
    ]);
  });

  it('counts a GuardDuty detector declared natively and one created by a custom resource together', () => {
    expect(
      messages(
        stack('Security/GuardDuty', {
          resources: { Detector: { Type: 'AWS::GuardDuty::Detector', Properties: { Enable: true } } },
        }),
        stack('Security/Extra', { resources: call('GuardDuty', 'CreateDetector') }),
      ),
    ).toEqual([
      'GuardDuty detector is declared 2 times in account 444444444444 region ap-northeast-1: Security/Extra Call, Security/GuardDuty Detector; GuardDuty API reference, CreateDetector: "You can have only one detector per account per Region."',
    ]);
  });

  it('reports two Security Hub hubs in one account and region', () => {
    const hub = { Hub: { Type: 'AWS::SecurityHub::Hub', Properties: {} } };
    expect(
      messages(stack('Security/SecurityHub', { resources: hub }), stack('Security/Baseline', { resources: hub })),
    ).toEqual([
      'Security Hub (AWS::SecurityHub::Hub) is declared 2 times in account 444444444444 region ap-northeast-1: Security/Baseline Hub, Security/SecurityHub Hub; Security Hub is enabled once per account and Region (EnableSecurityHub fails with ResourceConflictException when it is already enabled)',
    ]);
  });

  it('reports the S3 account public access block declared in two regions of one account', () => {
    expect(
      messages(
        stack('dev/Baseline', { resources: call('S3Control', 'PutPublicAccessBlock') }),
        stack('dev/RegionalBaseline-us-east-1', {
          region: 'us-east-1',
          resources: call('S3Control', 'PutPublicAccessBlock'),
        }),
      ),
    ).toEqual([
      'S3 account-level public access block is declared 2 times in account 444444444444: dev/Baseline Call, dev/RegionalBaseline-us-east-1 Call; the S3 Control PutPublicAccessBlock setting is one per account, for every Region: two declarations overwrite each other and deleting one removes the setting',
    ]);
  });

  it('accepts EBS encryption by default declared once in each region', () => {
    expect(
      messages(
        stack('dev/Baseline', { resources: call('EC2', 'EnableEbsEncryptionByDefault') }),
        stack('dev/RegionalBaseline-us-east-1', {
          region: 'us-east-1',
          resources: call('EC2', 'EnableEbsEncryptionByDefault'),
        }),
      ),
    ).toEqual([]);
  });

  it('ignores custom resources that only read (GuardDuty ListDetectors)', () => {
    expect(
      messages(
        stack('Security/A', { resources: call('GuardDuty', 'ListDetectors') }),
        stack('Security/B', { resources: call('GuardDuty', 'ListDetectors') }),
      ),
    ).toEqual([]);
  });
});
