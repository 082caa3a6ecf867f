import { z } from 'zod';
import { accountId, email, kebabName, positiveUsd, strict } from '../fields';

export const ACCOUNT_ROLES = ['management', 'security', 'log-archive', 'workload'] as const;

export const AccountSchema = strict({
  /** Name used everywhere else in the config (environments, assignments) and in resource names. */
  name: kebabName,
  /** What the account is for: one each of management, security and log-archive; any number of workload accounts. */
  role: z.enum(ACCOUNT_ROLES, { error: `is not an account role (allowed: ${ACCOUNT_ROLES.join(', ')})` }),
  /** The 12-digit account ID. `landfall accounts sync` fills it in from the organization. */
  id: accountId,
  /** The account's root email address; unique across AWS. */
  email,
  /** Monthly cost budget for the account, in USD. */
  monthlyBudgetUsd: positiveUsd,
});
export type AccountConfig = z.infer<typeof AccountSchema>;
export type AccountRole = AccountConfig['role'];
