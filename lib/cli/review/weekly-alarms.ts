/**
 * The weekly review's alarm statistics, pure: how often each alarm fired in the window, how long it was in alarm,
 * the noisiest ones, and the alarms that did not fire for 30 days.
 */
import type { AlarmStateChange } from '../aws/alarm-history';
import type { Window } from '../aws/error-budget';

/** One alarm over the window. */
export interface AlarmWeek {
  readonly alarm: string;
  /** Changes into ALARM in the window. */
  readonly fired: number;
  /** Minutes in ALARM inside the window (an alarm in ALARM when the window opened counts from its start). */
  readonly minutesInAlarm: number;
}

/** How many of the noisiest alarms the review names. */
export const NOISIEST = 3;

/** Each alarm that fired or was in ALARM during the window, most fired first, then longest in alarm. */
export function alarmWeeks(changes: readonly AlarmStateChange[], window: Window): AlarmWeek[] {
  const byAlarm = new Map<string, AlarmStateChange[]>();
  for (const c of changes) {
    if (c.at < window.from || c.at > window.to) continue;
    byAlarm.set(c.alarm, [...(byAlarm.get(c.alarm) ?? []), c]);
  }
  const out: AlarmWeek[] = [];
  for (const [alarm, list] of byAlarm) {
    const sorted = [...list].sort((a, b) => a.at.getTime() - b.at.getTime());
    let since: number | undefined = sorted[0]?.from === 'ALARM' ? window.from.getTime() : undefined;
    let fired = 0;
    let ms = 0;
    for (const c of sorted) {
      if (c.to === 'ALARM') {
        fired += 1;
        since ??= c.at.getTime();
      } else if (since !== undefined) {
        ms += c.at.getTime() - since;
        since = undefined;
      }
    }
    if (since !== undefined) ms += window.to.getTime() - since;
    if (fired > 0 || ms > 0) out.push({ alarm, fired, minutesInAlarm: Math.round(ms / 60_000) });
  }
  return out.sort((a, b) => b.fired - a.fired || b.minutesInAlarm - a.minutesInAlarm || a.alarm.localeCompare(b.alarm));
}

/** The alarms that fired most often (at least twice: one firing a week is not noise). */
export function noisiest(weeks: readonly AlarmWeek[]): AlarmWeek[] {
  return weeks.filter((w) => w.fired >= 2).slice(0, NOISIEST);
}

/**
 * Alarms of `existing` that never changed into ALARM in `changes` (30 days of history) and are not in ALARM now:
 * candidates for a look at their threshold, or for removal.
 */
export function silentAlarms(
  existing: ReadonlyArray<{ readonly name: string; readonly state?: string }>,
  changes: readonly AlarmStateChange[],
): string[] {
  const fired = new Set(changes.filter((c) => c.to === 'ALARM').map((c) => c.alarm));
  return existing
    .filter((a) => !fired.has(a.name) && a.state !== 'ALARM')
    .map((a) => a.name)
    .sort();
}
