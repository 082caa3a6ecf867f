/** Principals the stages derive from a region: CDK objects, so they live here and not in the pure `lib/plan`. */
import * as iam from 'aws-cdk-lib/aws-iam';
import { RegionInfo } from 'aws-cdk-lib/region-info';

/**
 * Who writes Application Load Balancer access logs in a region: the region's Elastic Load Balancing account, or
 * the log delivery service in regions opened since August 2022 (they have no such account).
 */
export function loadBalancerLogWriter(region: string): iam.IPrincipal {
  const account = RegionInfo.get(region).elbv2Account;
  return account
    ? new iam.AccountPrincipal(account)
    : new iam.ServicePrincipal('logdelivery.elasticloadbalancing.amazonaws.com');
}

/**
 * The Elastic Load Balancing accounts that write ALB access logs in these regions (regions opened since August
 * 2022 have none: the log delivery service principal writes there).
 */
export function loadBalancerLogAccounts(regions: readonly string[]): string[] {
  return regions.map((r) => RegionInfo.get(r).elbv2Account).filter((a): a is string => a !== undefined);
}
