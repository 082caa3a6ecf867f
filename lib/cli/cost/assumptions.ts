/**
 * What the estimate assumes where a price depends on usage that cdk.out cannot show. Each line of the estimate
 * writes out the assumption it used, so a reader can redo the arithmetic with their own figures.
 */
export interface UsageAssumptions {
  /** Hours in a month (AWS pricing pages use 730). */
  readonly hoursPerMonth: number;
  /** Average load balancer capacity units an Application Load Balancer uses per hour. */
  readonly albLcuPerHour: number;
  /** GB a NAT gateway processes per month. */
  readonly natGbPerMonth: number;
  /** GB an interface VPC endpoint processes per month. */
  readonly endpointGbPerMonth: number;
  /** GB ingested per log group per month. */
  readonly logGbPerMonth: number;
  /** Months of data a log group that never expires is assumed to hold. */
  readonly neverExpireMonths: number;
  /** GB an Aurora cluster stores (backups up to that size are free; I/O is not priced). */
  readonly databaseStorageGb: number;
  /** Configuration items AWS Config records per recorder and month, by recording frequency. */
  readonly configItemsPerMonth: Readonly<Record<'CONTINUOUS' | 'DAILY', number>>;
  /** Evaluations a month of each periodic AWS Config rule (the secret-age watch: secrets x daily). */
  readonly configRuleEvaluationsPerMonth: number;
}

export const DEFAULT_ASSUMPTIONS: UsageAssumptions = {
  hoursPerMonth: 730,
  albLcuPerHour: 1,
  natGbPerMonth: 10,
  endpointGbPerMonth: 1,
  logGbPerMonth: 1,
  neverExpireMonths: 12,
  databaseStorageGb: 10,
  configItemsPerMonth: { CONTINUOUS: 1000, DAILY: 300 },
  configRuleEvaluationsPerMonth: 300,
};
