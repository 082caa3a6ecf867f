import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListMessageMoveTasksCommand,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import type { ListMessageMoveTasksResultEntry } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { LandfallModel, WorkerConfig } from '../config';
import { deadLetterQueueName, queueName } from '../naming';
import { AwsCallError, call, retryWithNotice, sdkRetryNotice } from './aws/call';
import type { RetryOptions } from './aws/call';
import type { AwsClients } from './aws/clients';
import type { Command } from './command';
import { defineCommand, flag, value } from './command';
import { environmentArg, loadModel } from './config-option';
import { accountIdPath, refusePlaceholders } from './placeholder-guard';
import type { CommandDeps } from './deps';
import { withDeps } from './deps';
import { CliError, EXIT, UsageError } from './errors';
import { CONFIG_OPTION, ENV_ARGUMENT, JSON_ALIAS_OPTION, PROFILE_OPTION, RESULT_FORMAT_OPTION } from './options';
import { progress } from './progress';
import { requireEnvironmentAccount } from './aws/environment-account';

/** Seconds between two looks at a running move task. */
export const POLL_INTERVAL_MS = 5000;

/** SQS limit of `MaxNumberOfMessagesPerSecond`. */
export const MAX_RATE = 500;

/** The worker named by a positional argument, or a usage error listing the workers. */
export function workerArg(model: LandfallModel, name: string): WorkerConfig {
  const workers = model.services.filter((s): s is WorkerConfig => s.kind === 'worker');
  const allowed = workers.map((w) => w.name).join(', ') || 'none: add a service with kind "worker"';
  const service = model.services.find((s) => s.name === name);
  if (service && service.kind !== 'worker')
    throw new UsageError(`"${name}" is a ${service.kind} service, not a worker (allowed: ${allowed})`);
  if (!service) throw new UsageError(`"${name}" is not a worker service (allowed: ${allowed})`);
  return service as WorkerConfig;
}

function rateArg(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const rate = Number(value);
  if (!Number.isInteger(rate) || rate < 1 || rate > MAX_RATE) {
    throw new UsageError(
      `--rate ${value} is not allowed (allowed: a whole number of messages per second from 1 to ${MAX_RATE})`,
    );
  }
  return rate;
}

interface QueueInfo {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  readonly visible: number;
  readonly inFlight: number;
}

