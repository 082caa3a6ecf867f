import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge';

export interface LogBucketLifecycle {
  /**
   * Days after creation before objects move to Standard-IA.
   * @default never
   */
  readonly infrequentAccessAfterDays?: number;
  /**
   * Days after creation before objects move to Glacier Flexible Retrieval.
   * @default never
   */
  readonly archiveAfterDays?: number;
  /** Days after creation before objects are deleted. */
  readonly expireAfterDays: number;
  /** Days a replaced or deleted version is kept. */
  readonly noncurrentVersionExpireAfterDays: number;
}

export interface LogBucketProps {
  /**
   * Bucket name; writers in other accounts find the bucket by it.
   * @default a generated name
   */
  readonly bucketName?: string;
  /** When objects change storage class and expire. */
  readonly lifecycle: LogBucketLifecycle;
  /**
   * Bucket that receives this bucket's server access logs.
   * @default none: this bucket is itself the access-log target (its own access is not logged)
   */
  readonly serverAccessLogsBucket?: s3.IBucket;
  /**
   * S3 Object Lock in governance mode with this default retention: no version can be deleted or overwritten
   * before it ends without `s3:BypassGovernanceRetention`. Only for a new bucket: CloudFormation replaces a bucket
   * whose `ObjectLockEnabled` changes. A bucket with Object Lock cannot receive server access logs.
   * @default no Object Lock
   */
  readonly objectLockRetention?: Duration;
}

/**
 * A bucket for logs that other accounts and services write: versioned, encrypted with S3-managed keys (the only
 * encryption every AWS log writer supports; ALB access logs require it), TLS only, no ACLs, no public access,
 * lifecycle to cheaper storage then expiry, retained when the stack is deleted. Writers are admitted with the
 * `allow*` methods.
 */
