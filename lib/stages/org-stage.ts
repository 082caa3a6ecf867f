import type { StageProps } from 'aws-cdk-lib';
import { Stage } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { LandfallModel } from '../config';
import { addCostStacks } from './cost';
import { tagScope } from './tagging';

export interface OrgStageProps extends StageProps {
  readonly model: LandfallModel;
}

/**
 * The management account: organization structure, SCPs, Identity Center access, the organization trail and
 * cost alarms. Every stack here is termination-protected.
 */
export class OrgStage extends Stage {
  constructor(scope: Construct, id: string, props: OrgStageProps) {
    super(scope, id, props);
    tagScope(this, 'management', props.model.platform.organization.owner);
    addCostStacks(this, id, props.model);
  }
}
