import { z } from 'zod';
import { accountId, email, strict } from '../fields';

/**
 * `config/discovered.json`: what `landfall accounts sync` read from the organization. Generated and committed; the
 * loader merges it over `config/platform.ts` (see `lib/config/discovered.ts` for the precedence rules).
 */

export const ACCOUNT_STATES = ['PENDING_ACTIVATION', 'ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE', 'CLOSED'] as const;

export const DiscoveredAccountSchema = strict({
  /** Name of the config account at the time of the sync (informational: accounts are matched by email). */
  name: z.string().min(1),
  /** Root email of the account: the key that links it to `platform.accounts[].email`. */
  email,
  /** The account ID in the organization; it replaces `platform.accounts[].id`. */
  id: accountId,
  /** Account state in the organization. */
  state: z.enum(ACCOUNT_STATES, { error: `is not an account state (allowed: ${ACCOUNT_STATES.join(', ')})` }),
  /** Where the account sits: the root or an organizational unit. */
  parent: strict({
    id: z.string().regex(/^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/, 'is not a root or OU ID'),
    type: z.enum(['ROOT', 'ORGANIZATIONAL_UNIT']),
    name: z.string(),
  }),
});

export const DiscoveredIdentityCenterSchema = strict({
  /** ARN of the organization's IAM Identity Center instance (`arn:aws:sso:::instance/ssoins-...`). */
  instanceArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/, 'is not an Identity Center instance ARN'),
  /** ID of the instance's identity store (`d-...`). */
  identityStoreId: z
    .string()
    .regex(
      /^(d-[0-9a-z]{10}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/,
      'is not an identity store ID',
    ),
  /** Group IDs by display name. */
  groups: z.record(z.string().min(1), z.string().regex(/^[A-Za-z0-9-]{1,47}$/, 'is not an identity store group ID')),
});

export const DiscoveredSchema = strict({
  /** A note for readers of the file (it is generated). */
  $comment: z.string().optional(),
  organization: strict({
    id: z.string().regex(/^o-[a-z0-9]{10,32}$/, 'is not an organization ID'),
    rootId: z.string().regex(/^r-[0-9a-z]{4,32}$/, 'is not a root ID'),
    managementAccountId: accountId,
  }),
  /** The config accounts found in the organization (matched by email), in config order. */
  accounts: z.array(DiscoveredAccountSchema),
  /** The Identity Center instance and the groups found by display name. Absent when Identity Center is not enabled. */
  identityCenter: DiscoveredIdentityCenterSchema.optional(),
});
export type DiscoveredConfig = z.infer<typeof DiscoveredSchema>;
export type DiscoveredAccount = z.infer<typeof DiscoveredAccountSchema>;
export type DiscoveredIdentityCenter = z.infer<typeof DiscoveredIdentityCenterSchema>;
