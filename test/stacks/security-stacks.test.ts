import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp, referencePlatform, stackAt, validate } from '../support/example';

const built = buildApp();
const guardDuty = Template.fromStack(stackAt(built, 'Security/GuardDuty'));
const securityHub = Template.fromStack(stackAt(built, 'Security/SecurityHub'));
const findings = Template.fromStack(stackAt(built, 'Security/Findings'));

/** The SDK call of a custom resource, with any reference (the detector ID) replaced by a marker. */
function sdkCall(type: string, field: 'Create' | 'Update'): Record<string, unknown> {
  const [resource] = Object.values(guardDuty.findResources(type));
  const value = resource.Properties[field];
  if (typeof value === 'string') return JSON.parse(value);
  const parts = value['Fn::Join'][1] as unknown[];
  return JSON.parse(parts.map((p) => (typeof p === 'string' ? p : 'DETECTOR')).join(''));
}

const detectorArn = {
  'Fn::Join': [
    '',
    [
      'arn:aws:guardduty:ap-northeast-1:222222222222:detector/',
      { 'Fn::GetAtt': [Match.stringLikeRegexp('^DetectorFindDetector'), 'DetectorIds.0'] },
    ],
  ],
};

describe('GuardDuty stack', () => {
  it("sets the delegated administrator's detector to S3, EBS malware, RDS login and runtime monitoring with ECS Fargate agent management", () => {
    expect(sdkCall('Custom::LandfallGuardDutyDetectorSettings', 'Create')).toEqual({
      service: 'GuardDuty',
      action: 'UpdateDetector',
      parameters: {
        DetectorId: 'DETECTOR',
        Enable: true,
        FindingPublishingFrequency: 'FIFTEEN_MINUTES',
        Features: [
          { Name: 'S3_DATA_EVENTS', Status: 'ENABLED' },
          { Name: 'EBS_MALWARE_PROTECTION', Status: 'ENABLED' },
          { Name: 'RDS_LOGIN_EVENTS', Status: 'ENABLED' },
          {
            Name: 'RUNTIME_MONITORING',
            Status: 'ENABLED',
            AdditionalConfiguration: [{ Name: 'ECS_FARGATE_AGENT_MANAGEMENT', Status: 'ENABLED' }],
          },
        ],
      },
      physicalResourceId: { id: 'GuardDutyDetectorSettings' },
    });
  });

  it('finds the detector that the delegated administrator designation created, instead of creating one', () => {
    guardDuty.resourceCountIs('AWS::GuardDuty::Detector', 0);
    expect(sdkCall('Custom::LandfallGuardDutyDetector', 'Create')).toMatchObject({
      service: 'GuardDuty',
      action: 'ListDetectors',
    });
  });

  it('turns the same protections on for every account of the organization', () => {
    expect(sdkCall('Custom::LandfallGuardDutyOrganizationConfiguration', 'Create')).toEqual({
      service: 'GuardDuty',
      action: 'UpdateOrganizationConfiguration',
      parameters: {
        DetectorId: 'DETECTOR',
        AutoEnableOrganizationMembers: 'ALL',
        Features: [
          { Name: 'S3_DATA_EVENTS', AutoEnable: 'ALL' },
          { Name: 'EBS_MALWARE_PROTECTION', AutoEnable: 'ALL' },
          { Name: 'RDS_LOGIN_EVENTS', AutoEnable: 'ALL' },
          {
            Name: 'RUNTIME_MONITORING',
            AutoEnable: 'ALL',
            AdditionalConfiguration: [{ Name: 'ECS_FARGATE_AGENT_MANAGEMENT', AutoEnable: 'ALL' }],
          },
        ],
      },
      physicalResourceId: { id: 'GuardDutyOrganizationConfiguration' },
    });
  });

  it.each(['Custom::LandfallGuardDutyDetectorSettings', 'Custom::LandfallGuardDutyOrganizationConfiguration'])(
    '%s repeats the same call on update and makes none on delete',
    (type) => {
      const [resource] = Object.values(guardDuty.findResources(type));
      expect(sdkCall(type, 'Update')).toEqual(sdkCall(type, 'Create'));
      expect(resource.Properties.Delete).toBeUndefined();
    },
  );

  it('lets the organization call act on this detector only', () => {
    guardDuty.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{ Effect: 'Allow', Action: 'guardduty:UpdateOrganizationConfiguration', Resource: detectorArn }],
      },
    });
  });

  it('lets the settings call update this detector and create only the malware protection service-linked role', () => {
    guardDuty.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          { Effect: 'Allow', Action: 'guardduty:UpdateDetector', Resource: detectorArn },
          {
            Effect: 'Allow',
            Action: 'iam:CreateServiceLinkedRole',
            Condition: { StringEquals: { 'iam:AWSServiceName': 'malware-protection.guardduty.amazonaws.com' } },
            Resource: 'arn:aws:iam::222222222222:role/aws-service-role/malware-protection.guardduty.amazonaws.com/*',
          },
        ],
      },
    });
  });

  it('runs the custom resources as the configurator role the guardrails expect', () => {
    guardDuty.hasResourceProperties('AWS::IAM::Role', { RoleName: 'landfall-guardduty-configurator' });
    guardDuty.hasResourceProperties('AWS::Lambda::Function', {
      Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DetectorRole'), 'Arn'] },
    });
  });
});

