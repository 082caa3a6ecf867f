/**
 * Writers that deliver logs to the log-archive buckets: AWS Config (the recorder's IAM role), CloudTrail (the
 * service, with the trail's KMS key) and Elastic Load Balancing access logs (the Region's ELB account, or the log
 * delivery service in Regions opened since August 2022).
 */
import type { Assembly, AssemblyStack, TemplateResource } from './assembly';
import { ELB_ACCOUNTS, ELB_LOG_DELIVERY_SERVICE } from './aws-accounts';
import { partitionOf, referencedId, resolveString } from './intrinsics';
import { bucketReferences } from './referenced-buckets';
import type { Cases } from './writer-targets';
import { bucketTarget, join, keyTarget, rolePrincipal } from './writer-targets';
import type { WriterCall, WriterOptions } from './writers';

const DOCS = {
  configRole:
    'AWS Config Developer Guide, "Permissions for the IAM Role Assigned to AWS Config": the role needs s3:PutObject, s3:PutObjectAcl and s3:GetBucketAcl on the bucket',
  configExists:
    'AWS Config Developer Guide, "Permissions for the Amazon S3 Bucket": "AWS Config attempts to call Amazon S3 HeadBucket API to check whether the bucket exists"',
  configAcl:
    'AWS Config Developer Guide, "Permissions for the Amazon S3 Bucket": "ensure that your IAM role has PutObjectACL permission on cross-account bucket"',
  trailBucket:
    'CloudTrail User Guide, "Amazon S3 bucket policy for CloudTrail": cloudtrail.amazonaws.com needs s3:GetBucketAcl and s3:PutObject under AWSLogs/',
  trailKey:
    'CloudTrail User Guide, "Configure AWS KMS key policies for CloudTrail": grant CloudTrail kms:GenerateDataKey* for the trail and kms:DescribeKey',
  elb: 'Elastic Load Balancing, "Enable access logs for your Application Load Balancer": "The bucket must have a bucket policy that grants Elastic Load Balancing permission to write the access logs"',
};

/** AWS Config: the recorder's role writes snapshots and history to the delivery channel's bucket. */
export function configCalls(assembly: Assembly, options: WriterOptions): Cases {
  const out: Cases = { calls: [], problems: [] };
  for (const ref of bucketReferences(assembly).filter((r) => r.type === 'AWS::Config::DeliveryChannel')) {
    const bucket = bucketTarget(assembly, ref.bucket);
    if (bucket === undefined) continue; // the referenced-bucket gate reports it
    const stack = ref.stack;
    const recorder = Object.entries(stack.template.Resources ?? {}).find(
      ([, r]) => r.Type === 'AWS::Config::ConfigurationRecorder',
    );
    const roleArn = recorder?.[1].Properties?.RoleARN;
    // A recorder of another region reuses the account's recorder role by ARN (IAM is global): find the stack of
    // the same account that declares a role of that name.
    const owner =
      referencedId(roleArn) !== undefined
        ? { stack, roleId: referencedId(roleArn) }
        : roleByArn(assembly, stack, roleArn);
    const roleStack = owner?.stack ?? stack;
    const roleId = owner?.roleId;
    if (roleId === undefined || roleStack.template.Resources?.[roleId]?.Type !== 'AWS::IAM::Role') {
      out.problems.push({
        gate: 'writers',
        stack: stack.path,
        resource: ref.resource,
        message: `${stack.path} ${ref.resource}: the delivery channel's recorder must name an IAM role declared in this stack, or by a literal ARN a role of another stack of the account declares, for the writer gate to simulate delivery`,
      });
      continue;
    }
    const role = rolePrincipal(roleStack, roleId, 'AWSConfig-BucketConfigCheck', options);
    const object = `${bucket.arn}/${join(ref.prefix, 'AWSLogs', stack.account, 'Config', stack.region, 'ConfigWritabilityCheckFile')}`;
    const acl = { 's3:x-amz-acl': 'bucket-owner-full-control' };
    const calls: [string, string, Record<string, string>, string][] = [
      ['s3:GetBucketAcl', bucket.arn, {}, DOCS.configRole],
      ['s3:ListBucket', bucket.arn, {}, DOCS.configExists],
      ['s3:PutObject', object, acl, DOCS.configRole],
      ...(bucket.account === stack.account
        ? []
        : ([['s3:PutObjectAcl', object, acl, DOCS.configAcl]] as [string, string, Record<string, string>, string][])),
    ];
    for (const [action, target, context, docs] of calls) {
      out.calls.push({
        writer: `AWS Config recorder role ${role.name}`,
        stack: stack.path,
        resource: roleId,
        principal: role.session,
        principalAccount: role.account,
        action,
        target,
        targetAccount: bucket.account,
        context: { ...role.context, ...context },
        identity: role.identity,
        ...(bucket.resourcePolicy === undefined ? {} : { resourcePolicy: bucket.resourcePolicy }),
        docs,
      });
    }
  }
  return out;
}

