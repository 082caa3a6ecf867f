import type { StackProps } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { AccountAssignmentDefinition, PermissionSetDefinition } from '../../constructs/identity-center-access';
import { IdentityCenterAccess } from '../../constructs/identity-center-access';

export interface IdentityCenterStackProps extends StackProps {
  /** ARN of the Identity Center instance; the stack's region must be the instance's. */
  readonly instanceArn: string;
  /** Permission sets to create, one per set and tier. */
  readonly permissionSets: readonly PermissionSetDefinition[];
  /** One entry per group, account and permission set. */
  readonly assignments: readonly AccountAssignmentDefinition[];
}

/** Who may sign in to which account with which permissions: permission sets and group assignments. */
export class IdentityCenterStack extends Stack {
  public readonly access: IdentityCenterAccess;

  constructor(scope: Construct, id: string, props: IdentityCenterStackProps) {
    super(scope, id, props);
    this.access = new IdentityCenterAccess(this, 'Access', {
      instanceArn: props.instanceArn,
      permissionSets: props.permissionSets,
      assignments: props.assignments,
    });
  }
}
