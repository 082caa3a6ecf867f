/**
 * The one place where the plan's data becomes CDK values: a removal policy kind becomes a `RemovalPolicy`, a
 * retention the config accepted becomes a `logs.RetentionDays`. Exhaustive tables, no casts.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { CloudWatchRetentionDays } from '../config';
import type { RemovalPolicyKind } from '../plan/environment';

const REMOVAL_POLICIES: Readonly<Record<RemovalPolicyKind, RemovalPolicy>> = {
  retain: RemovalPolicy.RETAIN,
  destroy: RemovalPolicy.DESTROY,
};

/** The CDK removal policy of a plan's `removalPolicy`. */
export function removalPolicy(kind: RemovalPolicyKind): RemovalPolicy {
  return REMOVAL_POLICIES[kind];
}

const RETENTIONS: Readonly<Record<CloudWatchRetentionDays, logs.RetentionDays>> = {
  1: logs.RetentionDays.ONE_DAY,
  3: logs.RetentionDays.THREE_DAYS,
  5: logs.RetentionDays.FIVE_DAYS,
  7: logs.RetentionDays.ONE_WEEK,
  14: logs.RetentionDays.TWO_WEEKS,
  30: logs.RetentionDays.ONE_MONTH,
  60: logs.RetentionDays.TWO_MONTHS,
  90: logs.RetentionDays.THREE_MONTHS,
  120: logs.RetentionDays.FOUR_MONTHS,
  150: logs.RetentionDays.FIVE_MONTHS,
  180: logs.RetentionDays.SIX_MONTHS,
  365: logs.RetentionDays.ONE_YEAR,
  400: logs.RetentionDays.THIRTEEN_MONTHS,
  545: logs.RetentionDays.EIGHTEEN_MONTHS,
  731: logs.RetentionDays.TWO_YEARS,
  1096: logs.RetentionDays.THREE_YEARS,
  1827: logs.RetentionDays.FIVE_YEARS,
  2192: logs.RetentionDays.SIX_YEARS,
  2557: logs.RetentionDays.SEVEN_YEARS,
  2922: logs.RetentionDays.EIGHT_YEARS,
  3288: logs.RetentionDays.NINE_YEARS,
  3653: logs.RetentionDays.TEN_YEARS,
};

/** The CDK retention of a retention the config accepted. */
export function retentionDays(days: CloudWatchRetentionDays): logs.RetentionDays {
  return RETENTIONS[days];
}
