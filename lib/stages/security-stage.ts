import type { StageProps } from 'aws-cdk-lib';
import { Stage } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { LandfallModel } from '../config';
import { PROFILES } from '../config';
import { addBaseline, addRegionalBaselines } from './baseline';
import { addSecurityServices } from './security-services';
import { tagScope } from './tagging';

export interface SecurityStageProps extends StageProps {
  readonly model: LandfallModel;
}

/** The security account, delegated administrator of GuardDuty and Security Hub. */
export class SecurityStage extends Stage {
  constructor(scope: Construct, id: string, props: SecurityStageProps) {
    super(scope, id, props);
    const { model } = props;
    tagScope(this, 'security', model.platform.organization.owner);
    const options = {
      stageName: id,
      account: model.accounts.security,
      recordingFrequency: PROFILES.prod.configRecordingFrequency,
      githubEnvironment: model.platform.deploy.platformGithubEnvironment,
      // The weekly review reads the organization's open findings from the delegated administrator.
      review: { findings: true },
      terminationProtection: true,
    };
    const baseline = addBaseline(this, model, options);
    const regional = addRegionalBaselines(this, model, options, baseline);
    addSecurityServices(this, id, model, [baseline, ...regional]);
  }
}