describe('SecurityHub stack', () => {
  it('switches the organization to central configuration after the finding aggregator exists', () => {
    securityHub.hasResource('AWS::SecurityHub::OrganizationConfiguration', {
      Properties: { ConfigurationType: 'CENTRAL', AutoEnable: false, AutoEnableStandards: 'NONE' },
      DependsOn: [Match.stringLikeRegexp('FindingAggregator')],
    });
  });

  it('aggregates findings of the other allowed regions', () => {
    securityHub.hasResourceProperties('AWS::SecurityHub::FindingAggregator', {
      RegionLinkingMode: 'SPECIFIED_REGIONS',
      Regions: ['us-east-1'],
    });
  });

  it('aggregates no region when the home region is the only allowed one', () => {
    const p = referencePlatform();
    p.allowedRegions = ['ap-northeast-1'];
    const t = Template.fromStack(stackAt(buildApp({ model: validate(p) }), 'Security/SecurityHub'));
    t.hasResourceProperties('AWS::SecurityHub::FindingAggregator', {
      RegionLinkingMode: 'NO_REGIONS',
      Regions: Match.absent(),
    });
  });

  it('enables Foundational Security Best Practices and CIS 3.0.0 with the configured controls off', () => {
    securityHub.hasResourceProperties('AWS::SecurityHub::ConfigurationPolicy', {
      ConfigurationPolicy: {
        SecurityHub: {
          ServiceEnabled: true,
          EnabledStandardIdentifiers: [
            'arn:aws:securityhub:ap-northeast-1::standards/aws-foundational-security-best-practices/v/1.0.0',
            'arn:aws:securityhub:ap-northeast-1::standards/cis-aws-foundations-benchmark/v/3.0.0',
          ],
          SecurityControlsConfiguration: { DisabledSecurityControlIdentifiers: ['IAM.6', 'Macie.1'] },
        },
      },
    });
  });

  it('keeps the reason of every disabled control next to the policy', () => {
    const [policy] = Object.values(securityHub.findResources('AWS::SecurityHub::ConfigurationPolicy'));
    expect(Object.keys(policy.Metadata['landfall:disabled-controls'])).toEqual(['IAM.6', 'Macie.1']);
  });

  it('takes the CIS version from the config', () => {
    const p = referencePlatform();
    p.securityHub = { cisVersion: '1.4.0' };
    const t = Template.fromStack(stackAt(buildApp({ model: validate(p) }), 'Security/SecurityHub'));
    t.hasResourceProperties('AWS::SecurityHub::ConfigurationPolicy', {
      ConfigurationPolicy: {
        SecurityHub: {
          EnabledStandardIdentifiers: Match.arrayWith([
            'arn:aws:securityhub:ap-northeast-1::standards/cis-aws-foundations-benchmark/v/1.4.0',
          ]),
        },
      },
    });
  });

  it('associates the policy with the organization root', () => {
    securityHub.hasResourceProperties('AWS::SecurityHub::PolicyAssociation', {
      TargetType: 'ROOT',
      TargetId: 'r-exmp',
      ConfigurationPolicyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('Policy'), 'Id'] },
    });
  });
});

describe('Findings stack', () => {
  const topic = { Ref: Match.stringLikeRegexp('^NotificationsTopic') };

  it('sends GuardDuty findings of severity 7 or more to the security topic', () => {
    findings.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.guardduty'],
        'detail-type': ['GuardDuty Finding'],
        detail: { severity: [{ numeric: ['>=', 7] }] },
      },
      Targets: [Match.objectLike({ Arn: topic })],
    });
  });

  it('sends new, active CRITICAL and HIGH Security Hub findings to the security topic', () => {
    findings.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.securityhub'],
        'detail-type': ['Security Hub Findings - Imported'],
        detail: {
          findings: {
            Severity: { Label: ['CRITICAL', 'HIGH'] },
            Workflow: { Status: ['NEW'] },
            RecordState: ['ACTIVE'],
          },
        },
      },
      Targets: [Match.objectLike({ Arn: topic })],
    });
  });

  it('encrypts the topic with its own key that EventBridge may use', () => {
    findings.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^NotificationsKey'), 'Arn'] },
    });
    findings.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'events.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
  });

  it('subscribes every notification email of the config', () => {
    findings.resourceCountIs('AWS::SNS::Subscription', 1);
    findings.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'platform-alerts@example.com',
      TopicArn: topic,
    });
  });

  it('accepts only TLS publishes', () => {
    findings.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });
});
