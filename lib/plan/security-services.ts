/** Values the log-archive and security stacks derive from the config: ARNs known before deployment. */
import type { LandfallModel } from '../config';
import { ORGANIZATION_RESOURCE_NAMES } from '../naming';
import { partitionOf } from './regions';

/** ARN of the organization trail: the management account's trail in the home region. */
export function organizationTrailArn(model: LandfallModel): string {
  const region = model.platform.homeRegion;
  return `arn:${partitionOf(region)}:cloudtrail:${region}:${model.accounts.management.id}:trail/${ORGANIZATION_RESOURCE_NAMES.trail}`;
}

/** ARNs of AWS Foundational Security Best Practices and the configured CIS version in the home region. */
export function securityHubStandardArns(model: LandfallModel): string[] {
  const region = model.platform.homeRegion;
  const prefix = `arn:${partitionOf(region)}:securityhub:${region}::standards`;
  return [
    `${prefix}/aws-foundational-security-best-practices/v/1.0.0`,
    `${prefix}/cis-aws-foundations-benchmark/v/${model.platform.securityHub.cisVersion}`,
  ];
}

/** Regions whose Security Hub findings are aggregated into the home region: the other allowed regions. */
export function linkedRegions(model: LandfallModel): string[] {
  return model.platform.allowedRegions.filter((r) => r !== model.platform.homeRegion);
}
