/**
 * The Identity Center plan: which permission sets exist and one assignment per group x account x permission set,
 * without duplicates. Pure; the IdentityCenter stack turns it into resources.
 */
import type { LandfallModel, Tier } from '../config';
import { TIERS } from '../config';
import type { PermissionSetName } from '../config/schema/identity-center';
import { PERMISSION_SET_NAMES } from '../config/schema/identity-center';
import type { PermissionSetSpec } from './permission-sets';
import { permissionSetSpec } from './permission-sets';
import { accountTier, tierProfiles } from './placement';

/** A permission set as created: one per set and tier. */
export interface PermissionSetPlan {
  /** Name in Identity Center, for example `Developer-prod` (at most 32 characters). */
  readonly name: string;
  readonly set: PermissionSetName;
  readonly tier: Tier;
  readonly sessionDurationHours: number;
  readonly spec: PermissionSetSpec;
}

export interface AssignmentPlan {
  readonly group: string;
  readonly groupId: string;
  readonly account: string;
  readonly accountId: string;
  /** Name of the permission set (a `PermissionSetPlan.name`). */
  readonly permissionSet: string;
}

export interface AccessPlan {
  readonly permissionSets: readonly PermissionSetPlan[];
  readonly assignments: readonly AssignmentPlan[];
}

export function permissionSetName(set: PermissionSetName, tier: Tier): string {
  return `${set}-${tier}`;
}

/**
 * Every permission set in every tier variant, and the config's assignments fanned out to one per group, account and
 * permission set. The same triple named twice (two entries overlapping) is planned once. All variants exist even
 * when unassigned: changing assignments never creates or deletes a permission set, and the stack is never empty.
 */
export function accessPlan(model: LandfallModel, partition = 'aws'): AccessPlan {
  const { identityCenter, accounts } = model.platform;
  const profiles = tierProfiles(model);
  const permissionSets = PERMISSION_SET_NAMES.flatMap((set) =>
    TIERS.map((tier) => ({
      name: permissionSetName(set, tier),
      set,
      tier,
      sessionDurationHours: profiles[tier].sessionDurationHours,
      spec: permissionSetSpec(set, profiles[tier], partition),
    })),
  );
  const assignments = new Map<string, AssignmentPlan>();
  for (const entry of identityCenter.assignments) {
    const groupId = identityCenter.groups[entry.group];
    for (const accountName of entry.accounts) {
      const account = accounts.find((a) => a.name === accountName);
      if (!account || groupId === undefined)
        throw new Error(
          `assignment of ${entry.group} to ${accountName}: the identity center check should have reported this`,
        );
      const tier = accountTier(model, account);
      for (const set of entry.permissionSets as PermissionSetName[]) {
        const name = permissionSetName(set, tier);
        const key = `${entry.group}|${account.name}|${name}`;
        if (!assignments.has(key)) {
          assignments.set(key, {
            group: entry.group,
            groupId,
            account: account.name,
            accountId: account.id,
            permissionSet: name,
          });
        }
      }
    }
  }
  return { permissionSets, assignments: [...assignments.values()] };
}
