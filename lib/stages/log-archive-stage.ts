import type { StageProps } from 'aws-cdk-lib';
import { Stage } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { LandfallModel } from '../config';
import { PROFILES } from '../config';
import { addBaseline } from './baseline';
import { addLogBuckets } from './log-buckets';
import { tagScope } from './tagging';

export interface LogArchiveStageProps extends StageProps {
  readonly model: LandfallModel;
}

/** The log-archive account: its Baseline and the central log buckets (CloudTrail, Config, ALB access logs). */
export class LogArchiveStage extends Stage {
  constructor(scope: Construct, id: string, props: LogArchiveStageProps) {
    super(scope, id, props);
    const { model } = props;
    tagScope(this, 'log-archive', model.platform.organization.owner);
    addBaseline(this, model, {
      stageName: id,
      account: model.accounts.logArchive,
      // Shared accounts hold security evidence: they record like prod.
      recordingFrequency: PROFILES.prod.configRecordingFrequency,
      githubEnvironment: model.platform.deploy.platformGithubEnvironment,
      terminationProtection: true,
    });
    addLogBuckets(this, id, model);
  }
}