/** The stack and logical ID of the role a literal role ARN names, among the stacks of the same account. */
function roleByArn(
  assembly: Assembly,
  stack: AssemblyStack,
  arn: unknown,
): { stack: AssemblyStack; roleId: string } | undefined {
  const match = typeof arn === 'string' ? /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn) : null;
  if (match === null || match[1] !== stack.account) return undefined;
  for (const candidate of assembly.stacks.filter((s) => s.account === stack.account)) {
    for (const [id, resource] of Object.entries(candidate.template.Resources ?? {})) {
      if (resource.Type === 'AWS::IAM::Role' && resource.Properties?.RoleName === match[2]) {
        return { stack: candidate, roleId: id };
      }
    }
  }
  return undefined;
}

/** CloudTrail: the service writes log files to the trail's bucket and encrypts them with the trail's key. */
export function cloudTrailCalls(assembly: Assembly, options: WriterOptions): Cases {
  const out: Cases = { calls: [], problems: [] };
  const accounts = [...new Set(assembly.stacks.map((s) => s.account))].sort();
  for (const ref of bucketReferences(assembly).filter((r) => r.type === 'AWS::CloudTrail::Trail')) {
    const bucket = bucketTarget(assembly, ref.bucket);
    const stack = ref.stack;
    const trail = stack.template.Resources?.[ref.resource] as TemplateResource;
    const name = resolveString(trail.Properties?.TrailName, stack) ?? `${stack.stackName}-${ref.resource}`;
    const trailArn = `arn:${partitionOf(stack.region)}:cloudtrail:${stack.region}:${stack.account}:trail/${name}`;
    const context = { 'aws:SourceArn': trailArn, 'aws:SourceAccount': stack.account };
    const base = {
      writer: `CloudTrail trail ${name} (${stack.path} ${ref.resource})`,
      stack: stack.path,
      resource: ref.resource,
      principal: 'cloudtrail.amazonaws.com',
    };
    if (bucket !== undefined) {
      const bucketCall = (action: string, target: string, extra: Record<string, string> = {}): WriterCall => ({
        ...base,
        action,
        target,
        targetAccount: bucket.account,
        context: { ...context, ...extra },
        ...(bucket.resourcePolicy === undefined ? {} : { resourcePolicy: bucket.resourcePolicy }),
        docs: DOCS.trailBucket,
      });
      const acl = { 's3:x-amz-acl': 'bucket-owner-full-control' };
      const logFile = (...owner: string[]) =>
        `${bucket.arn}/${join(ref.prefix, 'AWSLogs', ...owner, 'CloudTrail', stack.region, 'log.json.gz')}`;
      out.calls.push(
        bucketCall('s3:GetBucketAcl', bucket.arn),
        bucketCall('s3:PutObject', logFile(stack.account), acl),
      );
      if (trail.Properties?.IsOrganizationTrail === true) {
        if (options.organizationId === undefined) {
          out.problems.push({
            gate: 'writers',
            stack: stack.path,
            resource: ref.resource,
            message: `${base.writer}: the organization ID is not known, so delivery for member accounts (AWSLogs/<organization ID>/<account>/) is not simulated: pass the organization ID`,
          });
        } else {
          for (const member of accounts.filter((a) => a !== stack.account)) {
            out.calls.push(bucketCall('s3:PutObject', logFile(options.organizationId, member), acl));
          }
        }
      }
    }
    const key = keyTarget(stack, trail.Properties?.KMSKeyId);
    if (key !== undefined) {
      const keyCall = (action: string, extra: Record<string, string> = {}): WriterCall => ({
        ...base,
        action,
        target: key.arn,
        targetAccount: key.account,
        context: { ...context, ...extra },
        ...(key.resourcePolicy === undefined ? {} : { resourcePolicy: key.resourcePolicy }),
        docs: DOCS.trailKey,
      });
      out.calls.push(
        keyCall('kms:GenerateDataKey', { 'kms:EncryptionContext:aws:cloudtrail:arn': trailArn }),
        keyCall('kms:DescribeKey'),
      );
    }
  }
  return out;
}

