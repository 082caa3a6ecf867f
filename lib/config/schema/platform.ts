import { z } from 'zod';
import { availabilityZone, region, strict } from '../fields';
import { AccountSchema } from './accounts';
import { CostSchema } from './cost';
import { DeploySchema } from './deploy';
import { EnvironmentSchema } from './environments';
import { IdentityCenterSchema } from './identity-center';
import { LogArchiveSchema } from './log-archive';
import { NotificationsSchema } from './notifications';
import { GuardrailsSchema, organizationId, organizationRootId } from './organization';
import { GuardDutySchema, SecurityHubSchema } from './security';

export const OrganizationSchema = strict({
  /** Short organization name: prefixes bucket and resource names, so lowercase letters, digits and dashes. */
  name: z
    .string()
    .regex(
      /^[a-z][a-z0-9-]{1,19}$/,
      'must be 2-20 characters of lowercase letters, digits and dashes, starting with a letter',
    ),
  /** The team that owns the platform: the `landfall:owner` tag on every resource. */
  owner: z.string().min(1, 'must name the owning team'),
  /** The AWS Organizations ID (`o-...`): bucket policies admit this organization's accounts only. */
  id: organizationId,
  /** The organization root's ID (`r-...`): parent of the top-level OUs, target of root SCPs and Security Hub policy. */
  rootId: organizationRootId,
});

/** `config/platform.ts`: the organization, its accounts and environments. Services live in `config/services/`. */
export const PlatformSchema = strict({
  organization: OrganizationSchema,
  /** The region where everything regional is deployed (a `us-east-1` billing stack is the only exception). */
  homeRegion: region,
  /** Availability zones of the home region used by the VPCs. Explicit, so synth never looks them up. */
  availabilityZones: z
    .array(availabilityZone)
    .min(2, 'needs at least 2 availability zones')
    .max(6, 'allows at most 6 availability zones'),
  /** Regions where workloads may run; every other region is denied by SCP (global services exempt). */
  allowedRegions: z.array(region).min(1, 'needs at least the home region'),
  accounts: z
    .array(AccountSchema)
    .min(4, 'needs the management, security and log-archive accounts and at least one workload account'),
  environments: z.array(EnvironmentSchema).min(1, 'needs at least one environment'),
  notifications: NotificationsSchema,
  deploy: DeploySchema,
  /** SCP guardrails: break-glass role name and your own SCPs. */
  guardrails: GuardrailsSchema.prefault({}),
  /** IAM Identity Center instance, groups and who gets which permission set where. */
  identityCenter: IdentityCenterSchema,
  /** Lifecycle of the central log buckets. */
  logArchive: LogArchiveSchema.prefault({}),
  /** Security Hub central configuration: standards and disabled controls. */
  securityHub: SecurityHubSchema.prefault({}),
  /** GuardDuty organization settings. */
  guardDuty: GuardDutySchema.prefault({}),
  /** Cost alarms in the management account. @default budgets from accounts[].monthlyBudgetUsd, anomaly detection, billing alarm */
  cost: CostSchema.prefault({}),
});
export type PlatformConfig = z.infer<typeof PlatformSchema>;
export type PlatformInput = z.input<typeof PlatformSchema>;