export class LogBucket extends Construct {
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: LogBucketProps) {
    super(scope, id);
    const { lifecycle } = props;
    const transitions: s3.Transition[] = [
      ...(lifecycle.infrequentAccessAfterDays !== undefined
        ? [
            {
              storageClass: s3.StorageClass.INFREQUENT_ACCESS,
              transitionAfter: Duration.days(lifecycle.infrequentAccessAfterDays),
            },
          ]
        : []),
      ...(lifecycle.archiveAfterDays !== undefined
        ? [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(lifecycle.archiveAfterDays) }]
        : []),
    ];
    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      versioned: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: props.serverAccessLogsBucket,
      serverAccessLogsPrefix: props.serverAccessLogsBucket ? `${props.bucketName ?? id}/` : undefined,
      objectLockEnabled: props.objectLockRetention !== undefined ? true : undefined,
      objectLockDefaultRetention:
        props.objectLockRetention !== undefined
          ? s3.ObjectLockRetention.governance(props.objectLockRetention)
          : undefined,
      lifecycleRules: [
        {
          id: 'TransitionThenExpire',
          transitions,
          expiration: Duration.days(lifecycle.expireAfterDays),
          noncurrentVersionExpiration: Duration.days(lifecycle.noncurrentVersionExpireAfterDays),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });
    acknowledge(this.bucket, {
      'NIST.800.53.R5-S3BucketReplicationEnabled':
        'Log buckets keep one copy in the home region, versioned and retained; cross-region replication would double log storage for an availability need logs do not have',
      'NIST.800.53.R5-S3DefaultEncryptionKMS':
        'AWS log writers require or assume SSE-S3 (ALB access logs accept nothing else); CloudTrail log files arrive encrypted with the trail KMS key anyway',
      'guard:s3_bucket_default_encryption_kms_check':
        'CT.S3.PR.10: AWS log writers require or assume SSE-S3 (ALB access logs accept nothing else); CloudTrail log files arrive encrypted with the trail KMS key',
      'guard:s3_event_notifications_enabled_check':
        'CT.S3.PR.3: nothing consumes object-created events of log files; readers query by prefix (Athena) and alerting comes from GuardDuty and Security Hub',
    });
    if (props.objectLockRetention === undefined) {
      acknowledge(this.bucket, {
        'guard:s3_bucket_object_lock_enabled_check':
          'CT.S3.PR.6: Object Lock is off for this bucket (the server access log target, or logArchive.objectLock.enabled false for a bucket created before); the landfall-protect-logs-and-baseline SCP denies deleting versions',
      });
    }
    if (!props.serverAccessLogsBucket) {
      acknowledge(this.bucket, {
        'guard:s3_bucket_logging_enabled_check':
          'CT.S3.PR.4: this bucket is the server access log target of the other log buckets; logging its own access would log into itself',
      });
    }
  }

  /**
   * Let the organization trail write: CloudTrail, for the one trail ARN, under `AWSLogs/<management>/` and
   * `AWSLogs/<organization>/`.
   */
  public allowOrganizationTrail(trailArn: string, managementAccountId: string, organizationId: string): void {
    const cloudtrail = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
    const fromTrail = { StringEquals: { 'aws:SourceArn': trailArn } };
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailAclCheck',
        principals: [cloudtrail],
        actions: ['s3:GetBucketAcl'],
        resources: [this.bucket.bucketArn],
        conditions: fromTrail,
      }),
    );
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailWrite',
        principals: [cloudtrail],
        actions: ['s3:PutObject'],
        resources: [
          this.bucket.arnForObjects(`AWSLogs/${managementAccountId}/*`),
          this.bucket.arnForObjects(`AWSLogs/${organizationId}/*`),
        ],
        conditions: { StringEquals: { 'aws:SourceArn': trailArn, 's3:x-amz-acl': 'bucket-owner-full-control' } },
      }),
    );
  }

  /**
   * Let AWS Config of the organization's accounts deliver, each under its own `AWSLogs/<account>/Config/` prefix,
   * as the Config Developer Guide requires ("Permissions for the Amazon S3 Bucket for the AWS Config Delivery
   * Channel"): Config "first attempts to use the IAM role, but this attempt fails if the access policy for the
   * bucket does not grant WRITE access to the IAM role. In this event, AWS Config sends the information again, this
   * time as the AWS Config service principal", and as the service principal it "won't work with organization ID or
   * organization units based conditions". So two sets of statements:
   * - the recorder role `roleName` of any account whose `aws:PrincipalOrgID` is the organization: GetBucketAcl and
   *   ListBucket (the existence check) on the bucket, PutObject and PutObjectAcl with `bucket-owner-full-control`
   *   under its own account's prefix;
   * - `config.amazonaws.com` for each of `accountIds`, with `aws:SourceAccount` (the guide's recommended condition):
   *   the same bucket checks, and PutObject under that account's prefix only.
   * The bucket enforces bucket-owner object ownership, which still accepts the `bucket-owner-full-control` ACL.
   */
  public allowConfigDelivery(organizationId: string, roleName: string, accountIds: readonly string[]): void {
    const fromOrgRole = {
      StringEquals: { 'aws:PrincipalOrgID': organizationId },
      ArnLike: { 'aws:PrincipalArn': `arn:*:iam::*:role/${roleName}` },
    };
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ConfigAclCheck',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: fromOrgRole,
      }),
    );
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ConfigWriteOwnPrefix',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject', 's3:PutObjectAcl'],
        resources: [this.bucket.arnForObjects('AWSLogs/${aws:PrincipalAccount}/Config/*')],
        conditions: {
          ...fromOrgRole,
          StringEquals: { ...fromOrgRole.StringEquals, 's3:x-amz-acl': 'bucket-owner-full-control' },
        },
      }),
    );
    if (accountIds.length === 0) return;
    const config = new iam.ServicePrincipal('config.amazonaws.com');
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ConfigServiceAclCheck',
        principals: [config],
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: { StringEquals: { 'aws:SourceAccount': [...accountIds] } },
      }),
    );
    for (const accountId of accountIds) {
      this.bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: `ConfigServiceWrite${accountId}`,
          principals: [config],
          actions: ['s3:PutObject'],
          resources: [this.bucket.arnForObjects(`AWSLogs/${accountId}/Config/*`)],
          conditions: {
            StringEquals: { 'aws:SourceAccount': accountId, 's3:x-amz-acl': 'bucket-owner-full-control' },
          },
        }),
      );
    }
  }

  /**
   * Let Elastic Load Balancing deliver access logs of the given accounts (with or without a key prefix).
   * `writer` is the region's ELB account, or the `logdelivery.elasticloadbalancing.amazonaws.com` service in
   * regions opened since August 2022.
   */
  public allowLoadBalancerLogs(writer: iam.IPrincipal, accountIds: readonly string[]): void {
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'LoadBalancerAccessLogs',
        principals: [writer],
        actions: ['s3:PutObject'],
        resources: accountIds.map((id) => this.bucket.arnForObjects(`*AWSLogs/${id}/*`)),
      }),
    );
  }
}
