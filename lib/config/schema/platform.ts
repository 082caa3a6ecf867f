import { z } from 'zod';
import { availabilityZone, region, strict } from '../fields';
import { AccountSchema } from './accounts';
import { CostSchema } from './cost';
import { DeploySchema } from './deploy';
import { EnvironmentSchema } from './environments';
import { NotificationsSchema } from './notifications';

export const OrganizationSchema = strict({
  /** Short organization name: prefixes bucket and resource names, so lowercase letters, digits and dashes. */
  name: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,19}$/, 'must be 2-20 characters of lowercase letters, digits and dashes, starting with a letter'),
  /** The team that owns the platform: the `landfall:owner` tag on every resource. */
  owner: z.string().min(1, 'must name the owning team'),
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
  accounts: z.array(AccountSchema).min(4, 'needs the management, security and log-archive accounts and at least one workload account'),
  environments: z.array(EnvironmentSchema).min(1, 'needs at least one environment'),
  notifications: NotificationsSchema,
  deploy: DeploySchema,
  /** Cost alarms in the management account. @default budgets from accounts[].monthlyBudgetUsd, anomaly detection, billing alarm */
  cost: CostSchema.prefault({}),
});
export type PlatformConfig = z.infer<typeof PlatformSchema>;
export type PlatformInput = z.input<typeof PlatformSchema>;
