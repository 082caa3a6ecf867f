/** Task capacity in force for part of a week. */
export interface CapacityShare {
  readonly min: number;
  readonly max: number;
  /** Hours a week at this capacity. */
  readonly hoursPerWeek: number;
}

/** A scheduled action of an Application Auto Scaling target, as in the template. */
export interface ScheduledAction {
  readonly schedule: string;
  readonly min?: number;
  readonly max?: number;
}

const MINUTES_PER_WEEK = 7 * 24 * 60;
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** The values a cron field allows: `*`, `5`, `1,3`, `8-20`, `*\/15`, `MON-FRI`. */
function field(
  text: string,
  lo: number,
  hi: number,
  names: readonly string[] = [],
  base = lo,
): Set<number> | undefined {
  const value = (token: string): number | undefined => {
    const named = names.indexOf(token.toUpperCase());
    if (named >= 0) return named + base;
    return /^\d+$/.test(token) ? Number(token) : undefined;
  };
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return undefined;
    let from: number | undefined;
    let to: number | undefined;
    if (range === '*' || range === '?') [from, to] = [lo, hi];
    else if (range.includes('-')) [from, to] = range.split('-').map(value);
    else {
      from = value(range);
      to = stepText === undefined ? from : hi;
    }
    if (from === undefined || to === undefined || from < lo || to > hi || from > to) return undefined;
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

/**
 * The minutes of a week (0 = Sunday 00:00) at which an EventBridge-style cron expression fires, or undefined when
 * it depends on more than the day of the week (a day of the month, a month, a year, `L`, `#`).
 */
export function weeklyMinutes(schedule: string): number[] | undefined {
  const match = /^cron\((.+)\)$/.exec(schedule.trim());
  if (match === null) return undefined;
  const parts = match[1].trim().split(/\s+/);
  if (parts.length !== 6 && parts.length !== 5) return undefined;
  const [minute, hour, dom, month, dow, year = '*'] = parts;
  if (!['*', '?'].includes(dom) || month !== '*' || year !== '*') return undefined;
  const minutes = field(minute, 0, 59);
  const hours = field(hour, 0, 23);
  // EventBridge numbers days 1 (SUN) to 7 (SAT).
  const days = field(dow, 1, 7, DAYS, 1);
  if (minutes === undefined || hours === undefined || days === undefined) return undefined;
  const out: number[] = [];
  for (const d of [...days].sort((a, b) => a - b))
    for (const h of [...hours].sort((a, b) => a - b))
      for (const m of [...minutes].sort((a, b) => a - b)) out.push((d - 1) * 1440 + h * 60 + m);
  return out;
}

/**
 * How many hours a week a scalable target spends at each capacity, given its template capacity and its scheduled
 * actions (each sets the minimum, the maximum or both). The week repeats, so the capacity at Sunday 00:00 is the
 * one the last action of the week left. Undefined when an action's schedule is not weekly (see `weeklyMinutes`).
 */
export function weeklyCapacity(
  base: { min: number; max: number },
  actions: readonly ScheduledAction[],
): CapacityShare[] | undefined {
  const events: Array<{ at: number; min?: number; max?: number }> = [];
  for (const action of actions) {
    const minutes = weeklyMinutes(action.schedule);
    if (minutes === undefined) return undefined;
    for (const at of minutes)
      events.push({
        at,
        ...(action.min === undefined ? {} : { min: action.min }),
        ...(action.max === undefined ? {} : { max: action.max }),
      });
  }
  if (events.length === 0) return [{ ...base, hoursPerWeek: 168 }];
  events.sort((a, b) => a.at - b.at);
  let state = { ...base };
  const apply = (e: { min?: number; max?: number }) => {
    state = { min: e.min ?? state.min, max: e.max ?? state.max };
  };
  for (const e of events) apply(e); // one pass to find the state the week starts in
  const shares = new Map<string, CapacityShare>();
  const add = (minutes: number) => {
    if (minutes <= 0) return;
    const key = `${state.min}/${state.max}`;
    const prev = shares.get(key)?.hoursPerWeek ?? 0;
    shares.set(key, { min: state.min, max: state.max, hoursPerWeek: prev + minutes / 60 });
  };
  let last = 0;
  for (const e of events) {
    add(e.at - last);
    apply(e);
    last = e.at;
  }
  add(MINUTES_PER_WEEK - last);
  return [...shares.values()];
}
