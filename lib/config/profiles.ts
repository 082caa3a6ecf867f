import { z } from 'zod';
import { logRetentionDays, strict } from './fields';
import { OuPathSchema } from './schema/organization';

export const TIERS = ['dev', 'stg', 'prod'] as const;
export const TierSchema = z.enum(TIERS, { error: `is not a tier (allowed: ${TIERS.join(', ')})` });
export type Tier = z.infer<typeof TierSchema>;

/**
 * Everything that differs between tiers, as data. An environment gets the profile of its tier, with the
 * environment's `overrides` merged on top; constructs receive these numbers and flags, never a tier name.
 */
/** Aurora Serverless v2 capacity in ACUs: 0 to 256 in steps of 0.5 (RDS API, ServerlessV2ScalingConfiguration). */
const acu = (lowest: number) =>
  z
    .number()
    .min(lowest, `is not an Aurora Serverless v2 capacity (allowed: ${lowest}-256 ACUs in steps of 0.5)`)
    .max(256, `is not an Aurora Serverless v2 capacity (allowed: ${lowest}-256 ACUs in steps of 0.5)`)
    .refine((v) => Number.isInteger(v * 2), {
      error: `is not an Aurora Serverless v2 capacity (allowed: ${lowest}-256 ACUs in steps of 0.5)`,
    });

/**
 * The fewest days of automated backups each tier may keep, whatever its overrides say: production restores from
 * backups of at least a week. Aurora allows 1-35 days (CreateDBCluster, BackupRetentionPeriod).
 */
export const MIN_BACKUP_RETENTION_DAYS: Readonly<Record<Tier, number>> = { dev: 1, stg: 1, prod: 7 };

/** How a web service's new revision reaches traffic (ECS `DeploymentConfiguration.Strategy`). */
export const DEPLOYMENT_STRATEGIES = ['canary', 'linear', 'rolling'] as const;
export const DeploymentStrategySchema = z.enum(DEPLOYMENT_STRATEGIES, {
  error: `is not a deployment strategy (allowed: ${DEPLOYMENT_STRATEGIES.join(', ')})`,
});
export type DeploymentStrategy = z.infer<typeof DeploymentStrategySchema>;

/** A traffic share ECS accepts: multiples of 0.1 from `lowest` to 100 (CanaryConfiguration, LinearConfiguration). */
const trafficPercent = (lowest: number, what: string) => {
  const allowed = `${what} ECS allows (allowed: multiples of 0.1 from ${lowest.toFixed(1)} to 100.0 percent)`;
  const tenths = (v: number) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9;
  return z.number().refine((v) => v >= lowest && v <= 100 && tenths(v), { error: `is not a ${allowed}` });
};

/** Whole minutes from 0 to 1440 (24 hours): the range ECS allows for canary and linear step waits. */
const deploymentMinutes = (what: string) =>
  z
    .number()
    .int('must be a whole number of minutes')
    .min(0, `is not a ${what} ECS allows (allowed: 0-1440 minutes)`)
    .max(1440, `is not a ${what} ECS allows (allowed: 0-1440 minutes)`);

/** The deployment settings of a tier profile, also accepted per web service (`deployment` in a service file). */
export const deploymentFields = {
  /** `canary`: a small share of traffic for a while, then all; `linear`: equal steps; `rolling`: tasks replaced in place. */
  deploymentStrategy: DeploymentStrategySchema,
  /** Share of production traffic the new revision gets during the canary phase, in percent. */
  canaryPercent: trafficPercent(0.1, 'canary share'),
  /** Minutes the canary share runs before the rest of the traffic moves. */
  canaryIntervalMinutes: deploymentMinutes('canary interval'),
  /** Share of production traffic each linear step moves, in percent. */
  linearStepPercent: trafficPercent(3, 'linear step'),
  /** Minutes between linear steps (not applied after the last step). */
  linearIntervalMinutes: deploymentMinutes('linear step interval'),
  /**
   * Minutes both revisions keep running after all traffic moved (canary, linear): a rollback inside them only moves
   * traffic back. landfall allows 0-1440 minutes.
   */
  deploymentBakeMinutes: deploymentMinutes('bake time'),
};

