import { z } from 'zod';
import { accountId, email, kebabName, positiveUsd, strict } from '../fields';
import { OuPathSchema } from './organization';

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
  /**
   * OU the account belongs to, overriding the default (shared accounts: `Security`; workload accounts: their
   * environment's tier profile). Set `Suspended` to decommission an account (see docs/organization.md).
   * @default from the account's role and tier
   */
  organizationalUnit: OuPathSchema.optional(),
  /**
   * The account already exists and is being adopted: the Organization stack leaves it out until you remove this
   * flag and run `cdk import` (CloudFormation imports only into an otherwise unchanged stack; docs/organization.md).
   * @default false
   */
  importPending: z.boolean().optional(),
  /**
   * What an adopted account already has, which landfall then uses instead of creating a second one.
   * @default nothing: landfall creates everything
   */
  existing: strict({
    /**
     * The account already has the IAM OIDC provider for GitHub Actions (`https://token.actions.githubusercontent.com`,
     * audience `sts.amazonaws.com`), created outside landfall. IAM holds one provider per URL per account, so the
     * Baseline stack's deploy role trusts that provider instead of creating it.
     * @default false
     */
    githubOidcProvider: z.boolean().optional(),
  }).optional(),
});
export type AccountConfig = z.infer<typeof AccountSchema>;
export type AccountRole = AccountConfig['role'];
