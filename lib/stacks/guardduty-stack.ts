import type { StackProps } from 'aws-cdk-lib';
import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { GUARDDUTY_FEATURES, GuardDutyDetectorSettings } from '../../constructs/guardduty-detector-settings';
import { GuardDutyOrganizationAutoEnable } from '../../constructs/guardduty-organization-auto-enable';

export interface GuardDutyStackProps extends StackProps {
  /** @default 'FIFTEEN_MINUTES' */
  readonly findingPublishingFrequency?: 'FIFTEEN_MINUTES' | 'ONE_HOUR' | 'SIX_HOURS';
  /** Name of the role that configures GuardDuty during deployments (exempt from the GuardDuty guardrail). */
  readonly configuratorRoleName: string;
}

/**
 * GuardDuty in the delegated administrator (security) account: its detector with every protection plan landfall
 * uses, and the organization configuration that turns the same plans on in every member account.
 */
export class GuardDutyStack extends Stack {
  public readonly detector: GuardDutyDetectorSettings;

  constructor(scope: Construct, id: string, props: GuardDutyStackProps) {
    super(scope, id, props);
    this.detector = new GuardDutyDetectorSettings(this, 'Detector', {
      features: GUARDDUTY_FEATURES,
      findingPublishingFrequency: props.findingPublishingFrequency,
      roleName: props.configuratorRoleName,
    });
    const autoEnable = new GuardDutyOrganizationAutoEnable(this, 'OrganizationAutoEnable', {
      detectorId: this.detector.detectorId,
      features: GUARDDUTY_FEATURES,
      role: this.detector.role,
    });
    autoEnable.resource.node.addDependency(this.detector.settings);
    new CfnOutput(this, 'DetectorId', {
      value: this.detector.detectorId,
      description: 'GuardDuty detector of the delegated administrator',
    });
  }
}
