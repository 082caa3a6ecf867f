import type { StageProps } from 'aws-cdk-lib';
import { Stage } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { LandfallModel } from '../config';
import { PROFILES } from '../config';
import { addBaseline, addRegionalBaselines } from './baseline';
import { addLogBuckets } from './log-buckets';
import { tagScope } from './tagging';

export interface LogArchiveStageProps extends StageProps {
  readonly model: LandfallModel;
}

/**
 * The log-archive account: the central log buckets (CloudTrail, Config, ALB access logs), then its Baseline and
 * RegionalBaselines, which deliver Config to those buckets.
 */
export class LogArchiveStage extends Stage {
  constructor(scope: Construct, id: string, props: LogArchiveStageProps) {
    super(scope, id, props);
    const { model } = props;
    tagScope(this, 'log-archive', model.platform.organization.owner);
    const logBuckets = addLogBuckets(this, id, model);
    const options = {
      stageName: id,
      account: model.accounts.logArchive,
      // Shared accounts hold security evidence: they record like prod.
      recordingFrequency: PROFILES.prod.configRecordingFrequency,
      githubEnvironment: model.platform.deploy.platformGithubEnvironment,
      terminationProtection: true,
      // Same account and deployment: the Config delivery channels need the Config bucket and its policy first
      // (PutDeliveryChannel fails with NoSuchBucketException or InsufficientDeliveryPolicyException).
      after: [logBuckets],
    };
    addRegionalBaselines(this, model, options, addBaseline(this, model, options));
  }
}
