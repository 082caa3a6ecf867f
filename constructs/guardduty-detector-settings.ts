import { Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge';
import { acknowledgeCustomResourceProvider } from './custom-resource-provider-findings';

/** A GuardDuty protection plan and its additional configuration, as the detector and organization APIs name them. */
export interface GuardDutyFeature {
  /** Feature name, for example `RUNTIME_MONITORING`. */
  readonly name: string;
  /**
   * Additional configuration names turned on with it, for example `ECS_FARGATE_AGENT_MANAGEMENT`.
   * @default none
   */
  readonly additional?: readonly string[];
}

/** The plans landfall turns on: S3, EBS malware protection, RDS login events, runtime monitoring on ECS Fargate. */
export const GUARDDUTY_FEATURES: readonly GuardDutyFeature[] = [
  { name: 'S3_DATA_EVENTS' },
  { name: 'EBS_MALWARE_PROTECTION' },
  { name: 'RDS_LOGIN_EVENTS' },
  { name: 'RUNTIME_MONITORING', additional: ['ECS_FARGATE_AGENT_MANAGEMENT'] },
];

export interface GuardDutyDetectorSettingsProps {
  /** Protection plans to turn on. */
  readonly features: readonly GuardDutyFeature[];
  /**
   * How often updated findings are exported to EventBridge.
   * @default 'FIFTEEN_MINUTES'
   */
  readonly findingPublishingFrequency?: 'FIFTEEN_MINUTES' | 'ONE_HOUR' | 'SIX_HOURS';
  /**
   * Name of the role the custom resources run as; the SCP guardrails let this role (created only by deployments)
   * update the detector.
   */
  readonly roleName: string;
  /**
   * Run as this existing role instead of creating `roleName`: IAM roles are global, so the detector settings of
   * other regions reuse the role the home region's stack creates.
   * @default a new role named `roleName`
   */
  readonly role?: iam.IRole;
}

/**
 * The GuardDuty detector of the delegated administrator account, with the given protection plans on. Designating
 * the account as GuardDuty's delegated administrator creates its detector, so a CloudFormation detector would
 * collide with it: this construct finds that detector (`ListDetectors`) and sets its plans (`UpdateDetector`, the
 * whole configuration, so repeating it is harmless). Deleting the stack leaves the detector on.
 */
export class GuardDutyDetectorSettings extends Construct {
  /** The detector's ID, read at deployment. */
  public readonly detectorId: string;
  /** Role of the stack's custom resource provider: reuse it for every AwsCustomResource of the stack. */
  public readonly role: iam.IRole;
  /** The call that sets the detector's plans; organization settings should wait for it. */
  public readonly settings: cr.AwsCustomResource;

  constructor(scope: Construct, id: string, props: GuardDutyDetectorSettingsProps) {
    super(scope, id);
    const { partition, region, account } = Stack.of(this);
    if (props.role === undefined) {
      const role = new iam.Role(this, 'Role', {
        roleName: props.roleName,
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: 'Configures the GuardDuty detector and organization settings during deployments',
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')],
      });
      acknowledge(role, {
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]':
          'AWSLambdaBasicExecutionRole only lets the provider write its own CloudWatch Logs; it is the AWS-maintained minimum for a Lambda function',
      });
      this.role = role;
    } else {
      this.role = props.role;
    }

    const find = new cr.AwsCustomResource(this, 'FindDetector', {
      resourceType: 'Custom::LandfallGuardDutyDetector',
      onCreate: {
        service: 'GuardDuty',
        action: 'ListDetectors',
        physicalResourceId: cr.PhysicalResourceId.of('GuardDutyDetector'),
      },
      onUpdate: {
        service: 'GuardDuty',
        action: 'ListDetectors',
        physicalResourceId: cr.PhysicalResourceId.of('GuardDutyDetector'),
      },
      installLatestAwsSdk: false,
      role: this.role,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['guardduty:ListDetectors'], resources: ['*'] }),
      ]),
    });
    this.detectorId = find.getResponseField('DetectorIds.0');
    acknowledge(find, {
      'AwsSolutions-IAM5[Resource::*]':
        'guardduty:ListDetectors lists the one detector of this account and region; IAM accepts it only with Resource "*"',
      'NIST.800.53.R5-IAMNoInlinePolicy':
        'AwsCustomResource attaches its call permission inline to the provider role; it grants only guardduty:ListDetectors',
    });

    const detectorArn = `arn:${partition}:guardduty:${region}:${account}:detector/${this.detectorId}`;
    const update: cr.AwsSdkCall = {
      service: 'GuardDuty',
      action: 'UpdateDetector',
      parameters: {
        DetectorId: this.detectorId,
        Enable: true,
        FindingPublishingFrequency: props.findingPublishingFrequency ?? 'FIFTEEN_MINUTES',
        Features: props.features.map((f) => ({
          Name: f.name,
          Status: 'ENABLED',
          ...(f.additional
            ? { AdditionalConfiguration: f.additional.map((name) => ({ Name: name, Status: 'ENABLED' })) }
            : {}),
        })),
      },
      physicalResourceId: cr.PhysicalResourceId.of('GuardDutyDetectorSettings'),
    };
    const malwareProtectionRole = `arn:${partition}:iam::${account}:role/aws-service-role/malware-protection.guardduty.amazonaws.com/*`;
    const configure = (this.settings = new cr.AwsCustomResource(this, 'Configure', {
      resourceType: 'Custom::LandfallGuardDutyDetectorSettings',
      onCreate: update,
      onUpdate: update,
      installLatestAwsSdk: false,
      role: this.role,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['guardduty:UpdateDetector'], resources: [detectorArn] }),
        new iam.PolicyStatement({
          actions: ['iam:CreateServiceLinkedRole'],
          resources: [malwareProtectionRole],
          conditions: { StringEquals: { 'iam:AWSServiceName': 'malware-protection.guardduty.amazonaws.com' } },
        }),
      ]),
    }));
    const nag = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
    acknowledge(configure, {
      [`AwsSolutions-IAM5[Resource::arn:${nag(partition, 'Partition')}:iam::${nag(account, 'AccountId')}:role/aws-service-role/malware-protection.guardduty.amazonaws.com/*]`]:
        'Enabling EBS malware protection creates its service-linked role, whose name AWS chooses; the wildcard stays under that one service path',
      'NIST.800.53.R5-IAMNoInlinePolicy':
        'AwsCustomResource attaches its call permission inline to the provider role; it grants only guardduty:UpdateDetector on this detector',
    });
    acknowledgeCustomResourceProvider(this);
  }
}
