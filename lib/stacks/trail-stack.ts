import type { StackProps } from 'aws-cdk-lib';
import { CfnOutput, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { OrganizationTrail } from '../../constructs/organization-trail';

export interface TrailStackProps extends StackProps {
  /** Name of the organization trail. */
  readonly trailName: string;
  /** The CloudTrail bucket of the log-archive account; its policy must admit this trail before deployment. */
  readonly bucketName: string;
  /** Accounts whose principals may decrypt the log files. */
  readonly readerAccountIds: readonly string[];
  /** Log group of the CloudWatch Logs copy, and its retention in days. */
  readonly logGroupName: string;
  /** Retention of that log group, in days (a CloudWatch Logs retention value). */
  readonly logGroupRetentionDays: number;
}

/** The organization trail in the management account, delivering to the log-archive bucket. */
export class TrailStack extends Stack {
  public readonly trail: OrganizationTrail;

  constructor(scope: Construct, id: string, props: TrailStackProps) {
    super(scope, id, props);
    this.trail = new OrganizationTrail(this, 'OrganizationTrail', {
      trailName: props.trailName,
      bucketName: props.bucketName,
      readerAccountIds: props.readerAccountIds,
      logGroupName: props.logGroupName,
      logGroupRetentionDays: props.logGroupRetentionDays,
    });
    new CfnOutput(this, 'TrailKeyArn', {
      value: this.trail.key.keyArn,
      description: 'KMS key that encrypts the organization trail logs',
    });
  }
}
