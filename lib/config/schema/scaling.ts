import { z } from 'zod';
import { strict } from '../fields';

const WEB_BOUND = 'is not allowed for a web service (minimum: 1 task; only workers scale to zero)';
const WORKER_MAX = 'is not allowed for a worker (minimum: 1 task; a worker that may never run cannot drain its queue)';

const tasks = (minimum: number, message: string) =>
  z
    .number()
    .int('must be a whole number of tasks')
    .min(minimum, message)
    .max(1000, 'is too large (maximum: 1000 tasks)');

/** Task bounds, for every tier or for one tier. Unset bounds come from the tier profile. */
const bounds = (min: z.ZodNumber, max: z.ZodNumber) => ({
  /** Lower bound of running tasks. @default the tier profile's `minTasks` (web) or `workerMinTasks` (worker) */
  minTasks: min.optional(),
  /** Upper bound of running tasks. @default the tier profile's `maxTasks` */
  maxTasks: max.optional(),
});

const perTier = (min: z.ZodNumber, max: z.ZodNumber) =>
  strict({
    dev: strict(bounds(min, max)).optional(),
    stg: strict(bounds(min, max)).optional(),
    prod: strict(bounds(min, max)).optional(),
  });

const percent = (low: number, high: number) =>
  z
    .number()
    .min(low, `is too small (allowed: ${low}-${high} percent)`)
    .max(high, `is too large (allowed: ${low}-${high} percent)`);

const webMin = tasks(1, WEB_BOUND);
const webMax = tasks(1, WEB_BOUND);

/** `scaling` of a web service: target tracking on CPU, memory and requests per target. */
export const WebScalingSchema = strict({
  ...bounds(webMin, webMax),
  /** Bounds for one tier only, over the bounds above: `{ prod: { minTasks: 3 } }`. */
  perTier: perTier(webMin, webMax).optional(),
  /** Average CPU utilization the service is scaled to hold. @default 60 */
  cpuTargetPercent: percent(10, 90).optional(),
  /** Average memory utilization the service is scaled to hold. @default 75 */
  memoryTargetPercent: percent(10, 95).optional(),
  /** Load balancer requests per task per minute the service is scaled to hold. @default 1000 */
  requestsPerTarget: z
    .number()
    .int('must be a whole number')
    .min(1, 'is too small (minimum: 1 request per minute)')
    .optional(),
  /**
   * Scale to zero outside the environment's working hours where the tier profile allows it (`scheduledScaleDown`).
   * Set false for a service that must stay up. @default true
   */
  scheduledScaleDown: z.boolean().optional(),
});
export type WebScalingConfig = z.infer<typeof WebScalingSchema>;

const workerMin = tasks(0, 'is too small (minimum: 0 tasks)');
const workerMax = tasks(1, WORKER_MAX);

/** `scaling` of a worker: tasks follow the backlog (visible + in-flight messages), down to zero. */
export const WorkerScalingSchema = strict({
  ...bounds(workerMin, workerMax),
  perTier: perTier(workerMin, workerMax).optional(),
  /** Messages (waiting or in flight) one task is expected to hold; tasks = ceil(backlog / messagesPerTask). @default 10 */
  messagesPerTask: z
    .number()
    .int('must be a whole number')
    .min(1, 'is too small (minimum: 1 message per task)')
    .optional(),
});
export type WorkerScalingConfig = z.infer<typeof WorkerScalingSchema>;
