import type { StackProps } from 'aws-cdk-lib';
import type { Duration } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { LogBucketLifecycle } from '../../constructs/log-bucket';
import { LogBucket } from '../../constructs/log-bucket';

export interface LogBucketsStackProps extends StackProps {
  /** The organization (`o-...`) whose accounts may write. */
  readonly organizationId: string;
  /** The management account, owner of the organization trail. */
  readonly managementAccountId: string;
  /** Bucket names by kind, derived so writers in other accounts know them without lookups. */
  readonly bucketNames: { readonly cloudtrail: string; readonly config: string; readonly alb: string };
  /** Lifecycle of each log bucket. */
  readonly lifecycles: {
    readonly cloudtrail: LogBucketLifecycle;
    readonly config: LogBucketLifecycle;
    readonly alb: LogBucketLifecycle;
  };
  /** ARN of the organization trail (known before it exists). */
  readonly trailArn: string;
  /** Name of the AWS Config delivery role in every account. */
  readonly configRoleName: string;
  /** Every account of the organization whose AWS Config delivers here (the management account included). */
  readonly configAccountIds: readonly string[];
  /** Who writes load balancer access logs in this region (ELB account or log delivery service). */
  readonly loadBalancerLogWriter: iam.IPrincipal;
  /** Accounts whose load balancers may log here: the organization's accounts. */
  readonly memberAccountIds: readonly string[];
  /** Lifecycle of the server access logs of the three buckets. */
  readonly accessLogsLifecycle: LogBucketLifecycle;
  /**
   * Governance-mode Object Lock retention of the CloudTrail, Config and load balancer log buckets (never the server
   * access log bucket, which S3 does not let receive logs with Object Lock).
   * @default no Object Lock
   */
  readonly objectLockRetention?: Duration;
}

/** The central log buckets of the log-archive account: CloudTrail, Config and load balancer access logs. */
export class LogBucketsStack extends Stack {
  public readonly cloudtrail: LogBucket;
  public readonly config: LogBucket;
  public readonly alb: LogBucket;
  public readonly accessLogs: LogBucket;

  constructor(scope: Construct, id: string, props: LogBucketsStackProps) {
    super(scope, id, props);
    this.accessLogs = new LogBucket(this, 'AccessLogs', { lifecycle: props.accessLogsLifecycle });
    const accessLogs = this.accessLogs.bucket;

    this.cloudtrail = new LogBucket(this, 'CloudTrail', {
      bucketName: props.bucketNames.cloudtrail,
      lifecycle: props.lifecycles.cloudtrail,
      serverAccessLogsBucket: accessLogs,
      objectLockRetention: props.objectLockRetention,
    });
    this.cloudtrail.allowOrganizationTrail(props.trailArn, props.managementAccountId, props.organizationId);

    this.config = new LogBucket(this, 'Config', {
      bucketName: props.bucketNames.config,
      lifecycle: props.lifecycles.config,
      serverAccessLogsBucket: accessLogs,
      objectLockRetention: props.objectLockRetention,
    });
    this.config.allowConfigDelivery(props.organizationId, props.configRoleName, props.configAccountIds);

    this.alb = new LogBucket(this, 'Alb', {
      bucketName: props.bucketNames.alb,
      lifecycle: props.lifecycles.alb,
      serverAccessLogsBucket: accessLogs,
      objectLockRetention: props.objectLockRetention,
    });
    this.alb.allowLoadBalancerLogs(props.loadBalancerLogWriter, props.memberAccountIds);
  }
}
