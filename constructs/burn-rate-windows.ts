/**
 * Multi-window, multi-burn-rate alerting as pure data (SRE Workbook, chapter 5, for a 30-day objective), and the
 * CloudWatch limits an alarm window must respect. No CDK here: the numbers are unit-tested on their own.
 */

/** Days an objective is measured over; the burn rate is relative to spending the budget evenly over them. */
export const SLO_PERIOD_DAYS = 30;

export type BurnRateSeverity = 'page' | 'ticket';

/** One row of the alerting policy: page or ticket when both windows burn at least `burnRate`. */
export interface BurnRateTier {
  /** Stable name, part of alarm names: `fast`, `slow`, `steady`. */
  readonly name: string;
  readonly severity: BurnRateSeverity;
  /** How many times faster than "exactly on budget" the errors arrive. */
  readonly burnRate: number;
  /** The long window: long enough that a page means real budget loss. */
  readonly longWindowMinutes: number;
  /** The short window (1/12 of the long one): the alarm resets soon after the burn stops. */
  readonly shortWindowMinutes: number;
}

/** The SRE Workbook table: 2% of the budget in an hour pages, 5% in six hours pages, 10% in three days opens a ticket. */
export const BURN_RATE_POLICY: readonly BurnRateTier[] = [
  { name: 'fast', severity: 'page', burnRate: 14.4, longWindowMinutes: 60, shortWindowMinutes: 5 },
  { name: 'slow', severity: 'page', burnRate: 6, longWindowMinutes: 6 * 60, shortWindowMinutes: 30 },
  { name: 'steady', severity: 'ticket', burnRate: 1, longWindowMinutes: 3 * 24 * 60, shortWindowMinutes: 6 * 60 },
];

/** CloudWatch: period x evaluation periods at most 7 days, and at most 1 day when the period is under an hour. */
export const MAX_EVALUATION_SECONDS = 7 * 24 * 3600;
export const MAX_EVALUATION_SECONDS_SHORT_PERIOD = 24 * 3600;
const HOUR = 3600;

/** How a CloudWatch alarm evaluates one window: a single period as long as the window (a sliding sum over it). */
export interface AlarmWindow {
  readonly minutes: number;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
}

/** Why CloudWatch would reject an alarm with this period and number of evaluation periods, or undefined if it is valid. */
export function alarmWindowProblem(periodSeconds: number, evaluationPeriods: number): string | undefined {
  if (!Number.isInteger(evaluationPeriods) || evaluationPeriods < 1) {
    return `evaluation periods ${evaluationPeriods} is not a whole number of at least 1`;
  }
  if (![10, 20, 30].includes(periodSeconds) && (periodSeconds <= 0 || periodSeconds % 60 !== 0)) {
    return `period ${periodSeconds} s is not 10, 20, 30 or a multiple of 60 seconds`;
  }
  const total = periodSeconds * evaluationPeriods;
  if (total > MAX_EVALUATION_SECONDS) {
    return `period x evaluation periods is ${total} s, more than 7 days (${MAX_EVALUATION_SECONDS} s)`;
  }
  if (periodSeconds < HOUR && total > MAX_EVALUATION_SECONDS_SHORT_PERIOD) {
    return `period x evaluation periods is ${total} s with a period under an hour, more than 1 day (${MAX_EVALUATION_SECONDS_SHORT_PERIOD} s)`;
  }
  return undefined;
}

/** The alarm window of a burn-rate window, checked against CloudWatch's limits. */
export function alarmWindow(minutes: number): AlarmWindow {
  const window = { minutes, periodSeconds: minutes * 60, evaluationPeriods: 1 };
  const problem = alarmWindowProblem(window.periodSeconds, window.evaluationPeriods);
  if (problem !== undefined)
    throw new Error(`a ${minutes}-minute burn-rate window cannot be a CloudWatch alarm: ${problem}`);
  return window;
}

/** Round away floating-point noise (14.4 x 0.1 is 1.4400000000000002). */
function tidy(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Share of the error budget a tier spends over its long window, in percent of the 30-day budget. */
export function budgetSpentPercent(tier: BurnRateTier, periodDays = SLO_PERIOD_DAYS): number {
  return tidy((100 * tier.burnRate * tier.longWindowMinutes) / (periodDays * 24 * 60));
}

/**
 * The bad-event percentage at which a tier fires: burn rate x error budget. It cannot exceed 100% (every event bad),
 * which happens for objectives below 93.06% on the fast tier: such a tier fires only when everything fails.
 */
export function thresholdPercent(burnRate: number, objectivePercent: number): number {
  if (!(objectivePercent > 0 && objectivePercent < 100)) {
    throw new Error(`objective ${objectivePercent}% leaves no error budget to burn (allowed: above 0 and below 100)`);
  }
  return Math.min(100, tidy(burnRate * (100 - objectivePercent)));
}

/** Everything an alarm construct needs for one tier of one objective. */
export interface BurnRateAlarmSpec {
  readonly tier: BurnRateTier;
  /** Fire when the bad-event percentage over both windows is at least this. */
  readonly thresholdPercent: number;
  /** True when burn rate x budget exceeded 100% and the threshold was capped at 100. */
  readonly capped: boolean;
  readonly budgetSpentPercent: number;
  readonly long: AlarmWindow;
  readonly short: AlarmWindow;
}

/** The alarm specs of an objective under a policy (the SRE Workbook table by default). */
export function burnRateAlarmSpecs(
  objectivePercent: number,
  policy: readonly BurnRateTier[] = BURN_RATE_POLICY,
): BurnRateAlarmSpec[] {
  return policy.map((tier) => {
    const uncapped = tidy(tier.burnRate * (100 - objectivePercent));
    return {
      tier,
      thresholdPercent: thresholdPercent(tier.burnRate, objectivePercent),
      capped: uncapped > 100,
      budgetSpentPercent: budgetSpentPercent(tier),
      long: alarmWindow(tier.longWindowMinutes),
      short: alarmWindow(tier.shortWindowMinutes),
    };
  });
}

/** `5 min`, `1 h`, `3 d`: how windows read in alarm names and descriptions. */
export function formatWindow(minutes: number): string {
  if (minutes % (24 * 60) === 0) return `${minutes / (24 * 60)} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}
