import { CloudWatchLogsClient, GetQueryResultsCommand, StartQueryCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { LandfallModel, ServiceConfig } from '../../config';
import { databaseLogGroupName } from '../../naming';
import { AwsCallError, call, realSleep, retryWithNotice, sdkRetryNotice } from '../aws/call';
import type { ClientOptions } from '../aws/clients';
import { announceRetries, clientConfig } from '../aws/clients';
import type { Command } from '../command';
import { defineCommand, value } from '../command';
import { environmentArg, loadModel } from '../config-option';
import { CliError, EXIT, UsageError } from '../errors';
import { CONFIG_OPTION, ENV_ARGUMENT, PROFILE_OPTION, REPORT_FORMAT_OPTION } from '../options';
import { parseSince, parseSlowStatement, summarize } from './statements';
import type { StatementStats } from './statements';

/** The Logs Insights query: every slow-statement event, newest first (Logs Insights returns at most 10,000 rows). */
export const SLOW_QUERY_INSIGHTS =
  'fields @timestamp, @message | filter @message like /duration: / | sort @timestamp desc | limit 10000';

/** Milliseconds between two GetQueryResults polls. */
export const QUERY_POLL_MS = 1000;
/** Polls before the command gives up on a query. */
export const MAX_POLLS = 300;

export interface SlowQueriesDeps {
  readonly logs: (options: ClientOptions) => CloudWatchLogsClient;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => Date;
}

const DEFAULTS: SlowQueriesDeps = {
  logs: (options) => announceRetries(new CloudWatchLogsClient(clientConfig(options)), 'logs', options.onRetry),
  sleep: realSleep,
  now: () => new Date(),
};

/** The service named by a positional argument that has a database, or a usage error listing those that do. */
export function databaseServiceArg(model: LandfallModel, name: string): ServiceConfig {
  const withDatabase = model.services.filter((s) => s.database !== undefined).map((s) => s.name);
  const allowed = withDatabase.join(', ') || 'none: add database to a service';
  const service = model.services.find((s) => s.name === name);
  if (service === undefined) throw new UsageError(`"${name}" is not a service (allowed: ${allowed})`);
  if (service.database === undefined) throw new UsageError(`service "${name}" has no database (allowed: ${allowed})`);
  return service;
}

function topArg(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 100) {
    throw new UsageError(`--top ${text} is not allowed (allowed: a whole number from 1 to 100)`);
  }
  return n;
}

/** The report in one of the formats. */
export function renderSlowQueries(
  stats: readonly StatementStats[],
  context: { environment: string; service: string; since: string; events: number; thresholdMs: number },
  format: 'text' | 'md' | 'json',
): string {
  if (format === 'json') return JSON.stringify({ ...context, statements: stats }, null, 2);
  const title = `Slow statements of ${context.service} in ${context.environment}, last ${context.since} (${context.events} slower than ${context.thresholdMs} ms)`;
  if (stats.length === 0) return `${title}\nnone`;
  const ms = (v: number) => v.toFixed(1);
  if (format === 'md') {
    const rows = stats.map(
      (s) =>
        `| ${s.count} | ${ms(s.p50Ms)} | ${ms(s.p95Ms)} | ${ms(s.maxMs)} | \`${s.statement.replace(/\|/g, '\\|')}\` |`,
    );
    return [
      `### ${title}`,
      '',
      '| count | p50 ms | p95 ms | max ms | statement |',
      '|---:|---:|---:|---:|---|',
      ...rows,
    ].join('\n');
  }
  const header = ['count', 'p50 ms', 'p95 ms', 'max ms'];
  const cells = stats.map((s) => [String(s.count), ms(s.p50Ms), ms(s.p95Ms), ms(s.maxMs)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]?.length ?? 0)));
  const line = (c: readonly string[]) => c.map((v, i) => v.padStart(widths[i] ?? 0)).join('  ');
  return [title, `${line(header)}  statement`, ...cells.map((c, i) => `${line(c)}  ${stats[i]?.statement ?? ''}`)].join(
    '\n',
  );
}

/**
 * `landfall db slow-queries ENV SERVICE`: the slowest statements of a service's database, normalized, from a
 * CloudWatch Logs Insights query over the PostgreSQL log the cluster exports.
 */
