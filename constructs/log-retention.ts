/** Control Tower's CT.CLOUDWATCH.PR.2 asks for log groups kept at least a year. */
export const MIN_EVIDENCE_RETENTION_DAYS = 365;

/** The acknowledgment reason for a log group kept shorter than a year by an environment profile. */
export function shortRetentionReason(days: number): string {
  return `CT.CLOUDWATCH.PR.2: this environment's profile keeps logs ${days} days (logRetentionDays); non-prod logs are not audit evidence and cost per GB-month`;
}
