import { z } from 'zod';
import { emailList, positiveUsd, strict } from '../fields';
import { slackChannelId } from './notifications';

export const ANOMALY_FREQUENCIES = ['IMMEDIATE', 'DAILY', 'WEEKLY'] as const;

export const AnomalyDetectionSchema = strict({
  /** Alert on an anomaly whose total impact is at least this many USD. @default 100 */
  absoluteUsd: positiveUsd.default(100),
  /** Alert on an anomaly whose total impact is at least this percentage of the expected spend. @default 20 */
  percentage: z.number().positive('must be a positive percentage (for example 20)').finite().default(20),
  /** `both`: an anomaly must cross both thresholds (fewer, larger alerts); `either`: one is enough. @default 'both' */
  trigger: z.enum(['both', 'either'], { error: 'is not allowed (allowed: "both", "either")' }).default('both'),
  /**
   * IMMEDIATE alerts go to the cost topic (SNS: needs `cost.slackChannelId`); DAILY and WEEKLY digests go by email
   * to `cost.emails` (Cost Anomaly Detection allows no other combination).
   * @default 'DAILY'
   */
  frequency: z
    .enum(ANOMALY_FREQUENCIES, { error: `is not allowed (allowed: ${ANOMALY_FREQUENCIES.join(', ')})` })
    .default('DAILY'),
});

/** Cost alarms in the management account: a budget per account, anomaly detection, the billing alarm. */
export const CostSchema = strict({
  /**
   * Who receives budget notifications (ACTUAL 80% and 100%, FORECASTED 100%), anomaly digests and the billing alarm
   * by email. AWS Budgets allows 10 addresses per notification. @default notifications.emails
   */
  emails: emailList.max(10, 'has too many addresses (AWS Budgets allows at most 10 email subscribers)').optional(),
  /** Slack channel of the cost topic (budgets, IMMEDIATE anomalies, billing alarm); needs `notifications.slackWorkspaceId`. */
  slackChannelId: slackChannelId.optional(),
  anomalyDetection: AnomalyDetectionSchema.prefault({}),
  /**
   * The organization's month-to-date `EstimatedCharges` (us-east-1) alarm threshold, in USD.
   * @default the sum of every account's monthlyBudgetUsd
   */
  billingAlarmUsd: positiveUsd.optional(),
});
export type CostConfig = z.infer<typeof CostSchema>;
export type AnomalyDetectionConfig = z.infer<typeof AnomalyDetectionSchema>;