/** Elastic Load Balancing writes access logs (and first a test file) under `<prefix>/AWSLogs/<account>/`. */
export function loadBalancerLogCalls(assembly: Assembly): Cases {
  const out: Cases = { calls: [], problems: [] };
  for (const ref of bucketReferences(assembly).filter((r) => r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer')) {
    const bucket = bucketTarget(assembly, ref.bucket);
    if (bucket === undefined) continue;
    const stack = ref.stack;
    const writer = `Elastic Load Balancing access logs of ${stack.path} ${ref.resource}`;
    if (bucket.region !== stack.region) {
      out.problems.push({
        gate: 'writers',
        stack: stack.path,
        resource: ref.resource,
        message: `${writer}: bucket ${ref.bucket} is in ${bucket.region}, the load balancer in ${stack.region} (Elastic Load Balancing: "The bucket must be located in the same Region as the load balancer")`,
      });
      continue;
    }
    const encryption = JSON.stringify(bucket.stack.template.Resources?.[bucket.id]?.Properties?.BucketEncryption ?? {});
    if (encryption.includes('aws:kms')) {
      out.problems.push({
        gate: 'writers',
        stack: stack.path,
        resource: ref.resource,
        message: `${writer}: bucket ${ref.bucket} uses SSE-KMS (Elastic Load Balancing: "The only server-side encryption option that's supported is Amazon S3-managed keys (SSE-S3)")`,
      });
      continue;
    }
    const elbAccount = ELB_ACCOUNTS[stack.region];
    const partition = partitionOf(stack.region);
    out.calls.push({
      writer,
      stack: stack.path,
      resource: ref.resource,
      action: 's3:PutObject',
      target: `${bucket.arn}/${join(ref.prefix, 'AWSLogs', stack.account, 'ELBAccessLogTestFile')}`,
      targetAccount: bucket.account,
      ...(bucket.resourcePolicy === undefined ? {} : { resourcePolicy: bucket.resourcePolicy }),
      docs: DOCS.elb,
      ...(elbAccount === undefined
        ? {
            principal: ELB_LOG_DELIVERY_SERVICE,
            context: {
              'aws:SourceAccount': stack.account,
              'aws:SourceArn': resolveString({ Ref: ref.resource }, stack, { resources: true }) as string,
            },
          }
        : {
            principal: `arn:${partition}:iam::${elbAccount}:root`,
            principalAccount: elbAccount,
            context: {},
            identity: {
              label: `Elastic Load Balancing's own permissions (AWS account ${elbAccount})`,
              policies: [
                {
                  name: `Elastic Load Balancing account ${elbAccount} (AWS-owned; assumed to allow)`,
                  document: {
                    Version: '2012-10-17',
                    Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: '*' }],
                  },
                },
              ],
              notSimulated: [],
            },
          }),
    });
  }
  return out;
}
