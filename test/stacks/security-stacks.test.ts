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

describe('GuardDuty in every allowed region', () => {
  const regional = stackAt(built, 'Security/GuardDuty-us-east-1');
  const template = Template.fromStack(regional);

  // GuardDuty user guide: the designation "allows the delegated administrator account to enable and manage GuardDuty
  // for other accounts in the organization in the current Region": detector settings and auto-enable are per region.
  it('configures the detector and organization auto-enable of the security account in us-east-1', () => {
    expect([regional.account, regional.region, regional.terminationProtection]).toEqual([
      '222222222222',
      'us-east-1',
      true,
    ]);
    const types = Object.values(template.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type);
    expect(types).toEqual(
      expect.arrayContaining([
        'Custom::LandfallGuardDutyDetector',
        'Custom::LandfallGuardDutyDetectorSettings',
        'Custom::LandfallGuardDutyOrganizationConfiguration',
      ]),
    );
  });

  it('runs as the configurator role of the home stack instead of creating a second role of that name (IAM is global)', () => {
    expect(Object.values(template.findResources('AWS::IAM::Role')).map((r) => r.Properties.RoleName)).not.toContain(
      'landfall-guardduty-configurator',
    );
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: ['landfall-guardduty-configurator'],
      PolicyDocument: {
        Statement: [Match.objectLike({ Action: 'guardduty:UpdateOrganizationConfiguration' })],
      },
    });
  });
});

describe('SecurityHub stack', () => {
  // AWS::SecurityHub::Hub: "You must create an AWS::SecurityHub::Hub resource for an account before you can create
  // other types of Security Hub resources for the account through AWS CloudFormation."
  it('declares the hub of the delegated administrator without default standards and with consolidated control findings', () => {
    securityHub.hasResource('AWS::SecurityHub::Hub', {
      Properties: { EnableDefaultStandards: false, ControlFindingGenerator: 'SECURITY_CONTROL' },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  it('creates every other Security Hub resource after the hub', () => {
    const [hub] = Object.keys(securityHub.findResources('AWS::SecurityHub::Hub'));
    const resources = securityHub.toJSON().Resources as Record<string, { Type: string; DependsOn?: string[] }>;
    const others = Object.entries(resources).filter(
      ([, r]) => r.Type.startsWith('AWS::SecurityHub::') && r.Type !== 'AWS::SecurityHub::Hub',
    );
    expect(others.map(([, r]) => r.Type).sort()).toEqual([
      'AWS::SecurityHub::ConfigurationPolicy',
      'AWS::SecurityHub::FindingAggregator',
      'AWS::SecurityHub::OrganizationConfiguration',
      'AWS::SecurityHub::PolicyAssociation',
    ]);
    for (const [id, r] of others) expect([id, r.DependsOn ?? []]).toEqual([id, expect.arrayContaining([hub])]);
  });

  it('switches the organization to central configuration after the finding aggregator exists', () => {
    securityHub.hasResource('AWS::SecurityHub::OrganizationConfiguration', {
      Properties: { ConfigurationType: 'CENTRAL', AutoEnable: false, AutoEnableStandards: 'NONE' },
      DependsOn: Match.arrayWith([Match.stringLikeRegexp('FindingAggregator')]),
    });
  });

  it("turns off Config.1's service-linked role check: landfall records with its own role, in every region", () => {
    securityHub.hasResourceProperties('AWS::SecurityHub::ConfigurationPolicy', {
      ConfigurationPolicy: {
        SecurityHub: {
          SecurityControlsConfiguration: {
            SecurityControlCustomParameters: [
              {
                SecurityControlId: 'Config.1',
                Parameters: { includeConfigServiceLinkedRoleCheck: { ValueType: 'CUSTOM', Value: { Boolean: false } } },
              },
            ],
          },
        },
      },
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
          SecurityControlsConfiguration: Match.objectLike({
            DisabledSecurityControlIdentifiers: [
              'IAM.6',
              'Macie.1',
              'Inspector.1',
              'Inspector.2',
              'Inspector.3',
              'Inspector.4',
              'GuardDuty.5',
            ],
          }),
        },
      },
    });
  });

  it('keeps the reason of every disabled control next to the policy', () => {
    const [policy] = Object.values(securityHub.findResources('AWS::SecurityHub::ConfigurationPolicy'));
    expect(Object.keys(policy.Metadata['landfall:disabled-controls'])).toEqual([
      'IAM.6',
      'Macie.1',
      'Inspector.1',
      'Inspector.2',
      'Inspector.3',
      'Inspector.4',
      'GuardDuty.5',
    ]);
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

  it('sends new, active, failed CRITICAL and HIGH Security Hub control findings to the security topic', () => {
    findings.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.securityhub'],
        'detail-type': ['Security Hub Findings - Imported'],
        detail: {
          findings: {
            ProductName: ['Security Hub'],
            Compliance: { Status: ['FAILED'] },
            Severity: { Label: ['CRITICAL', 'HIGH'] },
            Workflow: { Status: ['NEW'] },
            RecordState: ['ACTIVE'],
          },
        },
      },
      Targets: [Match.objectLike({ Arn: topic })],
    });
  });

  it('sends GuardDuty findings of the linked regions through Security Hub, and leaves the home region to the GuardDuty rule', () => {
    findings.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({
        detail: {
          findings: Match.objectLike({ ProductName: ['GuardDuty'], Region: [{ 'anything-but': 'ap-northeast-1' }] }),
        },
      }),
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
