import type { DeployWindowConfig, Weekday } from '../../config';

/** A moment as the clock on the wall of the window's time zone shows it. */
export interface LocalTime {
  /** `YYYY-MM-DD` */
  readonly date: string;
  readonly weekday: Weekday;
  /** Minutes since local midnight. */
  readonly minutes: number;
  /** For messages: `Fri 2026-03-06 18:03`. */
  readonly text: string;
}

export interface WindowDecision {
  readonly open: boolean;
  /** Why it is closed, as a phrase (`18:03 is outside the deploy hours 10:00-16:00`), or that it is open. */
  readonly reason: string;
  readonly local: LocalTime;
  /** When the window opens next (closed windows only; absent when it does not open within a year). */
  readonly nextOpen?: { readonly at: Date; readonly local: string };
}

const WEEKDAY_BY_SHORT: Record<string, Weekday> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};
const WEEKDAY_BY_INDEX: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const title = (d: Weekday): string => d.charAt(0).toUpperCase() + d.slice(1);

const hhmm = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const toMinutes = (text: string): number => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5));

/** The wall-clock time of `at` in `timeZone`. */
export function localTime(at: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const minutes = Number(parts.hour) * 60 + Number(parts.minute);
  const weekday = WEEKDAY_BY_SHORT[parts.weekday];
  return { date, weekday, minutes, text: `${title(weekday)} ${date} ${hhmm(minutes)}` };
}

/** The instant at which the clock in `timeZone` shows `date` `minutes` (the later one in a DST fold). */
export function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, Math.floor(minutes / 60), minutes % 60);
  const offset = (t: number): number => {
    const l = localTime(new Date(t), timeZone);
    const [ly, lm, ld] = l.date.split('-').map(Number);
    return Date.UTC(ly, lm - 1, ld, Math.floor(l.minutes / 60), l.minutes % 60) - Math.floor(t / 60000) * 60000;
  };
  let t = wall - offset(wall);
  t = wall - offset(t);
  return new Date(t);
}

const addDays = (date: string, n: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);
const weekdayOf = (date: string): Weekday => WEEKDAY_BY_INDEX[new Date(`${date}T00:00:00Z`).getUTCDay()];

/** The freeze that covers `date`, if any. */
function freezeOn(window: DeployWindowConfig, date: string) {
  return (window.freeze ?? []).find((f) => date >= f.from && date <= (f.to ?? f.from));
}

/** `mon, tue, wed, thu 10:00-16:00 Asia/Tokyo` */
export function describeWindow(window: DeployWindowConfig): string {
  return `${window.days.join(', ')} ${window.hours.from}-${window.hours.to} ${window.timeZone}`;
}

/** Whether a deploy may start at `at`, and if not, why and when it may. */
export function checkWindow(window: DeployWindowConfig, at: Date): WindowDecision {
  const local = localTime(at, window.timeZone);
  const from = toMinutes(window.hours.from);
  const to = toMinutes(window.hours.to);
  const frozen = freezeOn(window, local.date);
  let reason: string | undefined;
  if (frozen) {
    reason = `${local.date} is in a deploy freeze (${frozen.from}${frozen.to && frozen.to !== frozen.from ? ` to ${frozen.to}` : ''}: ${frozen.reason})`;
  } else if (!window.days.includes(local.weekday)) {
    reason = `${title(local.weekday)} is not a deploy day (days: ${window.days.join(', ')})`;
  } else if (local.minutes < from || local.minutes >= to) {
    reason = `${hhmm(local.minutes)} is outside the deploy hours ${window.hours.from}-${window.hours.to}`;
  }
  if (reason === undefined) return { open: true, reason: 'it is inside the deploy window', local };
  const next = nextOpening(window, local, from);
  return { open: false, reason, local, ...(next ? { nextOpen: next } : {}) };
}

function nextOpening(window: DeployWindowConfig, local: LocalTime, from: number): WindowDecision['nextOpen'] {
  for (let day = 0; day <= 400; day++) {
    const date = addDays(local.date, day);
    if (!window.days.includes(weekdayOf(date)) || freezeOn(window, date)) continue;
    if (day === 0 && local.minutes >= from) continue;
    return {
      at: zonedInstant(date, from, window.timeZone),
      local: `${title(weekdayOf(date))} ${date} ${window.hours.from} ${window.timeZone}`,
    };
  }
  return undefined;
}
