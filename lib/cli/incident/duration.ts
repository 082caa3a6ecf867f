import { UsageError } from '../errors';

const UNITS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
/** CloudWatch keeps alarm history for 30 days: a longer window could not be pre-filled. */
const MAX_MS = 30 * UNITS.d;

/** `90m`, `2h`, `1d` in milliseconds; anything else (or more than 30 days) is a usage error naming the option. */
export function durationArg(option: string, text: string): number {
  const match = /^(\d+)([mhd])$/.exec(text.trim());
  const ms = match ? Number(match[1]) * UNITS[match[2]] : NaN;
  if (!(ms > 0) || ms > MAX_MS) {
    throw new UsageError(
      `${option} "${text}" is not a duration (allowed: minutes, hours or days up to 30 days, such as 90m, 2h or 1d)`,
    );
  }
  return ms;
}
