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
}

/**
 * AWS Config recorder and delivery channel: Security Hub controls evaluate the configuration items it records.
 * Delivers to a central bucket; the role may write only under this account's `AWSLogs/<account>/Config/` prefix.
 */
export class ConfigRecorder extends Construct {
  public readonly recorder: config.CfnConfigurationRecorder;
  public readonly deliveryChannel: config.CfnDeliveryChannel;
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: ConfigRecorderProps) {
    super(scope, id);
    const { account, partition } = Stack.of(this);
    const bucketArn = `arn:${partition}:s3:::${props.deliveryBucketName}`;

    const deliveryPolicy = new iam.ManagedPolicy(this, 'DeliveryPolicy', {
      description: 'Write Config snapshots and history to the central bucket, under this account prefix only',
      statements: [
        new iam.PolicyStatement({ actions: ['s3:GetBucketAcl'], resources: [bucketArn] }),
        new iam.PolicyStatement({
          actions: ['s3:PutObject'],
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

    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      assumedBy: new iam.ServicePrincipal('config.amazonaws.com'),
      description: 'AWS Config recorder: reads resource configuration and delivers it to the log-archive bucket',
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole'), deliveryPolicy],
    });

    acknowledge(this.role, {
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]':
        'AWS_ConfigRole is the AWS-maintained read policy for Config; AWS extends it as Config learns new resource types, which a copy would miss',
    });

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
}
