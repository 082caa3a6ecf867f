/**
 * Template metadata the review commands (`landfall alarms`, `landfall cost review`) read back from cdk.out. No
 * imports: the CLI loads this without loading aws-cdk-lib.
 */

/** On every landfall alarm (metric and composite). */
export const ALARM_METADATA_KEY = 'landfall:alarm';

/** On every account budget. */
export const BUDGET_METADATA_KEY = 'landfall:budget';

/** On every cost anomaly monitor. */
export const ANOMALY_MONITOR_METADATA_KEY = 'landfall:anomaly-monitor';

/**
 * Severity of an alarm in the report: composite inputs have no actions of their own; scaling alarms drive
 * autoscaling and notify nobody.
 */
export type ReportedSeverity = 'page' | 'ticket' | 'input' | 'scaling';

/** What `landfall alarms` shows of an alarm. */
export interface AlarmMetadata {
  readonly environment: string;
  /** The service the alarm watches (`billing` for the organization's billing alarm). */
  readonly service: string;
  /** Stable kind: `availability-burn-fast`, `dlq-not-empty`, ... */
  readonly kind: string;
  readonly severity: ReportedSeverity;
  /** The metric or expression, readable: `HTTPCode_Target_5XX_Count / RequestCount (%)`. */
  readonly metric: string;
  /** When it fires, readable: `>= 1.44 % over 1 h`. */
  readonly threshold: string;
  /** Repository path of the runbook (`docs/runbooks/dlq-not-empty.md`). */
  readonly runbook: string;
  /** For a composite's input: the composite alarm it feeds. */
  readonly partOf?: string;
}

/** What `landfall cost review` reads of a budget or an anomaly monitor: the account it is for. */
export interface AccountMetadata {
  readonly account: string;
  readonly accountId: string;
}
