import type { AlarmStateChange } from '../../../lib/cli/aws/alarm-history';
import { alarmWeeks, noisiest, silentAlarms } from '../../../lib/cli/review/weekly-alarms';

const window = { from: new Date('2026-11-23T00:00:00Z'), to: new Date('2026-11-30T00:00:00Z') };
const change = (alarm: string, at: string, from: string, to: string): AlarmStateChange => ({
  alarm,
  at: new Date(`${at}Z`),
  from,
  to,
  summary: `Alarm updated from ${from} to ${to}`,
});

describe('weekly alarm statistics', () => {
  it('counts time in alarm from the window start for an alarm already in ALARM, and to its end for one still in it', () => {
    const weeks = alarmWeeks(
      [change('a', '2026-11-23T01:30:00', 'ALARM', 'OK'), change('a', '2026-11-29T23:00:00', 'OK', 'ALARM')],
      window,
    );
    expect(weeks).toEqual([{ alarm: 'a', fired: 1, minutesInAlarm: 150 }]);
  });

  it('ends a stretch in alarm at INSUFFICIENT_DATA too', () => {
    const weeks = alarmWeeks(
      [
        change('a', '2026-11-24T10:00:00', 'OK', 'ALARM'),
        change('a', '2026-11-24T10:20:00', 'ALARM', 'INSUFFICIENT_DATA'),
      ],
      window,
    );
    expect(weeks).toEqual([{ alarm: 'a', fired: 1, minutesInAlarm: 20 }]);
  });

  it('leaves out changes outside the window and alarms that never were in ALARM in it', () => {
    const weeks = alarmWeeks(
      [
        change('old', '2026-11-10T10:00:00', 'OK', 'ALARM'),
        change('flappy', '2026-11-25T10:00:00', 'OK', 'INSUFFICIENT_DATA'),
      ],
      window,
    );
    expect(weeks).toEqual([]);
  });

  it('names as noisiest only alarms that fired at least twice, at most three, most fired first', () => {
    const weeks = ['a', 'b', 'c', 'd', 'e'].map((alarm, i) => ({ alarm, fired: 5 - i, minutesInAlarm: 1 }));
    expect(noisiest(weeks).map((w) => w.alarm)).toEqual(['a', 'b', 'c']);
    expect(noisiest([{ alarm: 'once', fired: 1, minutesInAlarm: 60 }])).toEqual([]);
  });

  it('calls silent the alarms that did not change into ALARM in the history and are not in ALARM now', () => {
    const silent = silentAlarms(
      [
        { name: 'fired', state: 'OK' },
        { name: 'in-alarm', state: 'ALARM' },
        { name: 'quiet', state: 'OK' },
        { name: 'no-data', state: 'INSUFFICIENT_DATA' },
      ],
      [change('fired', '2026-11-10T10:00:00', 'OK', 'ALARM')],
    );
    expect(silent).toEqual(['no-data', 'quiet']);
  });
});
