import type { Construct } from 'constructs';
import type { ReviewReads } from '../../constructs/review-role';
import type { Stack } from 'aws-cdk-lib';
import type { AccountConfig, LandfallModel } from '../config';
import { hasExistingConfigRecorder } from '../config';
import { logBucketName, regionalStackId, ROLE_NAMES, STACKS, stackName } from '../naming';
import { BaselineStack } from '../stacks/baseline-stack';
import { RegionalBaselineStack } from '../stacks/regional-baseline-stack';

export interface AddBaselineOptions {
  readonly stageName: string;
  readonly account: AccountConfig;
  readonly recordingFrequency: 'CONTINUOUS' | 'DAILY';
  /** GitHub environment whose jobs deploy this account. @default no GitHub deploy role (the management account) */
  readonly githubEnvironment?: string;
  /**
   * What the weekly review workflow reads in this account through its `landfall-review` role (needs
   * `githubEnvironment`: the role trusts the same GitHub OIDC provider). @default no review role
   */
  readonly review?: ReviewReads;
  /** The environment's ECS cluster, whose deployments the release check reads. @default none (shared accounts) */
  readonly releaseCluster?: string;
  readonly terminationProtection: boolean;
  /**
   * Stacks of the same account and deployment that must exist first (the log-archive account's LogBuckets: its
   * Config delivery channels write to the Config bucket, and PutDeliveryChannel fails on a missing bucket or one
   * whose policy does not admit the role). @default none
   */
  readonly after?: readonly Stack[];
}

const configBucket = (model: LandfallModel) =>
  logBucketName('config', model.platform.organization.name, model.accounts.logArchive.id, model.platform.homeRegion);

/** The home-region Baseline stack of an account, with the log-archive bucket name derived from config. */
export function addBaseline(stage: Construct, model: LandfallModel, options: AddBaselineOptions): BaselineStack {
  const { platform } = model;
  const github = options.githubEnvironment;
  const baseline = new BaselineStack(stage, STACKS.baseline, {
    stackName: stackName(options.stageName, STACKS.baseline),
    description: `landfall baseline of account ${options.account.name}: Config recording, ${github === undefined ? '' : 'GitHub deploy role, '}S3 public access block, EBS encryption`,
    terminationProtection: options.terminationProtection,
    env: { account: options.account.id, region: platform.homeRegion },
    configBucketName: configBucket(model),
    configRecordingFrequency: options.recordingFrequency,
    existingConfigRecorder: hasExistingConfigRecorder(options.account, platform.homeRegion),
    ...(github === undefined
      ? {}
      : {
          github: {
            repository: platform.deploy.githubRepository,
            environment: github,
            cdkQualifier: platform.deploy.cdkQualifier,
            // The account deploys to every allowed region (RegionalBaseline stacks), so the role may assume the
            // bootstrap roles of each.
            cdkRegions: [platform.homeRegion, ...platform.allowedRegions.filter((r) => r !== platform.homeRegion)],
            oidcProviderExists: options.account.existing?.githubOidcProvider ?? false,
            ...(options.review === undefined ? {} : { review: options.review }),
            ...(options.releaseCluster === undefined ? {} : { releaseCluster: options.releaseCluster }),
          },
        }),
  });
  for (const stack of options.after ?? []) baseline.addStackDependency(stack, 'Config delivers to its bucket');
  return baseline;
}

/**
 * One `RegionalBaseline-<region>` stack per allowed region other than home: Config recording (without global
 * resource types) and EBS encryption by default there. Each reuses the recorder role of the home Baseline, so it
 * depends on it (same account; IAM is global).
 */
export function addRegionalBaselines(
  stage: Construct,
  model: LandfallModel,
  options: AddBaselineOptions,
  baseline: BaselineStack,
): RegionalBaselineStack[] {
  const { platform } = model;
  return platform.allowedRegions
    .filter((region) => region !== platform.homeRegion)
    .map((region) => {
      const id = regionalStackId(STACKS.regionalBaseline, region);
      const stack = new RegionalBaselineStack(stage, id, {
        stackName: stackName(options.stageName, id),
        description: `landfall baseline of account ${options.account.name} in ${region}: Config recording, EBS encryption`,
        terminationProtection: options.terminationProtection,
        env: { account: options.account.id, region },
        configBucketName: configBucket(model),
        configRecordingFrequency: options.recordingFrequency,
        configRoleName: ROLE_NAMES.configRecorder,
        existingConfigRecorder: hasExistingConfigRecorder(options.account, region),
      });
      stack.addStackDependency(baseline, 'the Config recorder role is created by the home-region Baseline');
      for (const after of options.after ?? []) stack.addStackDependency(after, 'Config delivers to its bucket');
      return stack;
    });
}
