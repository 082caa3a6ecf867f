/**
 * Where each account sits in the organization and which tier profile governs its access: pure data derived from
 * the config, shared by the Organization and IdentityCenter stacks.
 */
import type { AccountConfig, LandfallModel, Tier, TierProfile } from '../config';
import { PROFILES, TIERS } from '../config';
import type { AccountRole } from '../config/schema/accounts';
import type { OuPath } from '../config/schema/organization';

/** OU of the shared accounts by role. Workload accounts take their tier profile's `organizationalUnit`. */
export const SHARED_ACCOUNT_OU: Readonly<Record<Exclude<AccountRole, 'management' | 'workload'>, OuPath>> = {
  security: 'Security',
  'log-archive': 'Security',
};

/**
 * The tier whose profile governs an account's access: its environment's tier. Shared accounts and workload accounts
 * without an environment hold the organization's evidence or nothing yet: they are treated like prod (shortest
 * sessions, read-only developers).
 */
export const UNTIERED_ACCOUNT_TIER: Tier = 'prod';

export function accountTier(model: LandfallModel, account: AccountConfig): Tier {
  return model.environments.find((e) => e.account.name === account.name)?.tier ?? UNTIERED_ACCOUNT_TIER;
}

/**
 * The profile of a tier as its environments resolve it (the config check makes environments of one tier agree on
 * the access fields), or the tier's defaults when no environment has that tier.
 */
export function tierProfile(model: LandfallModel, tier: Tier): TierProfile {
  return model.environments.find((e) => e.tier === tier)?.profile ?? PROFILES[tier];
}

/** Every tier with its resolved profile. */
export function tierProfiles(model: LandfallModel): Record<Tier, TierProfile> {
  return Object.fromEntries(TIERS.map((t) => [t, tierProfile(model, t)])) as Record<Tier, TierProfile>;
}

export interface MemberAccountPlacement {
  readonly account: AccountConfig;
  readonly ou: OuPath;
}

/** OU of one member account: its own `organizationalUnit`, else its role's OU, else its environment's profile. */
export function accountOu(model: LandfallModel, account: AccountConfig): OuPath {
  if (account.organizationalUnit !== undefined) return account.organizationalUnit;
  if (account.role === 'security' || account.role === 'log-archive') return SHARED_ACCOUNT_OU[account.role];
  const environment = model.environments.find((e) => e.account.name === account.name);
  return (environment?.profile ?? PROFILES[UNTIERED_ACCOUNT_TIER]).organizationalUnit;
}

/** Every account except the management account (which stays at the root), in config order, with its OU. */
export function memberAccounts(model: LandfallModel): MemberAccountPlacement[] {
  return model.platform.accounts
    .filter((a) => a.role !== 'management')
    .map((account) => ({ account, ou: accountOu(model, account) }));
}

/** The member accounts the Organization stack holds: all but those waiting for `cdk import`. */
export function managedMemberAccounts(model: LandfallModel): MemberAccountPlacement[] {
  return memberAccounts(model).filter(({ account }) => account.importPending !== true);
}
