/**
 * Policies as a simulator reads them, taken from the synthesized templates: the identity policies of a role and the
 * resource policies of a bucket, KMS key or SNS topic, with intrinsics resolved. What cannot be resolved offline is
 * made safe, never optimistic: an Allow statement that cannot be read is dropped, a Deny statement is widened.
 */
import type { AssemblyStack, TemplateResource } from './assembly';
import { AWS_MANAGED_POLICIES } from './aws-accounts';
import { referencedId, resolveDeep, resolveString } from './intrinsics';

export interface NamedPolicy {
  /** Where the policy comes from, as a problem names it (`dev/Baseline ConfigDeliveryPolicy670FA632`). */
  readonly name: string;
  readonly document: unknown;
}

/** Policies, and what of them the simulation leaves out (unknown AWS managed policies, unreadable statements). */
export interface Policies {
  readonly policies: readonly NamedPolicy[];
  readonly notSimulated: readonly string[];
}

interface Statement {
  readonly Effect?: string;
  readonly Resource?: unknown;
  readonly NotResource?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
  readonly [key: string]: unknown;
}

const hasIntrinsic = (v: unknown): boolean =>
  Array.isArray(v) ? v.some(hasIntrinsic) : v !== null && typeof v === 'object';

/** Resolve a policy document; `notSimulated` says which statements were dropped or widened, and why. */
export function resolvePolicy(document: unknown, stack: AssemblyStack, name: string): Policies {
  const doc = document as { Version?: string; Statement?: unknown };
  const statements = (Array.isArray(doc?.Statement) ? doc.Statement : [doc?.Statement]).filter(
    (s): s is Statement => s !== undefined && s !== null,
  );
  const notSimulated: string[] = [];
  const kept: unknown[] = [];
  statements.forEach((raw, i) => {
    const { value, unresolved } = resolveDeep(raw, stack, { resources: true });
    const statement = value as Statement;
    if (unresolved.length === 0) {
      kept.push(statement);
    } else if (statement.Effect === 'Deny') {
      const widened: Record<string, unknown> = { ...statement };
      for (const key of ['Resource', 'NotResource'] as const) {
        if (hasIntrinsic(statement[key])) widened[key] = '*';
      }
      const conditions = Object.entries(statement.Condition ?? {}).filter(([, c]) =>
        Object.values(c).every((v) => !hasIntrinsic(v)),
      );
      if (conditions.length > 0) widened.Condition = Object.fromEntries(conditions);
      else delete widened.Condition;
      kept.push(widened);
      notSimulated.push(`${name} statement ${i + 1} widened (cannot resolve ${unresolved.join(', ')})`);
    } else {
      notSimulated.push(`${name} statement ${i + 1} left out (cannot resolve ${unresolved.join(', ')})`);
    }
  });
  return { policies: [{ name, document: { Version: doc?.Version ?? '2012-10-17', Statement: kept } }], notSimulated };
}

const refersTo = (list: unknown, id: string) => Array.isArray(list) && list.some((entry) => referencedId(entry) === id);

/**
 * The identity policies of a role declared in `stack`: its inline `Policies`, the `AWS::IAM::Policy` and
 * `AWS::IAM::ManagedPolicy` resources that attach to it, its customer managed policies of the same stack and the
 * AWS managed policies `AWS_MANAGED_POLICIES` knows.
 */
export function identityPoliciesOf(stack: AssemblyStack, roleId: string): Policies {
  const resources = stack.template.Resources ?? {};
  const role = resources[roleId];
  const out: NamedPolicy[] = [];
  const notSimulated: string[] = [];
  const add = (document: unknown, name: string) => {
    const resolved = resolvePolicy(document, stack, name);
    out.push(...resolved.policies);
    notSimulated.push(...resolved.notSimulated);
  };
  const inline = (role?.Properties?.Policies ?? []) as { PolicyName?: string; PolicyDocument?: unknown }[];
  inline.forEach((p) => add(p.PolicyDocument, `${stack.path} ${roleId} inline policy ${p.PolicyName ?? ''}`.trim()));

  for (const [id, r] of Object.entries(resources)) {
    if (
      (r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy') &&
      refersTo(r.Properties?.Roles, roleId)
    ) {
      add(r.Properties?.PolicyDocument, `${stack.path} ${id}`);
    }
  }
  for (const arn of (role?.Properties?.ManagedPolicyArns ?? []) as unknown[]) {
    const id = referencedId(arn);
    const attached = id === undefined ? undefined : resources[id];
    if (attached?.Type === 'AWS::IAM::ManagedPolicy') {
      if (!refersTo(attached.Properties?.Roles, roleId))
        add(attached.Properties?.PolicyDocument, `${stack.path} ${id}`);
      continue;
    }
    const text = resolveString(arn, stack) ?? JSON.stringify(arn);
    const awsManaged = /^arn:aws[\w-]*:iam::aws:policy\/(.+)$/.exec(text)?.[1];
    const known = awsManaged === undefined ? undefined : AWS_MANAGED_POLICIES[awsManaged];
    if (known !== undefined) out.push({ name: `AWS managed policy ${awsManaged}`, document: known });
    else notSimulated.push(`managed policy ${awsManaged ?? text} (its document is not in the assembly)`);
  }
  return { policies: out, notSimulated };
}

/** The resource policy of a bucket, key or topic declared in `stack` with logical ID `id`. */
export function resourcePolicyOf(stack: AssemblyStack, id: string): Policies | undefined {
  const resources = stack.template.Resources ?? {};
  const target = resources[id] as TemplateResource | undefined;
  if (target?.Type === 'AWS::KMS::Key') {
    return resolvePolicy(target.Properties?.KeyPolicy, stack, `key policy of ${stack.path} ${id}`);
  }
  for (const [policyId, r] of Object.entries(resources)) {
    const attaches =
      (target?.Type === 'AWS::S3::Bucket' &&
        r.Type === 'AWS::S3::BucketPolicy' &&
        (referencedId(r.Properties?.Bucket) === id ||
          resolveString(r.Properties?.Bucket, stack) === resolveString({ Ref: id }, stack, { resources: true }))) ||
      (target?.Type === 'AWS::SNS::Topic' && r.Type === 'AWS::SNS::TopicPolicy' && refersTo(r.Properties?.Topics, id));
    if (attaches) {
      const kind = r.Type === 'AWS::S3::BucketPolicy' ? 'bucket policy' : 'topic policy';
      return resolvePolicy(r.Properties?.PolicyDocument, stack, `${kind} ${stack.path} ${policyId}`);
    }
  }
  return undefined;
}
