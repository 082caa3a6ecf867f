import { Match, Template } from 'aws-cdk-lib/assertions';
import { organizationTrailArn } from '../../lib/plan/security-services';
import { buildApp, referenceModel, stackAt } from '../support/example';
import type { TrailStack } from '../../lib/stacks/trail-stack';

const model = referenceModel();
const built = buildApp({ model });
const stack = stackAt(built, 'Org/Trail') as TrailStack;
const template = Template.fromStack(stack);

describe('Trail stack', () => {
  it('is termination-protected in the management account and home region', () => {
    expect([stack.terminationProtection, stack.account, stack.region]).toEqual([
      true,
      '111111111111',
      'ap-northeast-1',
    ]);
  });

  it('logs the whole organization, every region, with log file validation, to the log-archive CloudTrail bucket', () => {
    template.hasResourceProperties('AWS::CloudTrail::Trail', {
      TrailName: 'landfall-organization',
      IsOrganizationTrail: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      IsLogging: true,
      S3BucketName: 'acme-landfall-cloudtrail-333333333333-ap-northeast-1',
      KMSKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrganizationTrailKey'), 'Arn'] },
    });
  });

  it('has the ARN the CloudTrail bucket policy admits', () => {
    expect(stack.resolve(stack.trail.trailArn)).toBe(organizationTrailArn(model));
  });

  it('lets CloudTrail use the key for this trail only, and rotates it', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'CloudTrailEncryptsThisTrail',
            Principal: { Service: 'cloudtrail.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceArn': organizationTrailArn(model) } },
          }),
        ]),
      },
    });
  });

  it('lets the log-archive and security accounts decrypt trail logs', () => {
    const [key] = Object.values(template.findResources('AWS::KMS::Key'));
    const readers = key.Properties.KeyPolicy.Statement.find(
      (st: { Sid?: string }) => st.Sid === 'LogReadersDecryptTrailLogs',
    );
    expect(readers.Action).toBe('kms:Decrypt');
    expect([...readers.Principal.AWS].sort()).toEqual([
      'arn:aws:iam::222222222222:root',
      'arn:aws:iam::333333333333:root',
    ]);
  });

  it('copies events to an encrypted log group kept as configured', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/landfall/organization-trail',
      RetentionInDays: 365,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrganizationTrailKey'), 'Arn'] },
    });
  });

  it('retains the key and the log group', () => {
    for (const type of ['AWS::KMS::Key', 'AWS::Logs::LogGroup']) {
      for (const r of Object.values(template.findResources(type))) expect(r.DeletionPolicy).toBe('Retain');
    }
  });
});

describe('the organization trail key, watched (SCPs do not apply to the management account)', () => {
  const tmpl = template;
  const keyId = Object.keys(tmpl.findResources('AWS::KMS::Key')).find((id) => id.startsWith('OrganizationTrail'));

  it('sends ScheduleKeyDeletion, DisableKey, DisableKeyRotation and PutKeyPolicy on the trail key to a topic', () => {
    tmpl.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.kms'],
        'detail-type': ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['kms.amazonaws.com'],
          eventName: ['DisableKey', 'DisableKeyRotation', 'PutKeyPolicy', 'ScheduleKeyDeletion'],
          resources: { ARN: [{ 'Fn::GetAtt': [keyId, 'Arn'] }] },
        },
      },
      Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^KeyChangesTopic') } })],
    });
  });

  it('emails the notification addresses from a topic named for it', () => {
    tmpl.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'landfall-organization-trail-key-changes' });
    tmpl.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email' });
  });

  it('lets EventBridge publish on behalf of the management account only', () => {
    tmpl.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'sns:Publish',
            Principal: { Service: 'events.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
          }),
        ]),
      },
    });
  });
});
