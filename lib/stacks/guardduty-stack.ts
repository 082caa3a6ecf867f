import type { StackProps } from 'aws-cdk-lib';
import { CfnOutput, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { GUARDDUTY_FEATURES, GuardDutyDetectorSettings } from '../../constructs/guardduty-detector-settings';
import { GuardDutyOrganizationAutoEnable } from '../../constructs/guardduty-organization-auto-enable';

export interface GuardDutyStackProps extends StackProps {
  /** @default 'FIFTEEN_MINUTES' */
  readonly findingPublishingFrequency?: 'FIFTEEN_MINUTES' | 'ONE_HOUR' | 'SIX_HOURS';
  /** Name of the role that configures GuardDuty during deployments (exempt from the GuardDuty guardrail). */
  readonly configuratorRoleName: string;
  /**
   * The configurator role already exists (created by the home region's GuardDuty stack; IAM is global): use it.
   * @default false: this stack creates it
   */
  readonly configuratorRoleExists?: boolean;
}

/**
 * GuardDuty in the delegated administrator (security) account, in one region: its detector with every protection
 * plan landfall uses, and the organization configuration that turns the same plans on in every member account.
 * Delegated administration and auto-enable are per region (GuardDuty user guide: designating the administrator
 * "allows the delegated administrator account to enable and manage GuardDuty for other accounts in the organization
 * in the current Region"), so there is one stack per allowed region.
 */
export class GuardDutyStack extends Stack {
  public readonly detector: GuardDutyDetectorSettings;

  constructor(scope: Construct, id: string, props: GuardDutyStackProps) {
    super(scope, id, props);
    this.detector = new GuardDutyDetectorSettings(this, 'Detector', {
      features: GUARDDUTY_FEATURES,
      findingPublishingFrequency: props.findingPublishingFrequency,
      roleName: props.configuratorRoleName,
      ...(props.configuratorRoleExists === true
        ? {
            role: iam.Role.fromRoleName(this, 'ConfiguratorRole', props.configuratorRoleName, {
              // The home stack's role carries the managed policy; this stack adds its own call permissions to it.
              mutable: true,
            }),
          }
        : {}),
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
