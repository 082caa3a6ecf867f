import type { StackProps } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { SecurityFindingsNotifications } from '../../constructs/security-findings-notifications';

export interface FindingsStackProps extends StackProps {
  /** Who receives the findings by email. */
  readonly emails: readonly string[];
  /** @default 7 */
  readonly guardDutyMinSeverity?: number;
  /** The home region (this stack's): its GuardDuty findings notify directly, the linked regions' through Security Hub. */
  readonly homeRegion: string;
}

/** High-severity GuardDuty and Security Hub findings of the whole organization, by email. */
export class FindingsStack extends Stack {
  public readonly notifications: SecurityFindingsNotifications;

  constructor(scope: Construct, id: string, props: FindingsStackProps) {
    super(scope, id, props);
    this.notifications = new SecurityFindingsNotifications(this, 'Notifications', {
      emails: props.emails,
      guardDutyMinSeverity: props.guardDutyMinSeverity,
      homeRegion: props.homeRegion,
    });
  }
}
