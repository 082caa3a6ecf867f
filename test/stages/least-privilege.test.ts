import { buildApp, stackAt } from '../support/example';
import { isAllowed, rolePolicies } from '../support/iam';

/**
 * Grants of the example services in prod, evaluated by an IAM policy simulator: the api sends to the jobs queue
 * and nothing more; the jobs worker consumes its own queue and sends nowhere.
 */
const built = buildApp();
const ACCOUNT = '666666666666';
const arn = (queue: string) => `arn:aws:sqs:ap-northeast-1:${ACCOUNT}:${queue}`;
const JOBS = arn('landfall-prod-jobs');
const JOBS_DLQ = arn('landfall-prod-jobs-dlq');
const OTHER = arn('landfall-prod-other');
const api = rolePolicies(stackAt(built, 'prod/Service-api'), /^WebTaskTaskDefinitionTaskRole/);
const jobs = rolePolicies(stackAt(built, 'prod/Service-jobs'), /^WorkerTaskTaskDefinitionTaskRole/);

describe('least privilege of service tasks', () => {
  it('lets the api send to the jobs queue', async () => {
    expect(await isAllowed(api, 'sqs:SendMessage', JOBS, ACCOUNT)).toBe(true);
  });

  it.each(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:PurgeQueue'])(
    'does not let the api %s on the jobs queue',
    async (action) => {
      expect(await isAllowed(api, action, JOBS, ACCOUNT)).toBe(false);
    },
  );

  it('does not let the api send to a queue it is not configured for', async () => {
    expect(await isAllowed(api, 'sqs:SendMessage', OTHER, ACCOUNT)).toBe(false);
  });

  it.each(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility'])(
    'lets the worker %s on its own queue',
    async (action) => {
      expect(await isAllowed(jobs, action, JOBS, ACCOUNT)).toBe(true);
    },
  );

  it.each([
    ['its own queue', JOBS],
    ['its dead-letter queue', JOBS_DLQ],
    ['another queue', OTHER],
  ])('does not let the worker send to %s', async (_name, queue) => {
    expect(await isAllowed(jobs, 'sqs:SendMessage', queue, ACCOUNT)).toBe(false);
  });

  it('does not let the worker receive from another queue', async () => {
    expect(await isAllowed(jobs, 'sqs:ReceiveMessage', OTHER, ACCOUNT)).toBe(false);
  });

  // The api's task role reads one secret itself: its database's RDS-managed secret (re-read after a rotation), whose
  // ARN is an SSM parameter resolved at deploy time; the simulator sees that unresolved value as any resource, so
  // the api is checked in test/stacks/database-client.test.ts instead.
  it('gives the jobs task no secret-reading permission (the execution role injects secrets)', async () => {
    const secret = `arn:aws:secretsmanager:ap-northeast-1:${ACCOUNT}:secret:acme/api/token-AbCdEf`;
    expect(await isAllowed(jobs, 'secretsmanager:GetSecretValue', secret, ACCOUNT)).toBe(false);
  });

  it('lets the api execution role read its own secret and no other', async () => {
    const execution = rolePolicies(stackAt(built, 'prod/Service-api'), /^WebTaskTaskDefinitionExecutionRole/);
    const own = `arn:aws:secretsmanager:ap-northeast-1:${ACCOUNT}:secret:acme/api/token-AbCdEf`;
    const other = `arn:aws:secretsmanager:ap-northeast-1:${ACCOUNT}:secret:acme/billing/key-AbCdEf`;
    expect(await isAllowed(execution, 'secretsmanager:GetSecretValue', own, ACCOUNT)).toBe(true);
    expect(await isAllowed(execution, 'secretsmanager:GetSecretValue', other, ACCOUNT)).toBe(false);
  });

  // GuardDuty "Prerequisites for AWS Fargate (Amazon ECS only) support": the task execution role needs ECR pull rights
  // on GuardDuty's agent repository of the region ("ECR Repository for GuardDuty agent on AWS Fargate").
  it.each([
    ['api', 'prod/Service-api', /^WebTaskTaskDefinitionExecutionRole/],
    ['jobs', 'prod/Service-jobs', /^WorkerTaskTaskDefinitionExecutionRole/],
  ])(
    'lets the %s execution role pull the GuardDuty agent of its region and nothing else of GuardDuty',
    async (_n, path, role) => {
      const execution = rolePolicies(stackAt(built, path), role);
      const agent = 'arn:aws:ecr:ap-northeast-1:533107202818:repository/aws-guardduty-agent-fargate';
      const otherRegion = 'arn:aws:ecr:us-east-1:593207742271:repository/aws-guardduty-agent-fargate';
      const otherRepository = 'arn:aws:ecr:ap-northeast-1:533107202818:repository/aws-guardduty-agent-ecs-ec2';
      for (const action of ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability']) {
        expect(await isAllowed(execution, action, agent, ACCOUNT)).toBe(true);
        expect(await isAllowed(execution, action, otherRegion, ACCOUNT)).toBe(false);
        expect(await isAllowed(execution, action, otherRepository, ACCOUNT)).toBe(false);
      }
      expect(await isAllowed(execution, 'ecr:GetAuthorizationToken', '*', ACCOUNT)).toBe(true);
    },
  );
});
