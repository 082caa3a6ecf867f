import { RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge';
import { denyGrantsExceptForAwsServices } from './key-policies';

export interface OrganizationTrailProps {
  /** Trail name; the log bucket's policy admits this trail's ARN only. */
  readonly trailName: string;
  /** Bucket (usually in the log-archive account) that receives the logs; its policy must admit the trail first. */
  readonly bucketName: string;
  /** Accounts whose principals may decrypt the log files (the log-archive and security accounts). */
  readonly readerAccountIds: readonly string[];
  /** Name of the log group that receives a copy of the events for metric filters and quick queries. */
  readonly logGroupName: string;
  /** Days the CloudWatch Logs copy is kept (a CloudWatch Logs retention value). */
  readonly logGroupRetentionDays: number;
}

/**
 * The organization trail, in the management account: every account, every region, management events read and
 * write, log file validation on. Log files go to the central bucket, each encrypted with a KMS key of this account
 * that CloudTrail may use for this trail only; a copy goes to an encrypted log group with a short retention.
 */
export class OrganizationTrail extends Construct {
  public readonly trail: cloudtrail.CfnTrail;
  public readonly key: kms.Key;
  public readonly logGroup: logs.LogGroup;
  /** ARN of the trail, known before deployment (the log bucket's policy needs it). */
  public readonly trailArn: string;

  constructor(scope: Construct, id: string, props: OrganizationTrailProps) {
    super(scope, id);
    const { account, region, partition } = Stack.of(this);
    this.trailArn = `arn:${partition}:cloudtrail:${region}:${account}:trail/${props.trailName}`;
    const logGroupArn = `arn:${partition}:logs:${region}:${account}:log-group:${props.logGroupName}`;
    const cloudTrailService = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
    const trailLogsContext = {
      'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${partition}:cloudtrail:*:${account}:trail/*`,
    };

    this.key = new kms.Key(this, 'Key', {
      description: `Encrypts the log files of the organization trail ${props.trailName}`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    denyGrantsExceptForAwsServices(this.key);
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailEncryptsThisTrail',
        principals: [cloudTrailService],
        actions: ['kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceArn': this.trailArn }, StringLike: trailLogsContext },
      }),
    );
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudTrailDescribesKey',
        principals: [cloudTrailService],
        actions: ['kms:DescribeKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceArn': this.trailArn } },
      }),
    );
    if (props.readerAccountIds.length > 0) {
      this.key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'LogReadersDecryptTrailLogs',
          principals: props.readerAccountIds.map((reader) => new iam.AccountPrincipal(reader)),
          actions: ['kms:Decrypt'],
          resources: ['*'],
          conditions: { StringLike: trailLogsContext },
        }),
      );
    }
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsEncryptsTrailLogGroup',
        principals: [new iam.ServicePrincipal(`logs.${region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
      }),
    );

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: props.logGroupName,
      retention: props.logGroupRetentionDays as logs.RetentionDays,
      encryptionKey: this.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (props.logGroupRetentionDays < 365) {
      acknowledge(this.logGroup, {
        'guard:cloudwatch_log_group_retention_period_check': `CT.CLOUDWATCH.PR.2: this log group is a ${props.logGroupRetentionDays}-day working copy; the archive of every event is the log-archive bucket, kept for years`,
      });
    }
    const deliveryPolicy = new iam.ManagedPolicy(this, 'LogsDeliveryPolicy', {
      description: 'CloudTrail writes the organization trail events to its log group',
      statements: [
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [`${logGroupArn}:log-stream:*`],
        }),
      ],
    });
    const logsRole = new iam.Role(this, 'LogsRole', {
      assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceArn': this.trailArn } },
      }),
      description: 'CloudTrail delivers the organization trail to CloudWatch Logs',
      managedPolicies: [deliveryPolicy],
    });
    // cdk-nag names unresolved pseudo parameters like <AWS::Partition> in finding IDs.
    const nag = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
    acknowledge(deliveryPolicy, {
      [`AwsSolutions-IAM5[Resource::arn:${nag(partition, 'Partition')}:logs:${nag(region, 'Region')}:${nag(account, 'AccountId')}:log-group:${props.logGroupName}:log-stream:*]`]:
        'CloudTrail names one log stream per account and region of the organization; the wildcard covers the streams of this one log group only',
    });

    this.trail = new cloudtrail.CfnTrail(this, 'Trail', {
      trailName: props.trailName,
      s3BucketName: props.bucketName,
      isLogging: true,
      isOrganizationTrail: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      kmsKeyId: this.key.keyArn,
      cloudWatchLogsLogGroupArn: this.logGroup.logGroupArn,
      cloudWatchLogsRoleArn: logsRole.roleArn,
      eventSelectors: [{ readWriteType: 'All', includeManagementEvents: true }],
    });
    this.trail.node.addDependency(deliveryPolicy);
  }
}
