import type { StageProps } from 'aws-cdk-lib';
import { Stage } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { LandfallModel, ResolvedEnvironment } from '../config';
import { addBaseline } from './baseline';
import { tagScope } from './tagging';

export interface EnvironmentStageProps extends StageProps {
  readonly model: LandfallModel;
  readonly environment: ResolvedEnvironment;
}

/** One environment (dev, stg, prod) in its own account. Differences between tiers come from `environment.profile`. */
export class EnvironmentStage extends Stage {
  constructor(scope: Construct, id: string, props: EnvironmentStageProps) {
    super(scope, id, props);
    const { model, environment } = props;
    const { profile } = environment;
    tagScope(this, environment.name, model.platform.organization.owner);
    addBaseline(this, model, {
      stageName: id,
      account: environment.account,
      recordingFrequency: profile.configRecordingFrequency,
      githubEnvironment: environment.name,
      terminationProtection: profile.terminationProtection,
    });
  }
}