export const TierProfileSchema = strict({
  /** AWS Config recording frequency of the Baseline stack. CONTINUOUS records every change; DAILY is cheaper. */
  configRecordingFrequency: z.enum(['CONTINUOUS', 'DAILY']),
  /** CloudFormation termination protection on the environment's stacks. */
  terminationProtection: z.boolean(),
  /** NAT gateways in the VPC (1 = shared by every zone; one per zone for zone independence). */
  natGateways: z.number().int().min(0).max(6),
  /** `gateway` (managed NAT) or `instance` (a t4g.nano NAT instance, a cost option for dev). */
  natProvider: z.enum(['gateway', 'instance']),
  /** ECS Container Insights on the cluster. */
  containerInsights: z.boolean(),
  /** Retention of application, flow and platform log groups, in days: a value CloudWatch Logs accepts. */
  logRetentionDays,
  /** Keep queues, buckets and log groups when a stack is deleted or a resource replaced. */
  retainData: z.boolean(),
  /** Deletion protection on the shared load balancer. */
  loadBalancerDeletionProtection: z.boolean(),
  /** Default lower bound of running tasks of a web service. */
  minTasks: z.number().int().min(1),
  /** Default upper bound of running tasks of a web service or worker. */
  maxTasks: z.number().int().min(1),
  /** Default lower bound of running tasks of a worker; 0 lets an idle worker scale to zero. */
  workerMinTasks: z.number().int().min(0),
  /** Scale non-prod services down outside working hours (services may opt out). */
  scheduledScaleDown: z.boolean(),
  /** Whether alarms notify anyone (page and ticket topics); off in dev so experiments do not wake people. */
  alarmActionsEnabled: z.boolean(),
  /** Identity Center session duration for this tier's accounts, in hours. */
  sessionDurationHours: z
    .number()
    .int('must be a whole number of hours')
    .min(1, 'is not a session duration Identity Center allows (allowed: 1-12 hours)')
    .max(12, 'is not a session duration Identity Center allows (allowed: 1-12 hours)'),
  /** The OU the tier's workload accounts are placed in. */
  organizationalUnit: OuPathSchema,
  /** What the Developer permission set grants here: `power-user` (build and change) or `read-only` (plus logs). */
  developerAccess: z.enum(['power-user', 'read-only']),
  /** Lowest Aurora Serverless v2 capacity of a database, in ACUs; 0 lets an idle database pause (engine versions with auto-pause). */
  databaseMinCapacityAcu: acu(0),
  /** Highest Aurora Serverless v2 capacity of a database, in ACUs (1 ACU is about 2 GiB of memory). */
  databaseMaxCapacityAcu: acu(1),
  /** Minutes without connections before a database at 0 ACUs pauses (Aurora allows 5 minutes to 24 hours). */
  databaseAutoPauseMinutes: z
    .number()
    .int('must be a whole number of minutes')
    .min(5, 'is not an auto-pause delay Aurora allows (allowed: 5-1440 minutes)')
    .max(1440, 'is not an auto-pause delay Aurora allows (allowed: 5-1440 minutes)'),
  /** Reader instances besides the writer, placed in other availability zones (a failover target each). */
  databaseReaders: z.number().int().min(0).max(15, 'is too many readers (allowed: 0-15, the Aurora limit)'),
  /** Days of automated backups (point-in-time restore). */
  databaseBackupRetentionDays: z
    .number()
    .int('must be a whole number of days')
    .min(1, 'is not a backup retention Aurora allows (allowed: 1-35 days)')
    .max(35, 'is not a backup retention Aurora allows (allowed: 1-35 days)'),
  /** Deletion protection on database clusters (a delete fails until it is turned off). */
  databaseDeletionProtection: z.boolean(),
  /** Database Insights mode: `off`, `standard` (Performance Insights, 7 days, no charge) or `advanced` (15 months, charged per ACU-hour). */
  databaseInsights: z.enum(['off', 'standard', 'advanced']),
  /**
   * Days a secret of the environment's account may stay unchanged before the secret-age watch reports it (AWS Config
   * rule secretsmanager-secret-periodic-rotation, maxDaysSinceRotation).
   */
  secretMaxAgeDays: z
    .number()
    .int('must be a whole number of days')
    .min(1, 'is not a secret age the watch can check (allowed: 1-3650 days)')
    .max(3650, 'is not a secret age the watch can check (allowed: 1-3650 days)'),
  ...deploymentFields,
});
export type TierProfile = z.infer<typeof TierProfileSchema>;

