import { Stack, Token } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge';

export interface ConfigRecorderProps {
  /** Name of the S3 bucket (usually in the log-archive account) that receives snapshots and history. */
  readonly deliveryBucketName: string;
  /**
   * How often Config records changes: CONTINUOUS records every change, DAILY once a day (cheaper).
   * @default 'CONTINUOUS'
   */
  readonly recordingFrequency?: 'CONTINUOUS' | 'DAILY';
  /**
   * Record global resources (IAM) in this region. Do it in exactly one region per account.
   * @default true
   */
  readonly includeGlobalResourceTypes?: boolean;
  /** Name of the recorder's IAM role (SCP-protected names start with `landfall-`). */
  readonly roleName: string;
  /**
   * Use this existing recorder role instead of creating one: IAM roles are global, so an account's recorders in
   * other regions reuse the role its home-region Baseline creates.
   * @default a new role named `roleName`
   */
  readonly role?: iam.IRole;
  /**
   * Create the recorder and the delivery channel. AWS Config allows one of each per account and region
   * (PutConfigurationRecorder, PutDeliveryChannel): false when the account already has them here, and only the
   * role is created (an existing delivery channel can point at the log-archive bucket; docs/organization.md).
   * @default true
   */
  readonly createRecorder?: boolean;
}

/**
 * AWS Config recorder and delivery channel: Security Hub controls evaluate the configuration items it records.
 * Delivers to a central bucket; the role may write only under this account's `AWSLogs/<account>/Config/` prefix.
 */
export class ConfigRecorder extends Construct {
  /** The recorder, unless `createRecorder` is false. */
  public readonly recorder?: config.CfnConfigurationRecorder;
  /** The delivery channel, unless `createRecorder` is false. */
  public readonly deliveryChannel?: config.CfnDeliveryChannel;
  public readonly role: iam.IRole;

  constructor(scope: Construct, id: string, props: ConfigRecorderProps) {
    super(scope, id);
    this.role = props.role ?? this.createRole(props);
    if (props.createRecorder === false) return;
    this.recorder = new config.CfnConfigurationRecorder(this, 'Recorder', {
      roleArn: this.role.roleArn,
      recordingGroup: { allSupported: true, includeGlobalResourceTypes: props.includeGlobalResourceTypes ?? true },
      recordingMode: { recordingFrequency: props.recordingFrequency ?? 'CONTINUOUS' },
    });

    this.deliveryChannel = new config.CfnDeliveryChannel(this, 'DeliveryChannel', {
      s3BucketName: props.deliveryBucketName,
      configSnapshotDeliveryProperties: { deliveryFrequency: 'TwentyFour_Hours' },
    });
    this.deliveryChannel.node.addDependency(this.recorder);
  }

  /**
   * The recorder role: AWS_ConfigRole to read configurations, and what the Config Developer Guide asks of a role
   * that delivers to a bucket of another account ("Permissions for the IAM Role Assigned to AWS Config", IAM role
   * policy for the S3 bucket): `s3:PutObject` and `s3:PutObjectAcl` with the `bucket-owner-full-control` ACL under
   * this account's prefix, `s3:GetBucketAcl`, and `s3:ListBucket` for the HeadBucket existence check ("Permissions
   * for the Amazon S3 Bucket": without it the check logs AccessDenied in CloudTrail). The guide's note on the bucket
   * page: "ensure that your IAM role has PutObjectACL permission on cross-account bucket to avoid insufficient
   * permission error".
   */
  private createRole(props: ConfigRecorderProps): iam.Role {
    const { account, partition } = Stack.of(this);
    const bucketArn = `arn:${partition}:s3:::${props.deliveryBucketName}`;
    const deliveryPolicy = new iam.ManagedPolicy(this, 'DeliveryPolicy', {
      description: 'Write Config snapshots and history to the central bucket, under this account prefix only',
      statements: [
        new iam.PolicyStatement({ actions: ['s3:GetBucketAcl', 's3:ListBucket'], resources: [bucketArn] }),
        new iam.PolicyStatement({
          actions: ['s3:PutObject', 's3:PutObjectAcl'],
          resources: [`${bucketArn}/AWSLogs/${account}/Config/*`],
          conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
        }),
      ],
    });
    // cdk-nag names unresolved pseudo parameters like <AWS::Partition> in finding IDs.
    const nagPartition = Token.isUnresolved(partition) ? '<AWS::Partition>' : partition;
    const nagAccount = Token.isUnresolved(account) ? '<AWS::AccountId>' : account;
    acknowledge(deliveryPolicy, {
      [`AwsSolutions-IAM5[Resource::arn:${nagPartition}:s3:::${props.deliveryBucketName}/AWSLogs/${nagAccount}/Config/*]`]:
        'Config writes objects under AWSLogs/<account>/Config/<region>/<date>/...; the wildcard is limited to this account prefix of the one bucket',
    });

    const role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      assumedBy: new iam.ServicePrincipal('config.amazonaws.com'),
      description: 'AWS Config recorder: reads resource configuration and delivers it to the log-archive bucket',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole'), deliveryPolicy],
    });
    acknowledge(role, {
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]':
        'AWS_ConfigRole is the AWS-maintained read policy for Config; AWS extends it as Config learns new resource types, which a copy would miss',
    });
    return role;
  }
}
