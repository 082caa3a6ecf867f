import {
  alarmWindow,
  alarmWindowProblem,
  BURN_RATE_POLICY,
  budgetSpentPercent,
  burnRateAlarmSpecs,
  formatWindow,
  thresholdPercent,
} from '../../constructs/burn-rate-windows';

describe('the multi-window, multi-burn-rate table', () => {
  it('pages at 14.4x over 1 h and 5 min, pages at 6x over 6 h and 30 min, tickets at 1x over 3 days and 6 h', () => {
    expect(BURN_RATE_POLICY.map((t) => [t.severity, t.burnRate, t.longWindowMinutes, t.shortWindowMinutes])).toEqual([
      ['page', 14.4, 60, 5],
      ['page', 6, 360, 30],
      ['ticket', 1, 4320, 360],
    ]);
  });

  it('makes every short window 1/12 of its long window', () => {
    for (const tier of BURN_RATE_POLICY) expect(tier.shortWindowMinutes * 12).toBe(tier.longWindowMinutes);
  });

  it('spends 2%, 5% and 10% of a 30-day error budget over the long windows', () => {
    expect(BURN_RATE_POLICY.map((t) => budgetSpentPercent(t))).toEqual([2, 5, 10]);
  });
});

describe('thresholds', () => {
  it('derives 1.44%, 0.6% and 0.1% of bad events from a 99.9% objective', () => {
    expect(burnRateAlarmSpecs(99.9).map((s) => s.thresholdPercent)).toEqual([1.44, 0.6, 0.1]);
  });

  it('derives 14.4%, 6% and 1% from a 99% objective', () => {
    expect(burnRateAlarmSpecs(99).map((s) => s.thresholdPercent)).toEqual([14.4, 6, 1]);
  });

  it('caps the fast tier at 100% for a 90% objective, where 14.4x the budget would exceed every event', () => {
    const [fast, slow] = burnRateAlarmSpecs(90);
    expect(fast).toMatchObject({ thresholdPercent: 100, capped: true });
    expect(slow).toMatchObject({ thresholdPercent: 60, capped: false });
  });

  it('rejects an objective of 100%, which leaves no budget to burn', () => {
    expect(() => thresholdPercent(14.4, 100)).toThrow(
      'objective 100% leaves no error budget to burn (allowed: above 0 and below 100)',
    );
  });
});

describe('alarm windows within CloudWatch limits', () => {
  it('evaluates each window as one period as long as the window', () => {
    expect(
      burnRateAlarmSpecs(99.9).map((s) => [
        s.long.periodSeconds,
        s.long.evaluationPeriods,
        s.short.periodSeconds,
        s.short.evaluationPeriods,
      ]),
    ).toEqual([
      [3600, 1, 300, 1],
      [21600, 1, 1800, 1],
      [259200, 1, 21600, 1],
    ]);
  });

  it('keeps period x evaluation periods within 7 days, and within 1 day for periods under an hour', () => {
    for (const spec of burnRateAlarmSpecs(99.9)) {
      for (const w of [spec.long, spec.short]) {
        const total = w.periodSeconds * w.evaluationPeriods;
        expect(total).toBeLessThanOrEqual(7 * 86400);
        if (w.periodSeconds < 3600) expect(total).toBeLessThanOrEqual(86400);
        expect(alarmWindowProblem(w.periodSeconds, w.evaluationPeriods)).toBeUndefined();
      }
    }
  });

  it('rejects a period under an hour evaluated over more than a day', () => {
    expect(alarmWindowProblem(1800, 49)).toBe(
      'period x evaluation periods is 88200 s with a period under an hour, more than 1 day (86400 s)',
    );
  });

  it('rejects an evaluation range over 7 days', () => {
    expect(alarmWindowProblem(86400, 8)).toBe('period x evaluation periods is 691200 s, more than 7 days (604800 s)');
  });

  it('rejects a period CloudWatch does not accept', () => {
    expect(alarmWindowProblem(90, 1)).toBe('period 90 s is not 10, 20, 30 or a multiple of 60 seconds');
  });

  it('refuses a burn-rate window longer than 7 days', () => {
    expect(() => alarmWindow(8 * 24 * 60)).toThrow(
      'a 11520-minute burn-rate window cannot be a CloudWatch alarm: period x evaluation periods is 691200 s, more than 7 days (604800 s)',
    );
  });

  it('names windows as people say them', () => {
    expect([5, 30, 60, 360, 4320].map(formatWindow)).toEqual(['5 min', '30 min', '1 h', '6 h', '3 d']);
  });
});