export const PROFILES: Readonly<Record<Tier, TierProfile>> = {
  dev: {
    configRecordingFrequency: 'DAILY',
    terminationProtection: false,
    natGateways: 1,
    natProvider: 'gateway',
    containerInsights: false,
    logRetentionDays: 14,
    retainData: false,
    loadBalancerDeletionProtection: false,
    minTasks: 1,
    maxTasks: 4,
    workerMinTasks: 0,
    scheduledScaleDown: true,
    alarmActionsEnabled: false,
    sessionDurationHours: 12,
    organizationalUnit: 'Workloads/NonProd',
    developerAccess: 'power-user',
    databaseMinCapacityAcu: 0,
    databaseMaxCapacityAcu: 2,
    databaseAutoPauseMinutes: 10,
    databaseReaders: 0,
    databaseBackupRetentionDays: 1,
    databaseDeletionProtection: false,
    databaseInsights: 'off',
    secretMaxAgeDays: 365,
    deploymentStrategy: 'rolling',
    canaryPercent: 10,
    canaryIntervalMinutes: 5,
    linearStepPercent: 25,
    linearIntervalMinutes: 2,
    deploymentBakeMinutes: 0,
  },
  stg: {
    configRecordingFrequency: 'DAILY',
    terminationProtection: false,
    natGateways: 1,
    natProvider: 'gateway',
    containerInsights: true,
    logRetentionDays: 30,
    retainData: false,
    loadBalancerDeletionProtection: false,
    minTasks: 1,
    maxTasks: 6,
    workerMinTasks: 0,
    scheduledScaleDown: true,
    alarmActionsEnabled: true,
    sessionDurationHours: 8,
    organizationalUnit: 'Workloads/NonProd',
    developerAccess: 'read-only',
    databaseMinCapacityAcu: 0.5,
    databaseMaxCapacityAcu: 4,
    databaseAutoPauseMinutes: 10,
    databaseReaders: 0,
    databaseBackupRetentionDays: 7,
    databaseDeletionProtection: false,
    databaseInsights: 'standard',
    secretMaxAgeDays: 180,
    deploymentStrategy: 'linear',
    canaryPercent: 10,
    canaryIntervalMinutes: 5,
    linearStepPercent: 25,
    linearIntervalMinutes: 3,
    deploymentBakeMinutes: 5,
  },
  prod: {
    configRecordingFrequency: 'CONTINUOUS',
    terminationProtection: true,
    natGateways: 3,
    natProvider: 'gateway',
    containerInsights: true,
    logRetentionDays: 365,
    retainData: true,
    loadBalancerDeletionProtection: true,
    minTasks: 2,
    maxTasks: 20,
    workerMinTasks: 1,
    scheduledScaleDown: false,
    alarmActionsEnabled: true,
    sessionDurationHours: 4,
    organizationalUnit: 'Workloads/Prod',
    developerAccess: 'read-only',
    databaseMinCapacityAcu: 1,
    databaseMaxCapacityAcu: 16,
    databaseAutoPauseMinutes: 10,
    databaseReaders: 1,
    databaseBackupRetentionDays: 14,
    databaseDeletionProtection: true,
    databaseInsights: 'standard',
    secretMaxAgeDays: 90,
    deploymentStrategy: 'canary',
    canaryPercent: 5,
    canaryIntervalMinutes: 15,
    linearStepPercent: 10,
    linearIntervalMinutes: 6,
    deploymentBakeMinutes: 30,
  },
};

/** Resolve an environment's profile: the tier's defaults with the environment's overrides on top. */
export function resolveProfile(tier: Tier, overrides: Partial<TierProfile> | undefined): TierProfile {
  return { ...PROFILES[tier], ...overrides };
}
