/**
 * Resolve CloudFormation intrinsic functions offline, as far as the manifest allows: pseudo parameters from the
 * stack's account and region, `Fn::Join`, `Fn::Sub` and `Fn::Select`, and (when asked) `Ref` / `Fn::GetAtt` of the
 * stack's own resources whose physical name or ARN follows from their properties. Anything else (imports, generated
 * names the gates must not guess, conditions) resolves to `undefined`, never to a guess.
 */
import type { AssemblyStack, TemplateResource } from './assembly';

export interface ResolveOptions {
  /**
   * Resolve `Ref` and `Fn::GetAtt` of the stack's resources. Resources without a fixed name get a placeholder that
   * names the stack and logical ID (`<stackName>-<LogicalId>`), so ARNs in policies stay distinct and never match a
   * fixed name by accident. Names compared across stacks (the name gate) must not use this.
   * @default false
   */
  readonly resources?: boolean;
}

/** The partition of a region: `aws`, `aws-cn` or `aws-us-gov`. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function urlSuffixOf(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

const PSEUDO: Record<string, (stack: AssemblyStack) => string> = {
  'AWS::AccountId': (s) => s.account,
  'AWS::Region': (s) => s.region,
  'AWS::Partition': (s) => partitionOf(s.region),
  'AWS::URLSuffix': (s) => urlSuffixOf(s.region),
  'AWS::StackName': (s) => s.stackName,
};

/** A resource's name property, or the placeholder CloudFormation's generated name stands for. */
function nameOf(stack: AssemblyStack, id: string, resource: TemplateResource, property: string): string {
  const name = resource.Properties?.[property];
  return typeof name === 'string' ? name : `${stack.stackName}-${id}`;
}

type Attributes = Record<string, (s: AssemblyStack, id: string, r: TemplateResource) => string>;

/** `Ref` (key `Ref`) and `Fn::GetAtt` attributes of the resource types the gates read policies from. */
const ATTRIBUTES: Record<string, Attributes> = {
  'AWS::S3::Bucket': {
    Ref: (s, id, r) => nameOf(s, id, r, 'BucketName'),
    Arn: (s, id, r) => `arn:${partitionOf(s.region)}:s3:::${nameOf(s, id, r, 'BucketName')}`,
  },
  'AWS::SNS::Topic': {
    Ref: (s, id, r) => `arn:${partitionOf(s.region)}:sns:${s.region}:${s.account}:${nameOf(s, id, r, 'TopicName')}`,
    TopicArn: (s, id, r) =>
      `arn:${partitionOf(s.region)}:sns:${s.region}:${s.account}:${nameOf(s, id, r, 'TopicName')}`,
    TopicName: (s, id, r) => nameOf(s, id, r, 'TopicName'),
  },
  'AWS::SQS::Queue': {
    Ref: (s, id, r) => `https://sqs.${s.region}.${urlSuffixOf(s.region)}/${s.account}/${nameOf(s, id, r, 'QueueName')}`,
    Arn: (s, id, r) => `arn:${partitionOf(s.region)}:sqs:${s.region}:${s.account}:${nameOf(s, id, r, 'QueueName')}`,
    QueueName: (s, id, r) => nameOf(s, id, r, 'QueueName'),
  },
  'AWS::IAM::Role': {
    Ref: (s, id, r) => nameOf(s, id, r, 'RoleName'),
    Arn: (s, id, r) => `arn:${partitionOf(s.region)}:iam::${s.account}:role/${nameOf(s, id, r, 'RoleName')}`,
  },
  'AWS::IAM::ManagedPolicy': {
    Ref: (s, id, r) => `arn:${partitionOf(s.region)}:iam::${s.account}:policy/${nameOf(s, id, r, 'ManagedPolicyName')}`,
  },
  'AWS::KMS::Key': {
    Ref: (s, id) => `${s.stackName}-${id}`,
    Arn: (s, id) => `arn:${partitionOf(s.region)}:kms:${s.region}:${s.account}:key/${s.stackName}-${id}`,
  },
  'AWS::Logs::LogGroup': {
    Ref: (s, id, r) => nameOf(s, id, r, 'LogGroupName'),
    Arn: (s, id, r) =>
      `arn:${partitionOf(s.region)}:logs:${s.region}:${s.account}:log-group:${nameOf(s, id, r, 'LogGroupName')}:*`,
  },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': {
    Ref: (s, id) => `arn:${partitionOf(s.region)}:elasticloadbalancing:${s.region}:${s.account}:loadbalancer/app/${id}`,
  },
};

