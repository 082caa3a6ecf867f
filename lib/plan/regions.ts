/**
 * Region and partition facts landfall plans with, defined once for the app and the CLI. Pure: no CDK region tables,
 * so `lib/plan` and `lib/cli` can use them and tests compare them with aws-cdk-lib's own.
 */

/**
 * AWS Organizations has one endpoint, in us-east-1 in the aws partition: the Organization stack deploys there and
 * the CLI's Organizations client signs for it, whatever the home region.
 */
export const ORGANIZATIONS_REGION = 'us-east-1';

/** The `AWS/Billing` metrics (EstimatedCharges) exist only in us-east-1: the Billing stack deploys there. */
export const BILLING_REGION = 'us-east-1';

/**
 * The partition of a region, from its name: `aws-cn` for cn-*, `aws-us-gov` for us-gov-*, `aws-eusc` for the
 * European Sovereign Cloud, the ISO partitions; `aws` otherwise.
 */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('eusc-')) return 'aws-eusc';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('eu-isoe-')) return 'aws-iso-e';
  if (region.startsWith('us-isof-')) return 'aws-iso-f';
  return 'aws';
}
