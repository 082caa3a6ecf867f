import { z } from 'zod';
import { accountId, email, kebabName, positiveUsd, region, strict } from '../fields';
import { OuPathSchema } from './organization';
import { slackChannelId } from './notifications';

export const ACCOUNT_ROLES = ['management', 'security', 'log-archive', 'workload'] as const;

/**
 * What an adopted account already has that AWS allows only once, so landfall must not create a second one
 * (docs/organization.md, "Adopting existing accounts").
 */
export const ExistingResourcesSchema = strict({
  /**
   * The account already has an AWS Config configuration recorder and delivery channel (AWS Config allows one of
   * each per account and region): `true` in every allowed region, or the list of regions. landfall's Baseline
   * then creates neither there; point the existing delivery channel at the log-archive Config bucket.
   * @default false
   */
  configRecorder: z.union([z.boolean(), z.array(region).min(1, 'needs at least one region (or use true)')]).optional(),
  /**
   * Slack channel IDs that already have an AWS Chatbot configuration in this account (AWS Chatbot allows one per
   * channel and account). landfall refuses to configure them again. @default []
   */
  slackChannels: z.array(slackChannelId).optional(),
  /**
   * The account already has the IAM OIDC provider for GitHub Actions (`https://token.actions.githubusercontent.com`,
   * audience `sts.amazonaws.com`), created outside landfall. IAM holds one provider per URL per account, so the
   * Baseline stack's deploy role trusts that provider instead of creating it.
   * @default false
   */
  githubOidcProvider: z.boolean().optional(),
});
export type ExistingResourcesConfig = z.infer<typeof ExistingResourcesSchema>;

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
   * The account exists outside the organization and joins it by invitation instead of being created:
   * `landfall accounts invite NAME` from the management account, `landfall accounts accept` with the account's own
   * credentials (docs/getting-started.md). Set `importPending` too until the account is in the organization.
   * @default false
   */
  invited: z.boolean().optional(),
  /** Singletons an adopted account already has (Config recorder, Chatbot channels). @default none */
  existing: ExistingResourcesSchema.optional(),
});
export type AccountConfig = z.infer<typeof AccountSchema>;
export type AccountRole = AccountConfig['role'];
