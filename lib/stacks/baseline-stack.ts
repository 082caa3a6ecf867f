import type { StackProps } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AccountApiSetting } from '../../constructs/account-api-setting';
import { ConfigRecorder } from '../../constructs/config-recorder';
import { GithubDeployRole } from '../../constructs/github-deploy-role';
import type { ReviewReads } from '../../constructs/review-role';
import { ReviewRole } from '../../constructs/review-role';
import { PREFIX, ROLE_NAMES } from '../naming';

/** Who may deploy the account from GitHub Actions. */
export interface BaselineGithubProps {
  /** GitHub repository (`owner/name`) and GitHub environment trusted by the deploy role. */
  readonly repository: string;
  readonly environment: string;
  readonly cdkQualifier: string;
  /** Regions bootstrapped for CDK in this account. */
  readonly cdkRegions: readonly string[];
  /**
   * The account already has the GitHub OIDC provider: the deploy role trusts it instead of creating one.
   * @default false
   */
  readonly oidcProviderExists?: boolean;
  /**
   * The read-only role of the weekly review workflow (`landfall-review`), trusting the same OIDC provider, and what
   * it reads here. @default no review role
   */
  readonly review?: ReviewReads;
  /**
   * The environment's ECS cluster: the deploy role may list its services' deployments for the release check.
   * @default none (an account without an environment)
   */
  readonly releaseCluster?: string;
}

export interface BaselineStackProps extends StackProps {
  /** Bucket in the log-archive account that receives AWS Config snapshots and history. */
  readonly configBucketName: string;
  readonly configRecordingFrequency: 'CONTINUOUS' | 'DAILY';
  /**
   * The account already has a Config recorder and delivery channel in this region (one of each per account and
   * region): the stack creates only the recorder role, which the account's other regions use.
   * @default false
   */
  readonly existingConfigRecorder?: boolean;
  /** The GitHub OIDC deploy role. @default none (the management account is deployed by people, not by CI) */
  readonly github?: BaselineGithubProps;
}

/**
 * What every account has before anything else, in its home region: AWS Config recording with the global resource
 * types (Security Hub evaluates it), the recorder role the account's other regions reuse, the account-wide S3
 * public access block, EBS encryption by default in this region, and (member accounts) the GitHub OIDC deploy role.
 */
export class BaselineStack extends Stack {
  public readonly config: ConfigRecorder;

  constructor(scope: Construct, id: string, props: BaselineStackProps) {
    super(scope, id, props);

    this.config = new ConfigRecorder(this, 'Config', {
      deliveryBucketName: props.configBucketName,
      recordingFrequency: props.configRecordingFrequency,
      // Global resource types (IAM) are recorded once per account: here, in the home region.
      includeGlobalResourceTypes: true,
      roleName: ROLE_NAMES.configRecorder,
      createRecorder: !(props.existingConfigRecorder ?? false),
    });

    if (props.github !== undefined) {
      const deploy = new GithubDeployRole(this, 'GithubDeploy', {
        repository: props.github.repository,
        githubEnvironment: props.github.environment,
        cdkQualifier: props.github.cdkQualifier,
        regions: props.github.cdkRegions,
        roleName: ROLE_NAMES.githubDeploy,
        createOidcProvider: !(props.github.oidcProviderExists ?? false),
        readAlarmsPrefix: `${PREFIX}-`,
        ...(props.github.releaseCluster === undefined ? {} : { readDeploymentsOfCluster: props.github.releaseCluster }),
      });
      if (props.github.review !== undefined) {
        new ReviewRole(this, 'WeeklyReview', {
          oidcProviderArn: deploy.providerArn,
          repository: props.github.repository,
          roleName: ROLE_NAMES.review,
          alarmPrefix: `${PREFIX}-`,
          clusterPrefix: `${PREFIX}-`,
          reads: props.github.review,
        });
      }
    }

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
