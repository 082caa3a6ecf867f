/** The exact commands the plan prints: what to run, and the read-only command that checks it. */
import type { AccountConfig, LandfallModel } from '../../config';
import { bootstrapPolicyFlags } from '../cdk-execution';
/** The CDK bootstrap stack's name (`cdk bootstrap` without `--toolkit-stack-name`). */
export const TOOLKIT_STACK = 'CDKToolkit';
/**
 * The bootstrap version the app needs: cdk.out asks for 6 to deploy (`requiresBootstrapStackVersion`) and 8 for
 * the lookup role (`lookupRole.requiresBootstrapStackVersion`), which `landfall rollout` reads member accounts with.
 */
export const MIN_BOOTSTRAP_VERSION = 8;

/** `npx cdk deploy` with the exact stack selection by construct path. */
export function cdkDeploy(paths: readonly string[]): string {
  return `npx cdk deploy ${paths.map((p) => (/[*?]/.test(p) ? `'${p}'` : p)).join(' ')}`;
}

/** The AWS CLI profile a command uses for an account: the account's name, as `landfall accounts cdk-bootstrap`. */
export function profileOf(account: AccountConfig): string {
  return account.name;
}

/**
 * `cdk bootstrap` of one account and region: the platform's qualifier, landfall's execution policy and permissions
 * boundary (lib/plan/cdk-execution.ts; created in the account first), termination protection, and trust of the management account (whose credentials the platform team deploys with) everywhere
 * but in the management account itself.
 */
export function cdkBootstrapCommand(model: LandfallModel, account: AccountConfig, region: string): string {
  const management = model.accounts.management;
  return [
    `npx cdk bootstrap aws://${account.id}/${region}`,
    `--profile ${profileOf(account)}`,
    `--qualifier ${model.platform.deploy.cdkQualifier}`,
    ...(account.name === management.name ? [] : [`--trust ${management.id}`]),
    ...bootstrapPolicyFlags(account.id, model.platform.deploy.cdkQualifier, partitionOf(region)),
    '--termination-protection',
  ].join(' ');
}

/** Reads the bootstrap stack's version and qualifier. */
export function toolkitCheck(account: AccountConfig, region: string): string {
  return `aws cloudformation describe-stacks --stack-name ${TOOLKIT_STACK} --region ${region} --profile ${profileOf(account)} --query "Stacks[0].[StackStatus,Outputs[?OutputKey=='BootstrapVersion'].OutputValue|[0],Parameters[?ParameterKey=='Qualifier'].ParameterValue|[0]]" --output text`;
}

/** Reads the status of the stacks a deploy step deploys. */
export function stacksCheck(stackNames: readonly string[], account: AccountConfig, region: string): string {
  const describe = (name: string) =>
    `aws cloudformation describe-stacks --stack-name ${name} --region ${region} --profile ${profileOf(account)} --query "Stacks[0].[StackName,StackStatus]" --output text`;
  if (stackNames.length === 1) return describe(stackNames[0]);
  return `for s in ${stackNames.join(' ')}; do ${describe('$s')}; done`;
}

/** The AWS partition of a region (ARNs of external inputs). */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
