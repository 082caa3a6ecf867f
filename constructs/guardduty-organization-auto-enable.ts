import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge';
import { acknowledgeCustomResourceProvider } from './custom-resource-provider-findings';

export interface GuardDutyOrganizationAutoEnableProps {
  /** Detector of the delegated administrator account (this account), in this region. */
  readonly detectorId: string;
  /** Protection plans to turn on in every member account, with their additional configuration names. */
  readonly features: ReadonlyArray<{ readonly name: string; readonly additional?: readonly string[] }>;
  /**
   * Role of the stack's custom resource provider (shared by every AwsCustomResource of the stack).
   * @default a role created by AwsCustomResource
   */
  readonly role?: iam.IRole;
}

/**
 * Turn GuardDuty and the given protection plans on for every account of the organization, existing and new
 * (`UpdateOrganizationConfiguration` with `ALL`). The call sets the whole configuration, so repeating it is
 * harmless; it runs on create and on every change. Deleting the stack leaves the organization configuration as it
 * is: detection is never switched off by a deployment. The provider may call only this action on this detector.
 */
export class GuardDutyOrganizationAutoEnable extends Construct {
  public readonly resource: cr.AwsCustomResource;

  constructor(scope: Construct, id: string, props: GuardDutyOrganizationAutoEnableProps) {
    super(scope, id);
    const { partition, region, account } = Stack.of(this);
    const detectorArn = `arn:${partition}:guardduty:${region}:${account}:detector/${props.detectorId}`;
    const call: cr.AwsSdkCall = {
      service: 'GuardDuty',
      action: 'UpdateOrganizationConfiguration',
      parameters: {
        DetectorId: props.detectorId,
        AutoEnableOrganizationMembers: 'ALL',
        Features: props.features.map((f) => ({
          Name: f.name,
          AutoEnable: 'ALL',
          ...(f.additional
            ? { AdditionalConfiguration: f.additional.map((name) => ({ Name: name, AutoEnable: 'ALL' })) }
            : {}),
        })),
      },
      physicalResourceId: cr.PhysicalResourceId.of('GuardDutyOrganizationConfiguration'),
    };
    this.resource = new cr.AwsCustomResource(this, 'Call', {
      resourceType: 'Custom::LandfallGuardDutyOrganizationConfiguration',
      onCreate: call,
      onUpdate: call,
      installLatestAwsSdk: false,
      role: props.role,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['guardduty:UpdateOrganizationConfiguration'], resources: [detectorArn] }),
      ]),
    });
    acknowledge(this.resource, {
      'NIST.800.53.R5-IAMNoInlinePolicy':
        'AwsCustomResource attaches its call permission inline to its own provider role; it grants only guardduty:UpdateOrganizationConfiguration on this detector',
    });
    acknowledgeCustomResourceProvider(this);
  }
}
