import { z } from 'zod';
import { strict } from '../fields';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Whether the runtime's time zone database knows `name` (IANA names such as `Asia/Tokyo`, and `UTC`). */
export function isTimeZone(name: string): boolean {
  if (name.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const timeZone = z.string().refine(isTimeZone, {
  error: 'is not an IANA time zone (for example Asia/Tokyo, Europe/Berlin, UTC)',
});

const TIME_OF_DAY = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `HH:MM` on a 24-hour clock; `24:00` is the end of the day. */
const timeOfDay = z.string().regex(TIME_OF_DAY, 'is not a time of day (HH:MM, from 00:00 to 24:00)');

/** `YYYY-MM-DD` that exists in the calendar. */
const calendarDate = z
  .string()
  .regex(DATE, 'is not a date (YYYY-MM-DD)')
  .refine(
    (v) => {
      const t = Date.parse(`${v}T00:00:00Z`);
      return !DATE.test(v) || (!Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v);
    },
    { error: 'is not a calendar date' },
  );

export const FreezeSchema = strict({
  /** First frozen day (in the window's time zone). */
  from: calendarDate,
  /** Last frozen day, inclusive. @default the same day as `from` */
  to: calendarDate.optional(),
  /** Why deploys are frozen; printed when a deploy is refused. */
  reason: z.string().min(1, 'must say why deploys are frozen'),
}).superRefine((freeze, ctx) => {
  // Order only well-formed dates: a malformed one already has its own problem.
  if (freeze.to !== undefined && DATE.test(freeze.from) && DATE.test(freeze.to) && freeze.to < freeze.from) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      input: freeze.to,
      message: `is before from "${freeze.from}" (a freeze ends on or after the day it starts)`,
    });
  }
});

export const DeployWindowSchema = strict({
  /** IANA time zone the days, hours and freeze dates are in (for example `Asia/Tokyo`). */
  timeZone,
  /** Weekdays deploys may start on. */
  days: z
    .array(z.enum(WEEKDAYS, { error: `is not a weekday (allowed: ${WEEKDAYS.join(', ')})` }))
    .min(1, 'needs at least one day'),
  /** Hours of those days deploys may start in: from `from` (inclusive) to `to` (exclusive), same day. */
  hours: strict({ from: timeOfDay, to: timeOfDay }).superRefine((hours, ctx) => {
    if (TIME_OF_DAY.test(hours.from) && TIME_OF_DAY.test(hours.to) && hours.to <= hours.from) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        input: hours.to,
        message: `is not after from "${hours.from}" (a window ends on the day it starts)`,
      });
    }
  }),
  /** Days without deploys (holidays, year-end), even inside the weekly window. @default none */
  freeze: z.array(FreezeSchema).optional(),
});
export type DeployWindowConfig = z.infer<typeof DeployWindowSchema>;
export type FreezeConfig = z.infer<typeof FreezeSchema>;
