import { z } from 'zod';
import { strict } from '../fields';

const hour = z
  .number()
  .int('must be a whole hour')
  .min(0, 'is not an hour of the day (allowed: 0-23)')
  .max(23, 'is not an hour of the day (allowed: 0-23)');

const DAY_RANGES = ['MON-FRI', 'MON-SAT', 'SUN-THU', 'MON-SUN'] as const;

/**
 * `environments[].workingHours`: when people use a non-prod environment. Where the tier profile has
 * `scheduledScaleDown`, web services scale to zero tasks at `endHour` and come back at `startHour` on `days`.
 */
export const WorkingHoursSchema = strict({
  /** IANA time zone the hours are in, for example `Asia/Tokyo`. @default 'UTC' */
  timeZone: z
    .string()
    .refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC', {
      error: 'is not an IANA time zone (for example Asia/Tokyo, Europe/Berlin, UTC)',
    })
    .default('UTC'),
  /** Days with working hours; services stay scaled down over the other days. @default 'MON-FRI' */
  days: z.enum(DAY_RANGES, { error: `is not a day range (allowed: ${DAY_RANGES.join(', ')})` }).default('MON-FRI'),
  /** Hour services scale back up. @default 8 */
  startHour: hour.default(8),
  /** Hour services scale to zero. @default 20 */
  endHour: hour.default(20),
});
export type WorkingHoursConfig = z.infer<typeof WorkingHoursSchema>;
