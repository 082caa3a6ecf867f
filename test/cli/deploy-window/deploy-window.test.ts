import { makeDeployWindowCommand } from '../../../lib/cli/deploy-window/command';
import { checkWindow, localTime, zonedInstant } from '../../../lib/cli/deploy-window/window';
import type { DeployWindowConfig } from '../../../lib/config';
import { runIn } from '../../support/cli';

// The example prod window: mon-thu 10:00-16:00 Asia/Tokyo, frozen 2026-12-26 to 2027-01-04.
const check = (args: string[], env: Record<string, string> = {}) =>
  runIn(
    [makeDeployWindowCommand({ now: () => new Date('2026-03-03T02:00:00Z') })],
    ['deploy-window', 'check', ...args],
    { env },
  );

describe('landfall deploy-window check', () => {
  it('exits 0 inside the window and says so in local time', async () => {
    const run = await check(['prod', '--at', '2026-03-03T11:00:00+09:00']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'prod: inside the deploy window (mon, tue, wed, thu 10:00-16:00 Asia/Tokyo): it is Tue 2026-03-03 11:00 there.\n',
    );
  });

  it('uses the current time without --at', async () => {
    const run = await check(['prod']);
    expect(run.stdout).toContain('it is Tue 2026-03-03 11:00 there');
  });

  it('exits 1 on a day outside the window, with when it opens next', async () => {
    const run = await check(['prod', '--at', '2026-03-06T18:03:00+09:00']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      [
        'landfall: prod is outside its deploy window (mon, tue, wed, thu 10:00-16:00 Asia/Tokyo): it is Fri 2026-03-06 18:03 there and Fri is not a deploy day (days: mon, tue, wed, thu); it opens next on Mon 2026-03-09 10:00 Asia/Tokyo',
        'hint: wait for the window, or deploy anyway with --force --reason "..."',
        '',
      ].join('\n'),
    );
  });

  it('treats the end of the hours as outside (from inclusive, to exclusive)', async () => {
    expect((await check(['prod', '--at', '2026-03-05T15:59:00+09:00'])).code).toBe(0);
    const run = await check(['prod', '--at', '2026-03-05T16:00:00+09:00']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      '16:00 is outside the deploy hours 10:00-16:00; it opens next on Mon 2026-03-09 10:00 Asia/Tokyo',
    );
  });

  it('opens later the same day when checked before the hours', async () => {
    const run = await check(['prod', '--at', '2026-03-03T08:30:00+09:00']);
    expect(run.stderr).toContain(
      '08:30 is outside the deploy hours 10:00-16:00; it opens next on Tue 2026-03-03 10:00 Asia/Tokyo',
    );
  });

  it('refuses a deploy in a freeze, naming it, and opens after it', async () => {
    const run = await check(['prod', '--at', '2026-12-28T11:00:00+09:00']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      '2026-12-28 is in a deploy freeze (2026-12-26 to 2027-01-04: year-end freeze); it opens next on Tue 2027-01-05 10:00 Asia/Tokyo',
    );
  });

  it('judges the day in the window time zone, not UTC', async () => {
    // Wednesday 23:30 UTC is Thursday 08:30 in Tokyo: a deploy day, before the hours.
    const run = await check(['prod', '--at', '2026-03-04T23:30:00Z']);
    expect(run.stderr).toContain('it is Thu 2026-03-05 08:30 there');
  });

  it('lets a deploy through outside the window with --force --reason, printing the reason', async () => {
    const run = await check(['prod', '--at', '2026-03-06T18:03:00+09:00', '--force', '--reason', 'hotfix for INC-42']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('overridden with --force: hotfix for INC-42');
  });

  it('adds a GitHub warning annotation for a forced deploy in GitHub Actions', async () => {
    const run = await check(['prod', '--at', '2026-03-06T18:03:00+09:00', '--force', '--reason', 'hotfix'], {
      GITHUB_ACTIONS: 'true',
    });
    expect(run.stdout).toContain(
      '::warning title=Deploy window overridden (prod)::prod is outside its deploy window (mon, tue, wed, thu 10:00-16:00 Asia/Tokyo): it is Fri 2026-03-06 18:03 there and Fri is not a deploy day',
    );
  });

  it('refuses --force without a reason', async () => {
    const run = await check(['prod', '--force']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(
      'landfall: --force needs --reason "..." (why the deploy cannot wait; it is printed in the deploy log)',
    );
  });

  it('refuses --reason without --force', async () => {
    expect((await check(['prod', '--reason', 'x'])).stderr.split('\n')[0]).toBe(
      'landfall: --reason is only used with --force',
    );
  });

  it('allows any time for an environment without a window', async () => {
    const run = await check(['dev', '--at', '2026-03-07T03:00:00+09:00']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('dev has no deploy window: deploys may start any time.\n');
  });

  it('rejects an unknown environment with the allowed ones', async () => {
    const run = await check(['qa']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('landfall: "qa" is not an environment (allowed: dev, stg, prod)');
  });

  it('rejects an --at that is not a time', async () => {
    const run = await check(['prod', '--at', 'tomorrow']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(
      'landfall: --at "tomorrow" is not an ISO 8601 time (for example 2026-03-06T10:00:00+09:00)',
    );
  });

  it('prints the decision as JSON with --json and still exits 1 outside the window', async () => {
    const run = await check(['prod', '--at', '2026-03-06T18:03:00+09:00', '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({
      environment: 'prod',
      open: false,
      forced: false,
      nextOpen: '2026-03-09T01:00:00.000Z',
    });
  });
});

describe('deploy window time arithmetic', () => {
  const berlin: DeployWindowConfig = {
    timeZone: 'Europe/Berlin',
    days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    hours: { from: '09:00', to: '17:00' },
  };

  it('finds the instant of a local time across a daylight saving change', () => {
    expect(zonedInstant('2026-03-28', 9 * 60, 'Europe/Berlin').toISOString()).toBe('2026-03-28T08:00:00.000Z');
    expect(zonedInstant('2026-03-30', 9 * 60, 'Europe/Berlin').toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('reads the local wall clock of an instant', () => {
    expect(localTime(new Date('2026-03-29T12:00:00Z'), 'Europe/Berlin')).toEqual({
      date: '2026-03-29',
      weekday: 'sun',
      minutes: 14 * 60,
      text: 'Sun 2026-03-29 14:00',
    });
  });

  it('opens the next morning in the window time zone after the hours', () => {
    const decision = checkWindow(berlin, new Date('2026-03-28T18:00:00Z'));
    expect(decision.open).toBe(false);
    expect(decision.nextOpen?.at.toISOString()).toBe('2026-03-29T07:00:00.000Z');
  });
});
