/**
 * Gate (external inputs): every bucket a template names as a log destination is created by a stack of the
 * assembly. Such buckets usually live in another account (the log archive), so no template of the writer's own
 * stack shows they exist; a bucket no stack creates is a prerequisite nothing provides.
 */
import type { Assembly, AssemblyStack, ReadinessProblem, TemplateResource } from './assembly';
import { resourcesOf } from './assembly';
import { resolveString } from './intrinsics';

/** A bucket a resource writes to, with the property that names it. */
export interface BucketReference {
  readonly stack: AssemblyStack;
  readonly resource: string;
  readonly type: string;
  readonly property: string;
  readonly bucket: string;
  /** Key prefix the writer uses. @default none */
  readonly prefix?: string;
}

/** The value of a load balancer attribute, if set. */
export function loadBalancerAttribute(
  resource: TemplateResource,
  key: string,
  stack: AssemblyStack,
): string | undefined {
  const attributes = resource.Properties?.LoadBalancerAttributes;
  if (!Array.isArray(attributes)) return undefined;
  const found = (attributes as { Key?: unknown; Value?: unknown }[]).find((a) => a.Key === key);
  return found === undefined ? undefined : resolveString(found.Value, stack);
}

/** Every literal bucket name a trail, delivery channel, load balancer, bucket or flow log writes to. */
export function bucketReferences(assembly: Assembly): BucketReference[] {
  const refs: BucketReference[] = [];
  for (const { stack, id, resource } of resourcesOf(assembly)) {
    const p = resource.Properties ?? {};
    const add = (property: string, value: unknown, prefix?: unknown) => {
      const bucket = resolveString(value, stack);
      if (bucket === undefined) return;
      const keyPrefix = resolveString(prefix, stack);
      refs.push({
        stack,
        resource: id,
        type: resource.Type,
        property,
        bucket,
        ...(keyPrefix ? { prefix: keyPrefix } : {}),
      });
    };
    switch (resource.Type) {
      case 'AWS::CloudTrail::Trail':
        add('S3BucketName', p.S3BucketName, p.S3KeyPrefix);
        break;
      case 'AWS::Config::DeliveryChannel':
        add('S3BucketName', p.S3BucketName, p.S3KeyPrefix);
        break;
      case 'AWS::ElasticLoadBalancingV2::LoadBalancer':
        if (loadBalancerAttribute(resource, 'access_logs.s3.enabled', stack) === 'true') {
          add(
            'access_logs.s3.bucket',
            loadBalancerAttribute(resource, 'access_logs.s3.bucket', stack),
            loadBalancerAttribute(resource, 'access_logs.s3.prefix', stack),
          );
        }
        break;
      case 'AWS::S3::Bucket': {
        const logging = p.LoggingConfiguration as { DestinationBucketName?: unknown } | undefined;
        if (typeof logging?.DestinationBucketName === 'string') {
          add('LoggingConfiguration.DestinationBucketName', logging.DestinationBucketName);
        }
        break;
      }
      case 'AWS::EC2::FlowLog': {
        const destination = resolveString(p.LogDestination, stack);
        const m = destination === undefined ? null : /^arn:aws[\w-]*:s3:::([^/]+)\/?(.*)$/.exec(destination);
        if (m !== null) add('LogDestination', m[1], m[2] === '' ? undefined : m[2]);
        break;
      }
    }
  }
  return refs;
}

/** The stack and logical ID of the bucket with a name, if a stack of the assembly creates it. */
export function bucketNamed(
  assembly: Assembly,
  name: string,
): { stack: AssemblyStack; id: string; resource: TemplateResource } | undefined {
  for (const found of resourcesOf(assembly, 'AWS::S3::Bucket')) {
    if (resolveString(found.resource.Properties?.BucketName, found.stack) === name) return found;
  }
  return undefined;
}

export function checkReferencedBuckets(assembly: Assembly): ReadinessProblem[] {
  return bucketReferences(assembly)
    .filter((ref) => bucketNamed(assembly, ref.bucket) === undefined)
    .map((ref) => ({
      gate: 'external-inputs' as const,
      stack: ref.stack.path,
      resource: ref.resource,
      message: `${ref.stack.path} ${ref.resource} (${ref.type} ${ref.property}) writes to bucket "${ref.bucket}", which no stack of the assembly creates: create it in a stack, or make it a rollout prerequisite`,
    }));
}
