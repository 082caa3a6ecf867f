import type { StackProps } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { GUARDDUTY_FEATURES, GuardDutyDetector } from '../../constructs/guardduty-detector';
import { GuardDutyOrganizationAutoEnable } from '../../constructs/guardduty-organization-auto-enable';

export interface GuardDutyStackProps extends StackProps {
  /** @default 'FIFTEEN_MINUTES' */
  readonly findingPublishingFrequency?: 'FIFTEEN_MINUTES' | 'ONE_HOUR' | 'SIX_HOURS';
}

/**
 * GuardDuty in the delegated administrator (security) account: its detector with every protection plan landfall
 * uses, and the organization configuration that turns the same plans on in every member account.
 */
export class GuardDutyStack extends Stack {
  public readonly detector: GuardDutyDetector;

  constructor(scope: Construct, id: string, props: GuardDutyStackProps = {}) {
    super(scope, id, props);
    this.detector = new GuardDutyDetector(this, 'Detector', { findingPublishingFrequency: props.findingPublishingFrequency });
    new GuardDutyOrganizationAutoEnable(this, 'OrganizationAutoEnable', { detectorId: this.detector.detectorId, features: GUARDDUTY_FEATURES });
  }
}
