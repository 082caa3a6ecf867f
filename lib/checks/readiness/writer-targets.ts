/** What the writer cases share: targets (bucket, key) with their resource policies, and role principals. */
import type { Assembly, AssemblyStack, ReadinessProblem } from './assembly';
import { partitionOf, referencedId, resolveString } from './intrinsics';
import { identityPoliciesOf, resourcePolicyOf } from './policies';
import { bucketNamed } from './referenced-buckets';
import type { PolicySource, WriterCall, WriterOptions } from './writers';

export type Cases = { calls: WriterCall[]; problems: ReadinessProblem[] };

export interface Target {
  readonly arn: string;
  readonly account: string;
  readonly region: string;
  /** @default none (the target has no resource policy) */
  readonly resourcePolicy?: PolicySource;
}

export const policySource = (stack: AssemblyStack, id: string): PolicySource | undefined => {
  const policy = resourcePolicyOf(stack, id);
  return policy === undefined ? undefined : { ...policy, label: `the ${policy.policies[0].name}` };
};

export function bucketTarget(
  assembly: Assembly,
  name: string,
): (Target & { stack: AssemblyStack; id: string }) | undefined {
  const found = bucketNamed(assembly, name);
  if (found === undefined) return undefined;
  const resourcePolicy = policySource(found.stack, found.id);
  return {
    stack: found.stack,
    id: found.id,
    arn: `arn:${partitionOf(found.stack.region)}:s3:::${name}`,
    account: found.stack.account,
    region: found.stack.region,
    ...(resourcePolicy === undefined ? {} : { resourcePolicy }),
  };
}

export function keyTarget(stack: AssemblyStack, value: unknown): Target | undefined {
  const id = referencedId(value);
  if (id === undefined || stack.template.Resources?.[id]?.Type !== 'AWS::KMS::Key') return undefined;
  const resourcePolicy = policySource(stack, id);
  return {
    arn: resolveString({ 'Fn::GetAtt': [id, 'Arn'] }, stack, { resources: true }) as string,
    account: stack.account,
    region: stack.region,
    ...(resourcePolicy === undefined ? {} : { resourcePolicy }),
  };
}

export interface RolePrincipal {
  /** How problems name the role: `landfall-config-recorder (dev/Baseline ConfigRole...)`, or its path and ID. */
  readonly name: string;
  readonly session: string;
  readonly account: string;
  readonly context: Record<string, string>;
  readonly identity: PolicySource;
}

export function rolePrincipal(
  stack: AssemblyStack,
  roleId: string,
  session: string,
  options: WriterOptions,
): RolePrincipal {
  const name = resolveString({ Ref: roleId }, stack, { resources: true }) as string;
  const fixed = typeof stack.template.Resources?.[roleId]?.Properties?.RoleName === 'string';
  const shown = fixed ? `${name} (${stack.path} ${roleId})` : `${stack.path} ${roleId}`;
  const partition = partitionOf(stack.region);
  return {
    name: shown,
    session: `arn:${partition}:sts::${stack.account}:assumed-role/${name}/${session}`,
    account: stack.account,
    context: {
      'aws:PrincipalArn': `arn:${partition}:iam::${stack.account}:role/${name}`,
      'aws:PrincipalAccount': stack.account,
      ...(options.organizationId === undefined ? {} : { 'aws:PrincipalOrgID': options.organizationId }),
    },
    identity: {
      ...identityPoliciesOf(stack, roleId),
      label: `the identity policies of role ${shown}`,
    },
  };
}

/** Join key segments with `/`, leaving out empty ones. */
export const join = (...parts: (string | undefined)[]) => parts.filter((p) => p !== undefined && p !== '').join('/');
