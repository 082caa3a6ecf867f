import { configErrorOf, referencePlatform, validate } from '../support/example';

type Env = { deployWindow?: Record<string, unknown> };

function withWindow(window: Record<string, unknown>) {
  const platform = referencePlatform();
  (platform.environments[2] as Env).deployWindow = window;
  return platform;
}

const valid = { timeZone: 'Asia/Tokyo', days: ['mon', 'tue'], hours: { from: '10:00', to: '16:00' } };

describe('environments[].deployWindow', () => {
  it('accepts the example windows', () => {
    const prod = validate(referencePlatform()).environments.find((e) => e.name === 'prod');
    expect(prod?.config.deployWindow).toEqual(
      expect.objectContaining({ timeZone: 'Asia/Tokyo', days: ['mon', 'tue', 'wed', 'thu'] }),
    );
  });

  it('is optional: an environment without one may deploy any time', () => {
    expect(validate(referencePlatform()).environments[0].config.deployWindow).toBeUndefined();
  });

  it('rejects an unknown time zone with examples of valid ones', () => {
    expect(configErrorOf(withWindow({ ...valid, timeZone: 'Asia/Tokio' }))).toBe(
      'config/platform.ts has 1 problem:\n  * environments[2].deployWindow.timeZone: "Asia/Tokio" is not an IANA time zone (for example Asia/Tokyo, Europe/Berlin, UTC)',
    );
  });

  it('accepts UTC and IANA names outside Asia', () => {
    expect(() => validate(withWindow({ ...valid, timeZone: 'UTC' }))).not.toThrow();
    expect(() => validate(withWindow({ ...valid, timeZone: 'America/Argentina/Buenos_Aires' }))).not.toThrow();
  });

  it('rejects a window that ends before it starts', () => {
    expect(configErrorOf(withWindow({ ...valid, hours: { from: '17:00', to: '09:00' } }))).toBe(
      'config/platform.ts has 1 problem:\n  * environments[2].deployWindow.hours.to: "09:00" is not after from "17:00" (a window ends on the day it starts)',
    );
  });

  it('rejects a time that is not HH:MM and a day that is not a weekday', () => {
    expect(configErrorOf(withWindow({ ...valid, days: ['monday'], hours: { from: '9:00', to: '16:00' } }))).toBe(
      [
        'config/platform.ts has 2 problems:',
        '  * environments[2].deployWindow.days[0]: "monday" is not a weekday (allowed: mon, tue, wed, thu, fri, sat, sun)',
        '  * environments[2].deployWindow.hours.from: "9:00" is not a time of day (HH:MM, from 00:00 to 24:00)',
      ].join('\n'),
    );
  });

  it('rejects a freeze that ends before it starts, and dates that do not exist', () => {
    const freeze = [
      { from: '2026-12-26', to: '2026-12-01', reason: 'year end' },
      { from: '2026-02-30', reason: 'leap' },
      { from: '2026-13-01', reason: 'no such month' },
    ];
    expect(configErrorOf(withWindow({ ...valid, freeze }))).toBe(
      [
        'config/platform.ts has 3 problems:',
        '  * environments[2].deployWindow.freeze[0].to: "2026-12-01" is before from "2026-12-26" (a freeze ends on or after the day it starts)',
        '  * environments[2].deployWindow.freeze[1].from: "2026-02-30" is not a calendar date',
        '  * environments[2].deployWindow.freeze[2].from: "2026-13-01" is not a calendar date',
      ].join('\n'),
    );
  });
});
