import type { Construct } from 'constructs';
import type { AccountConfig, LandfallModel } from '../config';
import { logBucketName, STACKS, stackName } from '../naming';
import { BaselineStack } from '../stacks/baseline-stack';

export interface AddBaselineOptions {
  readonly stageName: string;
  readonly account: AccountConfig;
  readonly recordingFrequency: 'CONTINUOUS' | 'DAILY';
  /** GitHub environment whose jobs deploy this account. */
  readonly githubEnvironment: string;
  readonly terminationProtection: boolean;
}

/** The Baseline stack of a member account, with the log-archive bucket name derived from config. */
export function addBaseline(stage: Construct, model: LandfallModel, options: AddBaselineOptions): BaselineStack {
  const { platform } = model;
  return new BaselineStack(stage, STACKS.baseline, {
    stackName: stackName(options.stageName, STACKS.baseline),
    description: `landfall baseline of account ${options.account.name}: Config recording, GitHub deploy role, S3 public access block, EBS encryption`,
    terminationProtection: options.terminationProtection,
    configBucketName: logBucketName(
      'config',
      platform.organization.name,
      model.accounts.logArchive.id,
      platform.homeRegion,
    ),
    configRecordingFrequency: options.recordingFrequency,
    githubRepository: platform.deploy.githubRepository,
    githubEnvironment: options.githubEnvironment,
    cdkQualifier: platform.deploy.cdkQualifier,
    cdkRegions: [platform.homeRegion],
    githubOidcProviderExists: options.account.existing?.githubOidcProvider ?? false,
  });
}