function resourceValue(stack: AssemblyStack, id: string, attribute: string): string | undefined {
  const resource = stack.template.Resources?.[id];
  if (resource === undefined) return undefined;
  return ATTRIBUTES[resource.Type]?.[attribute]?.(stack, id, resource);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The single key of an intrinsic function object (`Ref`, `Fn::Join`, ...), if the value is one. */
export function intrinsicOf(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')) ? keys[0] : undefined;
}

/** A value as a string when it resolves offline, else undefined. */
export function resolveString(value: unknown, stack: AssemblyStack, options: ResolveOptions = {}): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const fn = intrinsicOf(value);
  if (fn === undefined) return undefined;
  const arg = (value as Record<string, unknown>)[fn];
  switch (fn) {
    case 'Ref': {
      if (typeof arg !== 'string') return undefined;
      const pseudo = PSEUDO[arg];
      if (pseudo !== undefined) return pseudo(stack);
      const parameter = stack.template.Parameters?.[arg];
      if (parameter !== undefined) return undefined;
      return options.resources === true ? resourceValue(stack, arg, 'Ref') : undefined;
    }
    case 'Fn::GetAtt': {
      const [id, attribute] = typeof arg === 'string' ? arg.split(/\.(.*)/s) : Array.isArray(arg) ? arg : [];
      if (options.resources !== true || typeof id !== 'string' || typeof attribute !== 'string') return undefined;
      return resourceValue(stack, id, attribute);
    }
    case 'Fn::Join': {
      if (!Array.isArray(arg) || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) return undefined;
      const parts = (arg[1] as unknown[]).map((p) => resolveString(p, stack, options));
      return parts.every((p): p is string => p !== undefined) ? parts.join(arg[0]) : undefined;
    }
    case 'Fn::Select': {
      if (!Array.isArray(arg) || !Array.isArray(arg[1])) return undefined;
      const index = Number(resolveString(arg[0], stack, options));
      return Number.isInteger(index) ? resolveString((arg[1] as unknown[])[index], stack, options) : undefined;
    }
    case 'Fn::Sub':
      return resolveSub(arg, stack, options);
    default:
      return undefined;
  }
}

function resolveSub(arg: unknown, stack: AssemblyStack, options: ResolveOptions): string | undefined {
  const [text, variables] = Array.isArray(arg) ? [arg[0], arg[1] as Record<string, unknown>] : [arg, {}];
  if (typeof text !== 'string') return undefined;
  let failed = false;
  const out = text.replace(/\$\{([^}!][^}]*)\}/g, (_m, name: string) => {
    const resolved =
      variables?.[name] !== undefined
        ? resolveString(variables[name], stack, options)
        : name.includes('.')
          ? resolveString({ 'Fn::GetAtt': name }, stack, options)
          : resolveString({ Ref: name }, stack, options);
    if (resolved === undefined) failed = true;
    return resolved ?? '';
  });
  return failed ? undefined : out.replace(/\$\{!/g, '${');
}

/**
 * Resolve every intrinsic inside a value (a policy document, a property): resolvable ones become strings, the
 * others are listed in `unresolved` (as JSON) and left in place.
 */
export function resolveDeep(
  value: unknown,
  stack: AssemblyStack,
  options: ResolveOptions = {},
): { value: unknown; unresolved: string[] } {
  const unresolved: string[] = [];
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!isObject(v)) return v;
    if (intrinsicOf(v) !== undefined) {
      const resolved = resolveString(v, stack, options);
      if (resolved === undefined) unresolved.push(JSON.stringify(v));
      return resolved ?? v;
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
  };
  return { value: walk(value), unresolved };
}

/** Every `{ [fn]: argument }` inside a value, depth first (for example every `Fn::ImportValue`). */
export function findIntrinsics(value: unknown, fn: string): unknown[] {
  const found: unknown[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isObject(v)) {
      if (intrinsicOf(v) === fn) found.push(v[fn]);
      else Object.values(v).forEach(walk);
    }
  };
  walk(value);
  return found;
}

/** The logical ID a `{ Ref }` or `{ Fn::GetAtt }` points to, if the value is one. */
export function referencedId(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  if (typeof value.Ref === 'string') return value.Ref;
  const getAtt = value['Fn::GetAtt'];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return Array.isArray(getAtt) && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
}
