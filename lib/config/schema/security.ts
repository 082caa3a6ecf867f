import { z } from 'zod';
import { strict } from '../fields';

/** CIS AWS Foundations Benchmark versions Security Hub offers as standards with an ARN per region. */
export const CIS_VERSIONS = ['1.4.0', '3.0.0'] as const;

const DisabledControlSchema = strict({
  /** Security Hub control ID, for example `IAM.6` or `Macie.1`. */
  control: z.string().regex(/^[A-Za-z0-9]+\.\d+$/, 'is not a Security Hub control ID (for example IAM.6)'),
  /** Why the control is off, so a reviewer can judge it (at least 20 characters). */
  reason: z.string().min(20, 'needs a reason a reviewer can check (at least 20 characters)'),
});

/** Security Hub central configuration, applied to the whole organization from the security account. */
export const SecurityHubSchema = strict({
  /** CIS AWS Foundations Benchmark version enabled next to AWS Foundational Security Best Practices. @default '3.0.0' */
  cisVersion: z
    .enum(CIS_VERSIONS, { error: `is not a CIS version Security Hub offers (allowed: ${CIS_VERSIONS.join(', ')})` })
    .default('3.0.0'),
  /** Controls turned off in every account, each with its reason. @default [] */
  disabledControls: z.array(DisabledControlSchema).default([]),
});
export type SecurityHubConfig = z.infer<typeof SecurityHubSchema>;

/** GuardDuty, configured by the security account as delegated administrator. */
export const GuardDutySchema = strict({
  /** How often updated findings are published to EventBridge. @default 'FIFTEEN_MINUTES' */
  findingPublishingFrequency: z.enum(['FIFTEEN_MINUTES', 'ONE_HOUR', 'SIX_HOURS']).default('FIFTEEN_MINUTES'),
  /** Lowest GuardDuty severity sent to the security notification topic (GuardDuty's "high" starts at 7). @default 7 */
  notifySeverityAtLeast: z.number().min(1).max(10).default(7),
});
export type GuardDutyConfig = z.infer<typeof GuardDutySchema>;
