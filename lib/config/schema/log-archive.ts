import { z } from 'zod';
import { days, logRetentionDays, strict } from '../fields';

/**
 * How long one kind of log stays in which storage class. Objects move to Standard-IA, then to Glacier Flexible
 * Retrieval, then expire; a step left out is skipped. S3 requires 30 days before Standard-IA and 30 days in
 * Standard-IA before Glacier; `checkLogArchive` reports orders S3 would reject.
 */
const LifecycleSchema = strict({
  /** Days after creation before objects move to Standard-IA. */
  infrequentAccessAfterDays: days
    .min(30, 'is too early (S3 moves objects to Standard-IA after 30 days at the soonest)')
    .optional(),
  /** Days after creation before objects move to Glacier Flexible Retrieval. */
  archiveAfterDays: days.optional(),
  /** Days after creation before objects are deleted. */
  expireAfterDays: days,
});
export type LifecycleConfig = z.infer<typeof LifecycleSchema>;

const DEFAULTS = {
  cloudtrail: { infrequentAccessAfterDays: 90, archiveAfterDays: 365, expireAfterDays: 2557 },
  config: { infrequentAccessAfterDays: 90, archiveAfterDays: 365, expireAfterDays: 2557 },
  alb: { infrequentAccessAfterDays: 30, archiveAfterDays: 90, expireAfterDays: 400 },
  accessLogs: { infrequentAccessAfterDays: 30, expireAfterDays: 365 },
} as const;

/**
 * S3 Object Lock on the CloudTrail, Config and load balancer log buckets, in governance mode: no object version
 * can be deleted or overwritten before its retention ends, except by a principal with
 * `s3:BypassGovernanceRetention` (the guardrails deny it to all but break-glass). The server access log bucket
 * never has it ("S3 buckets with Object Lock can't be used as destination buckets for server access logs",
 * Amazon S3 User Guide, "Configuring S3 Object Lock").
 */
const ObjectLockSchema = strict({
  /**
   * Create the log buckets with Object Lock. Set false for buckets created before landfall enabled it:
   * CloudFormation replaces a bucket whose `ObjectLockEnabled` changes, which fails for named buckets
   * (docs/organization.md, "Object Lock on buckets that already exist").
   * @default true
   */
  enabled: z.boolean().default(true),
  /** Days every new log object version is locked after it is written. @default 365 */
  retentionDays: days.default(365),
});
export type ObjectLockConfig = z.infer<typeof ObjectLockSchema>;

/** The central log buckets in the log-archive account: lifecycle per kind of log. */
export const LogArchiveSchema = strict({
  /** Organization CloudTrail logs. @default IA after 90 days, Glacier after 365, expire after 7 years */
  cloudtrail: LifecycleSchema.default(DEFAULTS.cloudtrail),
  /** AWS Config snapshots and history of every account. @default IA after 90 days, Glacier after 365, expire after 7 years */
  config: LifecycleSchema.default(DEFAULTS.config),
  /** Load balancer access logs. @default IA after 30 days, Glacier after 90, expire after 400 */
  alb: LifecycleSchema.default(DEFAULTS.alb),
  /** S3 server access logs of the three log buckets. @default IA after 30 days, expire after 365 */
  accessLogs: LifecycleSchema.default(DEFAULTS.accessLogs),
  /**
   * Days the organization trail's copy in CloudWatch Logs (management account) is kept, for metric filters and
   * quick queries; the bucket keeps the archive. @default 365
   */
  trailCloudWatchLogsRetentionDays: logRetentionDays.default(365),
  /** Days a replaced or deleted object version is kept (the buckets are versioned). @default 90 */
  noncurrentVersionExpireAfterDays: days.default(90),
  /** Object Lock (governance mode) of the CloudTrail, Config and load balancer log buckets. @default enabled, 365 days */
  objectLock: ObjectLockSchema.prefault({}),
});
export type LogArchiveConfig = z.infer<typeof LogArchiveSchema>;
export type LogArchiveInput = z.input<typeof LogArchiveSchema>;
