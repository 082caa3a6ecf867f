import type { StackProps } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AccountApiSetting } from '../../constructs/account-api-setting';
import { ConfigRecorder } from '../../constructs/config-recorder';
import { GithubDeployRole } from '../../constructs/github-deploy-role';
import { ROLE_NAMES } from '../naming';

export interface BaselineStackProps extends StackProps {
  /** Bucket in the log-archive account that receives AWS Config snapshots and history. */
  readonly configBucketName: string;
  readonly configRecordingFrequency: 'CONTINUOUS' | 'DAILY';
  /** GitHub repository (`owner/name`) and GitHub environment trusted by the deploy role. */
  readonly githubRepository: string;
  readonly githubEnvironment: string;
  readonly cdkQualifier: string;
  /** Regions bootstrapped for CDK in this account. */
  readonly cdkRegions: readonly string[];
  /**
   * The account already has the GitHub OIDC provider: the deploy role trusts it instead of creating one.
   * @default false
   */
  readonly githubOidcProviderExists?: boolean;
}

/**
 * What every member account has before anything else: AWS Config recording (Security Hub evaluates it), the
 * GitHub OIDC deploy role, the account-wide S3 public access block and EBS encryption by default.
 */
export class BaselineStack extends Stack {
  constructor(scope: Construct, id: string, props: BaselineStackProps) {
    super(scope, id, props);

    new ConfigRecorder(this, 'Config', {
      deliveryBucketName: props.configBucketName,
      recordingFrequency: props.configRecordingFrequency,
      roleName: ROLE_NAMES.configRecorder,
    });

    new GithubDeployRole(this, 'GithubDeploy', {
      repository: props.githubRepository,
      githubEnvironment: props.githubEnvironment,
      cdkQualifier: props.cdkQualifier,
      regions: props.cdkRegions,
      roleName: ROLE_NAMES.githubDeploy,
      createOidcProvider: !(props.githubOidcProviderExists ?? false),
    });

    new AccountApiSetting(this, 'S3PublicAccessBlock', {
      service: 'S3Control',
      action: 'PutPublicAccessBlock',
      parameters: {
        AccountId: this.account,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      },
      iamActions: ['s3:PutAccountPublicAccessBlock'],
      description: 'Block public S3 access for every bucket of the account',
    });

    new AccountApiSetting(this, 'EbsEncryptionByDefault', {
      service: 'EC2',
      action: 'EnableEbsEncryptionByDefault',
      iamActions: ['ec2:EnableEbsEncryptionByDefault'],
      description: 'Encrypt every new EBS volume of the account in this region',
    });
  }
}
