import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { runSimulation } from '@cloud-copilot/iam-simulate';

type Json = unknown;
type Resources = Record<string, { Type: string; Properties?: Record<string, Json> }>;

/**
 * Resolve the intrinsics landfall's IAM policies use to plain strings, so a policy simulator can evaluate them:
 * pseudo parameters, `Fn::Join`, and `Fn::GetAtt` of an SQS queue's ARN (built from its `QueueName`). Anything
 * else becomes `UNRESOLVED`, which matches no real resource: an unknown reference can only make a test fail.
 */
export function resolveIntrinsics(value: Json, resources: Resources, env: { account: string; region: string }): Json {
  const recurse = (v: Json): Json => resolveIntrinsics(v, resources, env);
  if (Array.isArray(value)) return value.map(recurse);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, Json>);
  if (entries.length === 1) {
    const [fn, arg] = entries[0];
    if (fn === 'Ref') {
      const pseudo: Record<string, string> = {
        'AWS::Partition': 'aws',
        'AWS::URLSuffix': 'amazonaws.com',
        'AWS::AccountId': env.account,
        'AWS::Region': env.region,
      };
      return pseudo[arg as string] ?? 'UNRESOLVED';
    }
    if (fn === 'Fn::Join') {
      const [separator, parts] = arg as [string, Json[]];
      return parts.map((p) => String(recurse(p))).join(separator);
    }
    if (fn === 'Fn::GetAtt') {
      const [logicalId, attribute] = arg as [string, string];
      const resource = resources[logicalId];
      if (resource?.Type === 'AWS::SQS::Queue' && attribute === 'Arn') {
        return `arn:aws:sqs:${env.region}:${env.account}:${String(resource.Properties?.QueueName)}`;
      }
      return 'UNRESOLVED';
    }
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, recurse(v)]));
}

/** The identity policies attached to a role of a stack (inline and customer-managed), resolved. */
export function rolePolicies(stack: Stack, roleLogicalIdPattern: RegExp): Array<{ name: string; policy: Json }> {
  const template = Template.fromStack(stack).toJSON() as { Resources: Resources };
  const resources = template.Resources;
  const env = { account: stack.account, region: stack.region };
  const roleIds = Object.keys(resources).filter(
    (id) => resources[id].Type === 'AWS::IAM::Role' && roleLogicalIdPattern.test(id),
  );
  if (roleIds.length !== 1)
    throw new Error(
      `expected one role matching ${roleLogicalIdPattern} in ${stack.node.path}, found ${roleIds.join(', ') || 'none'}`,
    );
  const attached = (roles: Json) => JSON.stringify(roles ?? []).includes(`"${roleIds[0]}"`);
  return Object.entries(resources)
    .filter(
      ([, r]) =>
        (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy') && attached(r.Properties?.Roles),
    )
    .map(([id, r]) => ({ name: id, policy: resolveIntrinsics(r.Properties?.PolicyDocument, resources, env) }));
}

/** Whether the policies allow `action` on `resource` (same account, over TLS), as IAM would decide. */
export async function isAllowed(
  policies: Array<{ name: string; policy: Json }>,
  action: string,
  resource: string,
  account: string,
  resourcePolicy?: Json,
): Promise<boolean> {
  const result = await runSimulation(
    {
      request: {
        principal: `arn:aws:iam::${account}:role/task`,
        action,
        resource: { resource, accountId: account },
        contextVariables: { 'aws:SecureTransport': 'true' },
      },
      identityPolicies: policies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy,
    },
    {},
  );
  if (result.resultType === 'error') throw new Error(`simulation failed: ${JSON.stringify(result.errors)}`);
  return result.overallResult === 'Allowed';
}