export function makeSlowQueriesCommand(overrides: Partial<SlowQueriesDeps> = {}): Command {
  const deps = { ...DEFAULTS, ...overrides };
  return defineCommand({
    name: ['db', 'slow-queries'],
    summary: "print a database's slowest statements, normalized, with count, p50, p95 and max duration",
    description:
      "Runs a CloudWatch Logs Insights query (StartQuery, GetQueryResults) over the PostgreSQL log group of the service's Aurora cluster (/aws/rds/cluster/landfall-ENV-SERVICE/postgresql) in the environment's account, parses every statement logged as slower than slowQueryMs, replaces literals with ?, and prints the statements with the most total time first. Credentials of the environment's account.",
    arguments: [ENV_ARGUMENT, { name: 'service', description: 'a service with a database' }],
    options: {
      since: value({
        placeholder: 'AGE',
        default: '24h',
        description: 'how far back: minutes, hours or days (90m, 24h, 7d)',
      }),
      top: value({ placeholder: 'N', default: '10', description: 'how many statements to print, 1 to 100' }),
      format: REPORT_FORMAT_OPTION,
      profile: PROFILE_OPTION,
      config: CONFIG_OPTION,
    },
    aws: "the environment's account: logs:StartQuery, logs:GetQueryResults on the cluster's PostgreSQL log group",
    examples: [
      'landfall db slow-queries prod api',
      'landfall db slow-queries prod api --since 7d --top 20 --format md',
    ],
    async run({ args, options }, io) {
      const since = parseSince(options.since);
      if (since === undefined) {
        throw new UsageError(
          `--since ${options.since} is not allowed (allowed: a number with m, h or d, for example 24h)`,
        );
      }
      const top = topArg(options.top);
      const format = options.format as 'text' | 'md' | 'json';
      const { model } = loadModel(io, options.config);
      const env = environmentArg(model, args.env);
      const service = databaseServiceArg(model, args.service);
      const logGroupName = databaseLogGroupName(env.name, service.name);
      const client = deps.logs({
        region: model.platform.homeRegion,
        profile: options.profile,
        onRetry: sdkRetryNotice(io),
      });
      const retry = retryWithNotice(io, {});
      const end = deps.now().getTime();
      let queryId: string | undefined;
      try {
        queryId = (
          await call(
            'logs:StartQuery',
            () =>
              client.send(
                new StartQueryCommand({
                  logGroupName,
                  startTime: Math.floor((end - since) / 1000),
                  endTime: Math.floor(end / 1000),
                  queryString: SLOW_QUERY_INSIGHTS,
                }),
              ),
            retry,
          )
        ).queryId;
      } catch (err) {
        if (err instanceof AwsCallError && err.code === 'ResourceNotFoundException') {
          throw new CliError(
            `log group ${logGroupName} does not exist in account ${env.account.id} (${env.account.name})`,
            EXIT.precondition,
            `deploy the database stack first, and use credentials of account ${env.account.name} (--profile NAME)`,
          );
        }
        throw err;
      }
      if (queryId === undefined) throw new CliError('logs:StartQuery returned no query ID', EXIT.aws);
      const id = queryId;
      for (let poll = 0; poll < MAX_POLLS; poll++) {
        const result = await call(
          'logs:GetQueryResults',
          () => client.send(new GetQueryResultsCommand({ queryId: id })),
          retry,
        );
        const status = result.status ?? 'Unknown';
        if (status === 'Complete') {
          const messages = (result.results ?? []).flatMap((row) =>
            row.filter((f) => f.field === '@message').map((f) => f.value ?? ''),
          );
          const statements = messages.flatMap((m) => parseSlowStatement(m) ?? []);
          io.out(
            renderSlowQueries(
              summarize(statements, top),
              {
                environment: env.name,
                service: service.name,
                since: options.since,
                events: statements.length,
                thresholdMs: service.database?.slowQueryMs ?? 0,
              },
              format,
            ),
          );
          return EXIT.ok;
        }
        if (['Failed', 'Cancelled', 'Timeout'].includes(status)) {
          throw new CliError(
            `the Logs Insights query over ${logGroupName} ended ${status}`,
            EXIT.aws,
            'try a shorter --since',
          );
        }
        await deps.sleep(QUERY_POLL_MS);
      }
      throw new CliError(
        `the Logs Insights query over ${logGroupName} did not finish in ${MAX_POLLS} s`,
        EXIT.aws,
        'try a shorter --since',
      );
    },
  });
}

export const slowQueriesCommand = makeSlowQueriesCommand();