async function queueInfo(clients: AwsClients, retry: RetryOptions, name: string, where: string): Promise<QueueInfo> {
  let url: string | undefined;
  try {
    url = (await call('sqs:GetQueueUrl', () => clients.sqs.send(new GetQueueUrlCommand({ QueueName: name })), retry))
      .QueueUrl;
  } catch (err) {
    if (
      err instanceof AwsCallError &&
      (err.code === 'QueueDoesNotExist' || err.code === 'AWS.SimpleQueueService.NonExistentQueue')
    ) {
      throw new CliError(
        `queue ${name} does not exist in ${where}`,
        EXIT.precondition,
        "deploy the worker's service stack first (npx cdk deploy), or check ENV and WORKER",
      );
    }
    throw err;
  }
  if (!url) throw new CliError(`sqs:GetQueueUrl returned no URL for ${name}`, EXIT.aws);
  const queueUrl = url;
  const attributes =
    (
      await call(
        'sqs:GetQueueAttributes',
        () =>
          clients.sqs.send(
            new GetQueueAttributesCommand({
              QueueUrl: queueUrl,
              AttributeNames: ['QueueArn', 'ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
            }),
          ),
        retry,
      )
    ).Attributes ?? {};
  return {
    name,
    url: queueUrl,
    arn: attributes.QueueArn ?? '',
    visible: Number(attributes.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(attributes.ApproximateNumberOfMessagesNotVisible ?? 0),
  };
}

async function moveTasks(
  clients: AwsClients,
  retry: RetryOptions,
  sourceArn: string,
  max: number,
): Promise<ListMessageMoveTasksResultEntry[]> {
  const result = await call(
    'sqs:ListMessageMoveTasks',
    () => clients.sqs.send(new ListMessageMoveTasksCommand({ SourceArn: sourceArn, MaxResults: max })),
    retry,
  );
  return result.Results ?? [];
}

/**
 * `landfall redrive ENV WORKER`: move the messages of a worker's dead-letter queue back to its queue with
 * `StartMessageMoveTask`, following the task until it ends. Refuses when a move task is already running (exit 4).
 */
export function makeRedriveCommand(overrides: Partial<CommandDeps> = {}): Command {
  const deps = withDeps(overrides);
  return defineCommand({
    name: ['redrive'],
    summary: "move a worker's dead-letter messages back to its queue (StartMessageMoveTask) and follow the progress",
    description:
      "Finds the worker's queue and dead-letter queue by name in the environment's account (credentials of that account), shows the dead-letter depth, and moves the messages back with SQS StartMessageMoveTask, polling ListMessageMoveTasks every 5 s until the task ends. Refuses (exit 4) while a move task is already running; a failed task exits 3 with its reason. Interrupting the command does not stop the task.",
    arguments: [ENV_ARGUMENT, { name: 'worker', description: 'a service of kind worker' }],
    options: {
      rate: value({
        placeholder: 'N',
        description: `messages per second, 1 to ${MAX_RATE} (without it SQS chooses)`,
      }),
      dryRun: flag({ description: 'only show the queue depths; start nothing' }),
      profile: PROFILE_OPTION,
      format: RESULT_FORMAT_OPTION,
      json: JSON_ALIAS_OPTION,
      config: CONFIG_OPTION,
    },
    aws: "the environment's account: sqs:GetQueueUrl, GetQueueAttributes, ListMessageMoveTasks, StartMessageMoveTask",
    examples: ['landfall redrive prod jobs --dry-run', 'landfall redrive prod jobs --rate 50 --profile acme-prod'],
    async run({ args, options }, io) {
      const json = options.format === 'json';
      const rate = rateArg(options.rate);
      const { model, dir } = loadModel(io, options.config);
      const env = environmentArg(model, args.env);
      const worker = workerArg(model, args.worker);
      const region = model.platform.homeRegion;
      const clients = deps.clients({ region, profile: options.profile, onRetry: sdkRetryNotice(io) });
      const retry = retryWithNotice(io, deps.retry);
      const say = (text: string) => {
        if (!json) io.out(text);
      };

      const caller = await call(
        'sts:GetCallerIdentity',
        () => clients.sts.send(new GetCallerIdentityCommand({})),
        retry,
      );
      refusePlaceholders(
        io,
        model,
        dir,
        `redrive ${env.name}`,
        [accountIdPath(model, env.account)],
        [caller.Account ?? ''],
      );
      requireEnvironmentAccount(caller.Account, env);
      const where = `account ${env.account.id} (${env.account.name}), ${region}`;
      const dlq = await queueInfo(clients, retry, deadLetterQueueName(env.name, worker.name), where);
      const queue = await queueInfo(clients, retry, queueName(env.name, worker.name), where);

      let tasks: ListMessageMoveTasksResultEntry[] = [];
      try {
        tasks = await moveTasks(clients, retry, dlq.arn, 10);
      } catch (err) {
        // A dry run only reads: say what could not be checked and go on. A real run needs the answer.
        if (!(options.dryRun && err instanceof AwsCallError)) throw err;
        io.err(`warning: could not check for a running move task: ${err.message}`);
      }
      const running = tasks.find((t) => t.Status === 'RUNNING');
      if (running) {
        const started = running.StartedTimestamp
          ? new Date(running.StartedTimestamp).toISOString()
          : 'at an unknown time';
        throw new CliError(
          `a message move task is already running on ${dlq.name} (started ${started}, ${running.ApproximateNumberOfMessagesMoved ?? 0} of ${running.ApproximateNumberOfMessagesToMove ?? '?'} moved)`,
          EXIT.precondition,
          `wait for it to finish, or cancel it: aws sqs cancel-message-move-task --task-handle ${running.TaskHandle ?? 'HANDLE'}`,
        );
      }

      const base = {
        environment: env.name,
        worker: worker.name,
        deadLetterQueue: dlq,
        queue,
        dryRun: options.dryRun,
      };
      say(
        `${dlq.name}: ${dlq.visible} message${dlq.visible === 1 ? '' : 's'} waiting${dlq.inFlight > 0 ? ` (${dlq.inFlight} in flight)` : ''}; destination ${queue.name}.`,
      );
      if (dlq.visible === 0) {
        if (json) io.out(JSON.stringify({ ...base, task: null }, null, 2));
        else say('Nothing to redrive.');
        return EXIT.ok;
      }
      if (options.dryRun) {
        if (json) io.out(JSON.stringify({ ...base, task: null }, null, 2));
        else
          say(
            `Dry run: would move ${dlq.visible} messages to ${queue.name} at ${rate === undefined ? 'the rate SQS chooses' : `${rate} messages per second`}. Nothing was started.`,
          );
        return EXIT.ok;
      }

      const started = await call(
        'sqs:StartMessageMoveTask',
        () =>
          clients.sqs.send(
            new StartMessageMoveTaskCommand({
              SourceArn: dlq.arn,
              DestinationArn: queue.arn,
              ...(rate === undefined ? {} : { MaxNumberOfMessagesPerSecond: rate }),
            }),
          ),
        retry,
      );
      say(
        `Started move task${rate === undefined ? '' : ` at ${rate} messages per second`} (task handle ${started.TaskHandle ?? 'unknown'}).`,
      );
      const bar = json ? undefined : progress(io, `moving ${dlq.name}`);
      let task: ListMessageMoveTasksResultEntry | undefined;
      for (;;) {
        await deps.sleep(POLL_INTERVAL_MS);
        task = (await moveTasks(clients, retry, dlq.arn, 1))[0];
        if (!task) continue;
        bar?.update(task.ApproximateNumberOfMessagesMoved ?? 0, task.ApproximateNumberOfMessagesToMove ?? dlq.visible);
        if (task.Status !== 'RUNNING' && task.Status !== 'CANCELLING') break;
      }
      bar?.finish();

      const moved = task.ApproximateNumberOfMessagesMoved ?? 0;
      const toMove = task.ApproximateNumberOfMessagesToMove ?? dlq.visible;
      const failed = task.Status === 'COMPLETED' ? 0 : Math.max(0, toMove - moved);
      if (json) {
        io.out(
          JSON.stringify(
            {
              ...base,
              task: {
                handle: started.TaskHandle,
                status: task.Status,
                moved,
                toMove,
                failed,
                failureReason: task.FailureReason ?? null,
              },
            },
            null,
            2,
          ),
        );
      } else {
        say(
          `${task.Status === 'COMPLETED' ? 'Done' : `Task ${task.Status}`}: moved ${moved} of ${toMove} messages to ${queue.name}; ${failed} not moved.`,
        );
      }
      if (task.Status === 'FAILED') {
        throw new CliError(
          `the move task failed after moving ${moved} of ${toMove} messages: ${task.FailureReason ?? 'no reason given'}`,
          EXIT.aws,
          "fix the cause (often the destination queue's permissions or encryption key) and run redrive again: it moves what is left",
        );
      }
      return task.Status === 'COMPLETED' ? EXIT.ok : EXIT.problems;
    },
  });
}

export const redriveCommand = makeRedriveCommand();
