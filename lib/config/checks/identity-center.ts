import type { Problem } from '../problems';
import { resolveProfile, TIERS } from '../profiles';
import type { TierProfile } from '../profiles';
import { PERMISSION_SET_NAMES } from '../schema/identity-center';
import type { Check } from './context';

/** Profile fields that shape a tier's permission sets: environments of one tier must agree on them. */
const PER_TIER_ACCESS_FIELDS = ['sessionDurationHours', 'developerAccess'] as const satisfies ReadonlyArray<
  keyof TierProfile
>;

/**
 * Assignments name existing groups, accounts and permission sets; environments of one tier agree on the profile
 * values their permission sets are made from (Identity Center permission sets are created per tier).
 */
export const checkIdentityCenter: Check = {
  needs: ['identityCenter', 'accounts', 'environments'],
  run: ({ platform, platformFile: file }) => {
    const problems: Problem[] = [];
    const { identityCenter, accounts, environments } = platform;
    const groups = Object.keys(identityCenter.groups);
    const accountNames = accounts.map((a) => a.name);
    const permissionSets: readonly string[] = PERMISSION_SET_NAMES;

    identityCenter.assignments.forEach((assignment, i) => {
      const at = `identityCenter.assignments[${i}]`;
      if (!groups.includes(assignment.group)) {
        problems.push({
          file,
          path: `${at}.group`,
          message: `"${assignment.group}" is not a group in identityCenter.groups (allowed: ${groups.join(', ') || 'none: add the group to identityCenter.groups'})`,
        });
      }
      assignment.accounts.forEach((account, j) => {
        if (!accountNames.includes(account)) {
          problems.push({
            file,
            path: `${at}.accounts[${j}]`,
            message: `"${account}" is not an account in accounts (allowed: ${accountNames.join(', ')})`,
          });
        }
      });
      assignment.permissionSets.forEach((set, j) => {
        if (!permissionSets.includes(set)) {
          problems.push({
            file,
            path: `${at}.permissionSets[${j}]`,
            message: `"${set}" is not a permission set (allowed: ${permissionSets.join(', ')})`,
          });
        }
      });
    });

    for (const tier of TIERS) {
      const ofTier = environments.flatMap((env, index) =>
        env.tier === tier ? [{ env, index, profile: resolveProfile(env.tier, env.overrides) }] : [],
      );
      for (const field of PER_TIER_ACCESS_FIELDS) {
        const first = ofTier[0];
        for (const other of ofTier.slice(1)) {
          if (other.profile[field] === first.profile[field]) continue;
          const blamed = other.env.overrides?.[field] !== undefined ? other : first;
          const compared = blamed === other ? first : other;
          problems.push({
            file,
            path: `environments[${blamed.index}].overrides.${field}`,
            message: `${JSON.stringify(blamed.profile[field])} differs from ${JSON.stringify(compared.profile[field])} in environments[${compared.index}] of the same tier "${tier}" (Identity Center permission sets are made per tier: give the tier one value)`,
          });
        }
      }
    }
    return problems;
  },
};
