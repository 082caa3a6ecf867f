import type { StackProps } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { AccountApiSetting } from '../../constructs/account-api-setting';
import { ConfigRecorder } from '../../constructs/config-recorder';

export interface RegionalBaselineStackProps extends StackProps {
  /** Bucket in the log-archive account that receives AWS Config snapshots and history (in the home region). */
  readonly configBucketName: string;
  readonly configRecordingFrequency: 'CONTINUOUS' | 'DAILY';
  /** The recorder role the account's home-region Baseline creates (IAM is global; deploy that Baseline first). */
  readonly configRoleName: string;
  /**
   * The account already has a Config recorder and delivery channel in this region (one of each per region).
   * @default false
   */
  readonly existingConfigRecorder?: boolean;
}

/**
 * The Baseline of an allowed region other than home: AWS Config recording without the global resource types
 * (recorded once, in the home region), so Security Hub controls evaluated here (Config.1 is Critical) have a
 * recorder, and EBS encryption by default, which is a per-region setting.
 */
export class RegionalBaselineStack extends Stack {
  public readonly config?: ConfigRecorder;

  constructor(scope: Construct, id: string, props: RegionalBaselineStackProps) {
    super(scope, id, props);

    if (!(props.existingConfigRecorder ?? false)) {
      this.config = new ConfigRecorder(this, 'Config', {
        deliveryBucketName: props.configBucketName,
        recordingFrequency: props.configRecordingFrequency,
        includeGlobalResourceTypes: false,
        roleName: props.configRoleName,
        role: iam.Role.fromRoleName(this, 'ConfigRole', props.configRoleName, { mutable: false }),
      });
    }

    new AccountApiSetting(this, 'EbsEncryptionByDefault', {
      service: 'EC2',
      action: 'EnableEbsEncryptionByDefault',
      iamActions: ['ec2:EnableEbsEncryptionByDefault'],
      description: 'Encrypt every new EBS volume of the account in this region',
    });
  }
}
