import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { SecretRotation } from '../../constructs/secret-rotation';
import { buildApp, referencePlatform, referenceServices, stackAt, validate } from '../support/example';

const env = { account: '444444444444', region: 'ap-northeast-1' };
const functionArn = {
  'Fn::Join': [
    '',
    ['arn:', { Ref: 'AWS::Partition' }, ':lambda:ap-northeast-1:444444444444:function:rotate-stripe-key'],
  ],
};

function rotated(secret: (stack: Stack) => secretsmanager.ISecret): Template {
  const stack = new Stack(new App(), 'Service', { env });
  new SecretRotation(stack, 'Rotation', { secret: secret(stack), functionName: 'rotate-stripe-key', everyDays: 30 });
  return Template.fromStack(stack);
}

describe('SecretRotation', () => {
  const byName = rotated((s) => secretsmanager.Secret.fromSecretNameV2(s, 'S', 'api/stripe-key'));

  it("schedules the team's function in the stack's account every N days, without rotating on deploy", () => {
    byName.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      RotationLambdaARN: functionArn,
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
      RotateImmediatelyOnUpdate: false,
    });
  });

  it('names a secret given by name through its partial ARN, and a complete ARN as it is', () => {
    byName.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      SecretId: {
        'Fn::Join': [
          '',
          ['arn:', { Ref: 'AWS::Partition' }, ':secretsmanager:ap-northeast-1:444444444444:secret:api/stripe-key'],
        ],
      },
    });
    const arn = 'arn:aws:secretsmanager:ap-northeast-1:444444444444:secret:api/stripe-key-AbCdEf';
    rotated((s) => secretsmanager.Secret.fromSecretCompleteArn(s, 'S', arn)).hasResourceProperties(
      'AWS::SecretsManager::RotationSchedule',
      { SecretId: arn },
    );
  });

  it('lets Secrets Manager invoke the function for this account only, before the schedule exists', () => {
    byName.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: functionArn,
      Principal: 'secretsmanager.amazonaws.com',
      SourceAccount: '444444444444',
    });
    const [permission] = Object.keys(byName.findResources('AWS::Lambda::Permission'));
    byName.hasResource('AWS::SecretsManager::RotationSchedule', { DependsOn: Match.arrayWith([permission]) });
  });
});

describe('secretRotation in a service config', () => {
  const services = referenceServices();
  Object.assign(services.api, {
    secretRotation: { API_TOKEN_SECRET: { function: 'rotate-api-token', everyDays: 30 } },
  });
  const built = buildApp({ model: validate(referencePlatform(), services) });

  it("rotates the service's secret in every environment with the function of that environment's account", () => {
    for (const [environment, account] of [
      ['dev', '444444444444'],
      ['prod', '666666666666'],
    ]) {
      Template.fromStack(stackAt(built, `${environment}/Service-api`)).hasResourceProperties(
        'AWS::SecretsManager::RotationSchedule',
        {
          SecretId: `arn:aws:secretsmanager:ap-northeast-1:${account}:secret:acme/api/token`,
          RotationLambdaARN: `arn:aws:lambda:ap-northeast-1:${account}:function:rotate-api-token`,
          RotationRules: { ScheduleExpression: 'rate(30 days)' },
        },
      );
    }
  });

  it('adds none to a service whose config names none (jobs)', () => {
    Template.fromStack(stackAt(built, 'prod/Service-jobs')).resourceCountIs('AWS::SecretsManager::RotationSchedule', 0);
  });
});
