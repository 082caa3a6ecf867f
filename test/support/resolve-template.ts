/**
 * Turn a bucket policy from a synthesized template into plain JSON a policy simulator can read: `Fn::GetAtt` of a
 * bucket's `Arn` becomes its ARN (from its `BucketName`), `Fn::Join` is joined. Anything else is left as is and
 * makes the simulator reject the policy, so an unexpected intrinsic never passes silently.
 */
export function resolveBucketArns(
  value: unknown,
  resources: Record<string, { Properties?: Record<string, unknown> }>,
): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveBucketArns(v, resources));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const getAtt = obj['Fn::GetAtt'] as [string, string] | undefined;
  if (getAtt && getAtt[1] === 'Arn' && typeof resources[getAtt[0]]?.Properties?.BucketName === 'string') {
    return `arn:aws:s3:::${resources[getAtt[0]].Properties?.BucketName as string}`;
  }
  const join = obj['Fn::Join'] as [string, unknown[]] | undefined;
  if (join) return join[1].map((part) => resolveBucketArns(part, resources)).join(join[0]);
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, resolveBucketArns(v, resources)]));
}
