import { ListMessageMoveTasksCommand, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs';
import { makeRedriveCommand } from '../../lib/cli/redrive';
import { deadLetterQueueName, queueName } from '../../lib/naming';
import { runIn, tempRepo } from '../support/cli';
import { fakeAws, freshOrganization } from '../support/fake-aws';
import type { FakeAws } from '../support/fake-aws';

// moto has no StartMessageMoveTask / ListMessageMoveTasks: redrive is covered here, against mocks.

const DEV = '444444444444';
const DLQ_ARN = `arn:aws:sqs:ap-northeast-1:${DEV}:landfall-dev-jobs-dlq`;
const QUEUE_ARN = `arn:aws:sqs:ap-northeast-1:${DEV}:landfall-dev-jobs`;

function devAccount(dlqDepth = 42): FakeAws {
  return fakeAws(
    freshOrganization({
      callerAccount: DEV,
      queues: {
        'landfall-dev-jobs-dlq': { arn: DLQ_ARN, visible: dlqDepth, inFlight: 0 },
        'landfall-dev-jobs': { arn: QUEUE_ARN, visible: 0, inFlight: 3 },
      },
    }),
  );
}

/** Each poll (a sleep) moves `step` more messages until all are moved, then the task completes. */
function progressingTask(aws: FakeAws, total: number, step: number, end: 'COMPLETED' | 'FAILED' = 'COMPLETED') {
  let moved = 0;
  return async () => {
    moved = Math.min(total, moved + step);
    const done = moved === total || (end === 'FAILED' && moved >= step * 2);
    aws.state.moveTasks = [
      {
        Status: done ? end : 'RUNNING',
        SourceArn: DLQ_ARN,
        DestinationArn: QUEUE_ARN,
        ApproximateNumberOfMessagesMoved: moved,
        ApproximateNumberOfMessagesToMove: total,
        ...(done && end === 'FAILED' ? { FailureReason: 'AccessDenied: kms:GenerateDataKey' } : {}),
      },
    ];
  };
}

function redrive(
  aws: FakeAws,
  args: string[],
  options: { sleep?: () => Promise<void>; isTty?: boolean; cwd?: string } = {},
) {
  const command = makeRedriveCommand({
    clients: aws.factory,
    retry: { sleep: async () => undefined },
    sleep: options.sleep ?? (async () => undefined),
  });
  return runIn([command], ['redrive', ...args], { isTty: options.isTty, cwd: options.cwd });
}

describe('landfall redrive (unit: moto lacks StartMessageMoveTask)', () => {
  it('uses the queue names of lib/naming.ts', () => {
    expect(queueName('dev', 'jobs')).toBe('landfall-dev-jobs');
    expect(deadLetterQueueName('dev', 'jobs')).toBe('landfall-dev-jobs-dlq');
  });

  it('moves the DLQ back to the worker queue at the given rate and reports moved and failed', async () => {
    const aws = devAccount();
    const run = await redrive(aws, ['dev', 'jobs', '--rate', '20'], { sleep: progressingTask(aws, 42, 20) });
    expect(run.code).toBe(0);
    expect(aws.sqs.commandCalls(StartMessageMoveTaskCommand)[0].args[0].input).toEqual({
      SourceArn: DLQ_ARN,
      DestinationArn: QUEUE_ARN,
      MaxNumberOfMessagesPerSecond: 20,
    });
    expect(run.stdout).toBe(
      [
        'landfall-dev-jobs-dlq: 42 messages waiting; destination landfall-dev-jobs.',
        'Started move task at 20 messages per second (task handle handle-1).',
        'moving landfall-dev-jobs-dlq: 20 of 42 (48%)',
        'moving landfall-dev-jobs-dlq: 40 of 42 (95%)',
        'moving landfall-dev-jobs-dlq: 42 of 42 (100%)',
        'Done: moved 42 of 42 messages to landfall-dev-jobs; 0 not moved.',
        '',
      ].join('\n'),
    );
  });

  it('draws a progress bar in place on a terminal', async () => {
    const aws = devAccount();
    const run = await redrive(aws, ['dev', 'jobs'], { sleep: progressingTask(aws, 42, 21), isTty: true });
    expect(run.stdout).toContain('\rmoving landfall-dev-jobs-dlq [###############...............]  50% 21/42');
    expect(run.stdout).toContain('\rmoving landfall-dev-jobs-dlq [##############################] 100% 42/42\n');
  });

  it('leaves the rate to SQS without --rate', async () => {
    const aws = devAccount();
    await redrive(aws, ['dev', 'jobs'], { sleep: progressingTask(aws, 42, 42) });
    expect(aws.sqs.commandCalls(StartMessageMoveTaskCommand)[0].args[0].input).toEqual({
      SourceArn: DLQ_ARN,
      DestinationArn: QUEUE_ARN,
    });
  });

  it('refuses when a move task is already running on the DLQ (exit 4)', async () => {
    const aws = devAccount();
    aws.state.moveTasks = [
      {
        Status: 'RUNNING',
        TaskHandle: 'running-1',
        StartedTimestamp: Date.parse('2026-03-03T01:00:00Z'),
        ApproximateNumberOfMessagesMoved: 5,
        ApproximateNumberOfMessagesToMove: 42,
      },
    ];
    const run = await redrive(aws, ['dev', 'jobs']);
    expect(run.code).toBe(4);
    expect(run.stderr).toBe(
      [
        'landfall: a message move task is already running on landfall-dev-jobs-dlq (started 2026-03-03T01:00:00.000Z, 5 of 42 moved)',
        'hint: wait for it to finish, or cancel it: aws sqs cancel-message-move-task --task-handle running-1',
        '',
      ].join('\n'),
    );
    expect(aws.sqs.commandCalls(StartMessageMoveTaskCommand)).toHaveLength(0);
  });

  it('reports a failed task with its reason and the messages not moved (exit 3)', async () => {
    const aws = devAccount();
    const run = await redrive(aws, ['dev', 'jobs'], { sleep: progressingTask(aws, 42, 10, 'FAILED') });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain('Task FAILED: moved 20 of 42 messages to landfall-dev-jobs; 22 not moved.');
    expect(run.stderr.split('\n')[0]).toBe(
      'landfall: the move task failed after moving 20 of 42 messages: AccessDenied: kms:GenerateDataKey',
    );
  });

  it('shows the DLQ depth and starts nothing with --dry-run', async () => {
    const aws = devAccount();
    const run = await redrive(aws, ['dev', 'jobs', '--dry-run', '--rate', '5']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Dry run: would move 42 messages to landfall-dev-jobs at 5 messages per second. Nothing was started.',
    );
    expect(aws.sqs.commandCalls(StartMessageMoveTaskCommand)).toHaveLength(0);
  });

  it('warns and still shows the depth in a dry run when running tasks cannot be listed', async () => {
    const aws = devAccount();
    aws.inject(ListMessageMoveTasksCommand, Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    const run = await redrive(aws, ['dev', 'jobs', '--dry-run']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'warning: could not check for a running move task: access denied to sqs:ListMessageMoveTasks (AccessDeniedException: denied)\n',
    );
    expect(run.stdout).toContain('Dry run: would move 42 messages');
  });

  it('starts nothing when the DLQ is empty', async () => {
    const aws = devAccount(0);
    const run = await redrive(aws, ['dev', 'jobs']);
    expect(run.stdout).toContain('Nothing to redrive.');
    expect(aws.sqs.commandCalls(StartMessageMoveTaskCommand)).toHaveLength(0);
  });

  it('rejects an environment that is not in the config, naming the allowed ones, and calls nothing', async () => {
    const aws = devAccount();
    const run = await redrive(aws, ['qa', 'jobs']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('landfall: "qa" is not an environment (allowed: dev, stg, prod)');
    expect(aws.sts.calls()).toHaveLength(0);
  });

  it('rejects a worker name that does not exist, listing the workers', async () => {
    const run = await redrive(devAccount(), ['dev', 'jobz']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('landfall: "jobz" is not a worker service (allowed: jobs)');
  });

  it('rejects a web service given as the worker', async () => {
    const run = await redrive(devAccount(), ['dev', 'api']);
    expect(run.stderr.split('\n')[0]).toBe('landfall: "api" is a web service, not a worker (allowed: jobs)');
  });

  it("refuses while the environment's account ID is a placeholder the credentials do not confirm (exit 4)", async () => {
    const aws = devAccount();
    aws.state.callerAccount = '740583619432';
    const run = await redrive(aws, ['dev', 'jobs']);
    expect(run.code).toBe(4);
    expect(run.stderr.split('\n')[0]).toBe(
      'landfall: config/platform.ts accounts[3].id: "444444444444" is a placeholder (an example account ID): `npx landfall accounts sync` fills it in once the account exists in the organization; `landfall redrive dev` needs it',
    );
    expect(aws.sqs.calls()).toHaveLength(0);
  });

  it('rejects credentials of another account than the environment', async () => {
    const aws = devAccount();
    aws.state.callerAccount = '666666666666';
    const run = await redrive(aws, ['dev', 'jobs'], { cwd: tempRepo(undefined, { discovered: true }) });
    expect(run.code).toBe(4);
    expect(run.stderr.split('\n')[0]).toBe(
      'landfall: the credentials are for account 666666666666; environment dev is in account 444444444444 (dev)',
    );
  });

  it('says when the queue does not exist (the service stack is not deployed)', async () => {
    const aws = devAccount();
    aws.state.queues = {};
    const run = await redrive(aws, ['dev', 'jobs']);
    expect(run.code).toBe(4);
    expect(run.stderr.split('\n')[0]).toBe(
      'landfall: queue landfall-dev-jobs-dlq does not exist in account 444444444444 (dev), ap-northeast-1',
    );
  });

  it.each(['0', '501', '2.5', 'fast'])('rejects --rate %s', async (rate) => {
    const run = await redrive(devAccount(), ['dev', 'jobs', '--rate', rate]);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(
      `landfall: --rate ${rate} is not allowed (allowed: a whole number of messages per second from 1 to 500)`,
    );
  });

  it('prints the result as JSON with --format json', async () => {
    const aws = devAccount();
    const run = await redrive(aws, ['dev', 'jobs', '--format', 'json'], { sleep: progressingTask(aws, 42, 42) });
    expect(JSON.parse(run.stdout).task).toEqual({
      handle: 'handle-1',
      status: 'COMPLETED',
      moved: 42,
      toMove: 42,
      failed: 0,
      failureReason: null,
    });
  });
});
