import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AlarmTopic } from '../../constructs/alarm-topic';
import { LogEncryptionKey } from '../../constructs/log-encryption-key';
import { CDK_JSON_CONTEXT } from '../support/example';

function build() {
  const app = new App({ context: CDK_JSON_CONTEXT });
  const stack = new Stack(app, 'Keys', { env: { account: '123456789012', region: 'ap-northeast-1' } });
  new AlarmTopic(stack, 'Alarms', { displayName: 'landfall dev alarms', emails: ['oncall@example.com'] });
  new LogEncryptionKey(stack, 'LogKey', { description: 'logs' });
  return Template.fromStack(stack);
}

describe('AlarmTopic and LogEncryptionKey', () => {
  const template = build();

  it('encrypts the alarm topic with a rotated customer-managed key', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('AlarmsKey'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      Description: 'Encrypts notifications of landfall dev alarms',
    });
  });

  it('lets CloudWatch alarms and EventBridge publish through the key', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Principal: { Service: ['cloudwatch.amazonaws.com', 'events.amazonaws.com'] },
          }),
        ]),
      },
    });
  });

  it('accepts publishing over TLS only', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('subscribes the given email addresses', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com' });
  });

  it('lets CloudWatch Logs use the log key for log groups of this account and region only', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      Description: 'logs',
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'logs.ap-northeast-1.amazonaws.com' },
            Condition: {
              ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:ap-northeast-1:123456789012:log-group:*' },
            },
          }),
        ]),
      },
    });
  });

  it('denies KMS grants that are not for AWS resources on both keys', () => {
    const keys = Object.values(template.findResources('AWS::KMS::Key'));
    expect(keys).toHaveLength(2);
    for (const key of keys) {
      expect(key.Properties.KeyPolicy.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 'kms:CreateGrant',
          Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
        }),
      );
    }
  });
});
