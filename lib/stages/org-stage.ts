import type { StageProps } from 'aws-cdk-lib';
import { Stage } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { LandfallModel } from '../config';
import type { OrganizationStacks } from './organization';
import { addOrganizationStacks } from './organization';
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
  /** Organization, IdentityCenter and Trail. */
  public readonly governance: OrganizationStacks;

  constructor(scope: Construct, id: string, props: OrgStageProps) {
    super(scope, id, props);
    tagScope(this, 'management', props.model.platform.organization.owner);
    this.governance = addOrganizationStacks(this, id, props.model);
    addCostStacks(this, id, props.model);
  }
}
