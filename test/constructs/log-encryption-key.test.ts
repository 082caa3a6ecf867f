import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { LogEncryptionKey } from '../../constructs/log-encryption-key';
import { CDK_JSON_CONTEXT } from '../support/example';

function build() {
  const app = new App({ context: CDK_JSON_CONTEXT });
  const stack = new Stack(app, 'Keys', { env: { account: '123456789012', region: 'ap-northeast-1' } });
  new LogEncryptionKey(stack, 'LogKey', { description: 'logs' });
  return Template.fromStack(stack);
}

describe('LogEncryptionKey', () => {
  const template = build();

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

  it('denies KMS grants that are not for AWS resources', () => {
    const keys = Object.values(template.findResources('AWS::KMS::Key'));
    expect(keys).toHaveLength(1);
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
