import type { StageProps } from 'aws-cdk-lib';
import { Stage } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { LandfallModel } from '../config';
import type { OrganizationStacks } from './organization';
import { addOrganizationStacks } from './organization';
import { PROFILES } from '../config';
import { addBaseline, addRegionalBaselines } from './baseline';
import { addCostStacks } from './cost';
import { tagScope } from './tagging';

export interface OrgStageProps extends StageProps {
  readonly model: LandfallModel;
}

/**
 * The management account: organization structure, SCPs, Identity Center access, the organization trail, cost
 * alarms, and its Baseline and RegionalBaselines. Every stack here is termination-protected.
 */
export class OrgStage extends Stage {
  /** Organization, IdentityCenter and Trail. */
  public readonly governance: OrganizationStacks;

  constructor(scope: Construct, id: string, props: OrgStageProps) {
    super(scope, id, props);
    tagScope(this, 'management', props.model.platform.organization.owner);
    this.governance = addOrganizationStacks(this, id, props.model);
    addCostStacks(this, id, props.model);
    // Security Hub evaluates controls in the management account too (Config.1 is Critical): it records Config
    // like the other shared accounts, with no GitHub deploy role (people deploy the management account).
    const options = {
      stageName: id,
      account: props.model.accounts.management,
      recordingFrequency: PROFILES.prod.configRecordingFrequency,
      terminationProtection: true,
    };
    addRegionalBaselines(this, props.model, options, addBaseline(this, props.model, options));
  }
}
