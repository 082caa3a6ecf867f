import { z } from 'zod';
import { strict } from '../fields';

/**
 * An objective as a percentage of good events. Below 90% a 30-day error budget is so large that multi-window
 * burn-rate alerting no longer separates noise from incidents; 100% leaves no error budget to burn.
 */
const objectivePercent = z
  .number()
  .min(90, 'is below 90% (allowed: at least 90 and below 100, for example 99.9)')
  .lt(100, 'leaves no error budget (allowed: at least 90 and below 100, for example 99.9)');

const percentOfCapacity = z
  .number()
  .gt(0, 'is not a percentage above 0 (allowed: more than 0, at most 100)')
  .max(100, 'is not a percentage of at most 100 (allowed: more than 0, at most 100)');

const milliseconds = z
  .number()
  .int('must be a whole number of milliseconds')
  .positive('must be a positive number of milliseconds (for example 300)');

export const WebSloSchema = strict({
  /** Share of requests that must not fail with a 5xx from the service, over 30 days. @default 99.9 */
  availabilityPercent: objectivePercent.default(99.9),
  /** A request is fast enough when the service answers within this many milliseconds. @default 500 */
  latencyTargetMs: milliseconds.default(500),
  /** Share of requests that must be fast enough, over 30 days. @default 99 */
  latencyPercent: objectivePercent.default(99),
  /**
   * Opt in to the error budget policy's release freeze: `landfall deploy-window check ENV --error-budgets` refuses a
   * deploy while this service has spent its 30-day availability or latency budget (fixes go through with `--force`).
   * @default false
   */
  freezeReleasesWhenBudgetSpent: z.boolean().default(false),
});

export const WebAlarmsSchema = strict({
  /** p99 of the target response time that opens a ticket. @default 4 x slo.latencyTargetMs */
  p99LatencyMs: milliseconds.optional(),
  /** Share of 5xx responses over 15 minutes that opens a ticket. @default 5 */
  server5xxPercent: percentOfCapacity.default(5),
  /** Average CPU of the service over 15 minutes that opens a ticket. @default 90 */
  cpuPercent: percentOfCapacity.default(90),
  /** Average memory of the service over 15 minutes that opens a ticket. @default 90 */
  memoryPercent: percentOfCapacity.default(90),
});

export const WorkerAlarmsSchema = strict({
  /**
   * The oldest message may wait this long before someone is paged. Longer than `maxProcessingSeconds` (a message
   * being processed still counts). @default 10 x maxProcessingSeconds, at least 300
   */
  maxMessageAgeSeconds: z
    .number()
    .int('must be a whole number of seconds')
    .min(60, 'is too short (allowed: 60 to 1209600 seconds, the longest message retention)')
    .max(1209600, 'is longer than SQS keeps a message (allowed: 60 to 1209600 seconds)')
    .optional(),
  /** Messages waiting while none is processed for this many minutes pages someone. @default 15 */
  stalledMinutes: z
    .number()
    .int('must be a whole number of minutes')
    .min(5, 'is too short (allowed: 5 to 1440 minutes)')
    .max(1440, 'is too long (allowed: 5 to 1440 minutes: CloudWatch evaluates 1-minute data over at most a day)')
    .default(15),
  /** Average CPU of the worker over 15 minutes that opens a ticket. @default 90 */
  cpuPercent: percentOfCapacity.default(90),
  /** Average memory of the worker over 15 minutes that opens a ticket. @default 90 */
  memoryPercent: percentOfCapacity.default(90),
});

/** Spread into the web service schema: objectives and alarm thresholds. */
export const webOperations = {
  /** Service level objectives; they become multi-window, multi-burn-rate alarms. */
  slo: WebSloSchema.prefault({}),
  /** Thresholds of the service's other alarms. */
  alarms: WebAlarmsSchema.prefault({}),
};

/** Spread into the worker schema: alarm thresholds. */
export const workerOperations = {
  /** Thresholds of the worker's alarms. */
  alarms: WorkerAlarmsSchema.prefault({}),
};

export type WebSloConfig = z.infer<typeof WebSloSchema>;
export type WebAlarmsConfig = z.infer<typeof WebAlarmsSchema>;
export type WorkerAlarmsConfig = z.infer<typeof WorkerAlarmsSchema>;
