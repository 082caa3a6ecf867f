import { runSimulation } from '@cloud-copilot/iam-simulate';
import { referenceModel } from '../support/example';
import { scpHierarchy } from '../support/scp-simulation';

/**
 * The root-user statement of `landfall-organization-integrity` under the IAM policy simulator. It follows AWS's
 * own example (aws-samples/service-control-policy-examples, "Prevent root credentials management in member
 * accounts"): deny the root principal `"Null": {"aws:AssumedRoot": "true"}`, so a root password or access key is
 * denied while an `sts:AssumeRoot` session of centralized root access, whose requests carry aws:AssumedRoot, runs
 * its root-only task (the session is scoped by the AWS-managed task policy it was started with).
 */
const model = referenceModel();
const dev = model.platform.accounts.find((a) => a.name === 'dev');
if (!dev) throw new Error('no dev account');
const ROOT = `arn:aws:iam::${dev.id}:root`;
const BUCKET = 'arn:aws:s3:::landfall-dev-locked-bucket';

async function asRoot(action: string, resource: string, context: Record<string, string>): Promise<string> {
  const result = await runSimulation(
    {
      request: {
        principal: ROOT,
        action,
        resource: { resource, accountId: dev?.id ?? '' },
        contextVariables: {
          'aws:PrincipalArn': ROOT,
          'aws:PrincipalAccount': dev?.id ?? '',
          'aws:PrincipalOrgID': model.platform.organization.id,
          'aws:RequestedRegion': model.platform.homeRegion,
          ...context,
        },
      },
      identityPolicies: [
        {
          name: 'Root',
          policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
        },
      ],
      serviceControlPolicies: scpHierarchy(model, 'dev'),
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === 'error') return `invalid case: ${JSON.stringify(result.errors)}`;
  return result.overallResult === 'Allowed' ? 'allowed' : 'denied';
}

describe('the member root user under the SCPs', () => {
  it('denies the root user signing in with its own credentials', async () => {
    await expect(asRoot('s3:DeleteBucketPolicy', BUCKET, {})).resolves.toBe('denied');
  });

  it('lets a central root session (aws:AssumedRoot) delete a bucket policy that locks everyone out', async () => {
    await expect(asRoot('s3:DeleteBucketPolicy', BUCKET, { 'aws:AssumedRoot': 'true' })).resolves.toBe('allowed');
  });

  it('lets a central root session unlock a queue policy (the SQSUnlockQueuePolicy task)', async () => {
    const queue = `arn:aws:sqs:${model.platform.homeRegion}:${dev.id}:landfall-dev-jobs`;
    await expect(asRoot('sqs:SetQueueAttributes', queue, { 'aws:AssumedRoot': 'true' })).resolves.toBe('allowed');
  });

  it("denies the root user's own credentials every other action too (creating a role)", async () => {
    await expect(asRoot('iam:CreateRole', `arn:aws:iam::${dev.id}:role/anything`, {})).resolves.toBe('denied');
  });
});
