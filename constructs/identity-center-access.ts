import { Duration, Stack } from 'aws-cdk-lib';
import * as sso from 'aws-cdk-lib/aws-sso';
import { Construct } from 'constructs';

export interface PermissionSetDefinition {
  /** Name in Identity Center (at most 32 characters); also the construct ID. */
  readonly name: string;
  /** What the permission set is for, shown in the access portal. */
  readonly description: string;
  /** Session length of the access portal's sign-in to an account, 1-12 hours. */
  readonly sessionDurationHours: number;
  /** AWS managed policy names (the part after `arn:<partition>:iam::aws:policy/`). */
  readonly managedPolicies: readonly string[];
  /**
   * Inline policy document.
   * @default none
   */
  readonly inlinePolicy?: Record<string, unknown>;
}

export interface AccountAssignmentDefinition {
  /** Identity Store group ID. */
  readonly groupId: string;
  /** 12-digit account ID. */
  readonly accountId: string;
  /** Name of one of `permissionSets`. */
  readonly permissionSet: string;
  /** Construct ID of the assignment, unique and stable (for example `platform-admins.prod.PlatformAdmin-prod`). */
  readonly id: string;
}

export interface IdentityCenterAccessProps {
  /** ARN of the Identity Center instance. The stack must be in the instance's region. */
  readonly instanceArn: string;
  /** Permission sets to create. */
  readonly permissionSets: readonly PermissionSetDefinition[];
  /** One entry per group, account and permission set; a repeated triple is an error. */
  readonly assignments: readonly AccountAssignmentDefinition[];
}

/** Identity Center permission sets and the group assignments that use them, one `AWS::SSO::Assignment` each. */
export class IdentityCenterAccess extends Construct {
  public readonly permissionSets: ReadonlyMap<string, sso.CfnPermissionSet>;
  public readonly assignments: readonly sso.CfnAssignment[];

  constructor(scope: Construct, id: string, props: IdentityCenterAccessProps) {
    super(scope, id);
    const { partition } = Stack.of(this);
    const setsScope = new Construct(this, 'PermissionSets');
    const sets = new Map<string, sso.CfnPermissionSet>();
    for (const def of props.permissionSets) {
      if (
        def.sessionDurationHours < 1 ||
        def.sessionDurationHours > 12 ||
        !Number.isInteger(def.sessionDurationHours)
      ) {
        throw new Error(
          `permission set ${def.name}: session duration ${def.sessionDurationHours} h is not a whole number of hours in 1-12`,
        );
      }
      sets.set(
        def.name,
        new sso.CfnPermissionSet(setsScope, def.name, {
          instanceArn: props.instanceArn,
          name: def.name,
          description: def.description,
          sessionDuration: Duration.hours(def.sessionDurationHours).toIsoString(),
          managedPolicies: def.managedPolicies.map((p) => `arn:${partition}:iam::aws:policy/${p}`),
          inlinePolicy: def.inlinePolicy,
        }),
      );
    }
    this.permissionSets = sets;

    const seen = new Set<string>();
    const assignmentsScope = new Construct(this, 'Assignments');
    this.assignments = props.assignments.map((a) => {
      const set = sets.get(a.permissionSet);
      if (!set) throw new Error(`assignment ${a.id} uses permission set ${a.permissionSet}, which is not defined`);
      const key = `${a.groupId}|${a.accountId}|${a.permissionSet}`;
      if (seen.has(key))
        throw new Error(`assignment ${a.id} repeats group ${a.groupId}, account ${a.accountId} and ${a.permissionSet}`);
      seen.add(key);
      return new sso.CfnAssignment(assignmentsScope, a.id, {
        instanceArn: props.instanceArn,
        permissionSetArn: set.attrPermissionSetArn,
        principalType: 'GROUP',
        principalId: a.groupId,
        targetType: 'AWS_ACCOUNT',
        targetId: a.accountId,
      });
    });
  }
}
