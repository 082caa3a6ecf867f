import { runSimulation } from '@cloud-copilot/iam-simulate';
import { onCallInlinePolicy } from '../../lib/plan/permission-sets';

/**
 * The OnCall inline policy under the IAM policy simulator (the managed read-only policies it is combined with are
 * AWS's and not simulated here): it can redeploy services and redrive queues, and it can do nothing with IAM.
 */
const ACCOUNT = '666666666666';
const principal = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/ap-northeast-1/AWSReservedSSO_OnCall-prod_0123456789abcdef`;

async function onCall(action: string, resource: string, context: Record<string, string> = {}): Promise<string> {
  const result = await runSimulation(
    {
      request: {
        principal,
        action,
        resource: { resource, accountId: ACCOUNT },
        contextVariables: { 'aws:PrincipalArn': principal, ...context },
      },
      identityPolicies: [{ name: 'OnCall', policy: onCallInlinePolicy('aws') }],
      // A KMS key honours identity policies only when its key policy delegates to the account (the default key policy).
      resourcePolicy: action.startsWith('kms:') ? DEFAULT_KEY_POLICY : undefined,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === 'error') return `invalid case: ${JSON.stringify(result.errors)}`;
  return result.overallResult;
}

const DEFAULT_KEY_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
};
const SERVICE = `arn:aws:ecs:ap-northeast-1:${ACCOUNT}:service/prod-cluster/api`;
const DLQ = `arn:aws:sqs:ap-northeast-1:${ACCOUNT}:landfall-prod-jobs-dlq`;
const QUEUE = `arn:aws:sqs:ap-northeast-1:${ACCOUNT}:landfall-prod-jobs`;
const OTHER_QUEUE = `arn:aws:sqs:ap-northeast-1:${ACCOUNT}:payments-ledger`;

describe('OnCall permission set', () => {
  it.each([
    ['redeploys a service (ecs:UpdateService)', 'ecs:UpdateService', SERVICE, {}, 'Allowed'],
    [
      'stops a stuck task',
      'ecs:StopTask',
      `arn:aws:ecs:ap-northeast-1:${ACCOUNT}:task/prod-cluster/0123456789abcdef0123456789abcdef`,
      {},
      'Allowed',
    ],
    ['starts a dead-letter queue redrive', 'sqs:StartMessageMoveTask', DLQ, {}, 'Allowed'],
    ['reads the dead-letter queue it redrives', 'sqs:ReceiveMessage', DLQ, {}, 'Allowed'],
    ["sends the redriven messages back to the worker's queue", 'sqs:SendMessage', QUEUE, {}, 'Allowed'],
    [
      "cannot read a worker's live queue (only its dead-letter queue)",
      'sqs:ReceiveMessage',
      QUEUE,
      {},
      'ImplicitlyDenied',
    ],
    ["cannot delete messages of a worker's live queue", 'sqs:DeleteMessage', QUEUE, {}, 'ImplicitlyDenied'],
    ['cannot read a queue landfall does not own', 'sqs:ReceiveMessage', OTHER_QUEUE, {}, 'ImplicitlyDenied'],
    ['cannot send to a queue landfall does not own', 'sqs:SendMessage', OTHER_QUEUE, {}, 'ImplicitlyDenied'],
    ['cannot redrive a queue landfall does not own', 'sqs:StartMessageMoveTask', OTHER_QUEUE, {}, 'ImplicitlyDenied'],
    [
      'decrypts queue messages through SQS',
      'kms:Decrypt',
      `arn:aws:kms:ap-northeast-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      { 'kms:ViaService': 'sqs.ap-northeast-1.amazonaws.com' },
      'Allowed',
    ],
    [
      'cannot decrypt with a queue key directly',
      'kms:Decrypt',
      `arn:aws:kms:ap-northeast-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      {},
      'ImplicitlyDenied',
    ],
    ['cannot create a role', 'iam:CreateRole', `arn:aws:iam::${ACCOUNT}:role/escalate`, {}, 'ExplicitlyDenied'],
    [
      'cannot attach a policy to a role',
      'iam:AttachRolePolicy',
      `arn:aws:iam::${ACCOUNT}:role/landfall-github-deploy`,
      {},
      'ExplicitlyDenied',
    ],
    [
      'cannot assume the CDK deploy role',
      'sts:AssumeRole',
      `arn:aws:iam::${ACCOUNT}:role/cdk-landfall-deploy-role-${ACCOUNT}-ap-northeast-1`,
      {},
      'ExplicitlyDenied',
    ],
    ['cannot delete a service', 'ecs:DeleteService', SERVICE, {}, 'ImplicitlyDenied'],
    ['cannot delete a queue', 'sqs:DeleteQueue', DLQ, {}, 'ImplicitlyDenied'],
  ])('%s', async (_name, action, resource, context, expected) => {
    await expect(onCall(action, resource, context)).resolves.toBe(expected);
  });
});
