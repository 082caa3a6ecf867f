import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { AwsCallError, call } from './call';
import type { RetryOptions } from './call';
import type { AwsClients } from './clients';

/** A stack as DescribeStacks shows it: its status, parameters and outputs. */
export interface StackState {
  readonly status: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly outputs: Readonly<Record<string, string>>;
}

/**
 * One stack by name, or `undefined` when it does not exist (DescribeStacks answers `ValidationError: Stack with id
 * NAME does not exist`). Reads only.
 */
export async function describeStack(
  clients: AwsClients,
  stackName: string,
  retry: RetryOptions,
): Promise<StackState | undefined> {
  try {
    const out = await call(
      'cloudformation:DescribeStacks',
      () => clients.cloudFormation.send(new DescribeStacksCommand({ StackName: stackName })),
      retry,
    );
    const stack = out.Stacks?.[0];
    if (stack === undefined) return undefined;
    return {
      status: stack.StackStatus ?? 'UNKNOWN',
      parameters: Object.fromEntries(
        (stack.Parameters ?? []).map((p) => [p.ParameterKey ?? '', p.ParameterValue ?? '']),
      ),
      outputs: Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? ''])),
    };
  } catch (err) {
    if (err instanceof AwsCallError && err.code === 'ValidationError' && /does not exist/.test(err.message))
      return undefined;
    throw err;
  }
}

/** The CDK bootstrap stack of an account and region, as `landfall rollout` checks it. */
export interface ToolkitState {
  readonly status: string;
  /** The `BootstrapVersion` output. */
  readonly version?: number;
  /** The `Qualifier` parameter. */
  readonly qualifier?: string;
  /** The `TrustedAccounts` parameter (`cdk bootstrap --trust`). */
  readonly trustedAccounts: readonly string[];
}

export async function describeToolkit(
  clients: AwsClients,
  toolkitStackName: string,
  retry: RetryOptions,
): Promise<ToolkitState | undefined> {
  const stack = await describeStack(clients, toolkitStackName, retry);
  if (stack === undefined) return undefined;
  const version = Number(stack.outputs.BootstrapVersion);
  const trusted = stack.parameters.TrustedAccounts ?? '';
  return {
    status: stack.status,
    ...(Number.isFinite(version) && stack.outputs.BootstrapVersion !== undefined ? { version } : {}),
    ...(stack.parameters.Qualifier === undefined ? {} : { qualifier: stack.parameters.Qualifier }),
    trustedAccounts: trusted
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  };
}
