import * as fs from 'node:fs';
import * as path from 'node:path';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { LandfallModel, ResolvedEnvironment, ServiceConfig } from '../../config';
import { clusterName, operationsPrefix } from '../../naming';
import { writeFileAtomic } from '../accounts/discovered-file';
import { AwsCallError, call, retryWithNotice, sdkRetryNotice } from '../aws/call';
import type { Command } from '../command';
import { defineCommand, flag, list, value } from '../command';
import { environmentArg, loadModel } from '../config-option';
import type { CommandDeps } from '../deps';
import { withDeps } from '../deps';
import { CliError, EXIT, UsageError } from '../errors';
import type { CliIo } from '../io';
import { CONFIG_OPTION, PROFILE_OPTION, RESULT_FORMAT_OPTION } from '../options';
import { durationArg } from './duration';
import type { BudgetSpent, Window } from '../aws/error-budget';
import { budgetSpent, objectiveProbes } from '../aws/error-budget';
import { alarmTimeline, releases } from './history';
import type { TimelineEntry } from './postmortem';
import { postmortemFileName, renderPostmortem } from './postmortem';
import { requireEnvironmentAccount } from '../aws/environment-account';

/** Where postmortems live, relative to the working directory. */
export const POSTMORTEM_DIR = path.join('docs', 'postmortems');

const DIR_OPTION = value({
  placeholder: 'DIR',
  default: POSTMORTEM_DIR,
  description: 'the postmortem directory, relative to the working directory',
});

function servicesArg(model: LandfallModel, names: readonly string[]): ServiceConfig[] {
  if (names.length === 0) return [...model.services];
  const allowed = model.services.map((s) => s.name).join(', ');
  return names.map((name) => {
    const service = model.services.find((s) => s.name === name);
    if (!service) throw new UsageError(`--service "${name}" is not a service (allowed: ${allowed})`);
    return service;
  });
}

interface Findings {
  readonly timeline: TimelineEntry[];
  readonly budgets: BudgetSpent[];
  readonly gaps: string[];
}

/** Read the window from the environment's account; missing credentials leave gaps in the document, not an error. */
async function readWindow(
  model: LandfallModel,
  env: ResolvedEnvironment,
  services: readonly ServiceConfig[],
  window: Window,
  profile: string | undefined,
  deps: CommandDeps,
  io: CliIo,
): Promise<Findings> {
  const clients = deps.clients({ region: model.platform.homeRegion, profile, onRetry: sdkRetryNotice(io) });
  const retry = retryWithNotice(io, deps.retry);
  let caller;
  try {
    caller = await call('sts:GetCallerIdentity', () => clients.sts.send(new GetCallerIdentityCommand({})), retry);
  } catch (err) {
    if (err instanceof AwsCallError && err.code === 'CredentialsProviderError') {
      const gap = `no AWS credentials found for account ${env.account.name}; run again with --profile NAME to pre-fill the timeline and the error budget`;
      return { timeline: [], budgets: [], gaps: [gap] };
    }
    throw err;
  }
  requireEnvironmentAccount(caller.Account, env, ', or --offline');
  const prefixes = services.map((s) => `${operationsPrefix(env.name)}-${s.name}-`);
  const timeline = await alarmTimeline(clients, prefixes, window);
  for (const s of services) timeline.push(...(await releases(clients, retry, clusterName(env.name), s.name, window)));
  const budgets = await budgetSpent(clients, retry, objectiveProbes(env.name, services), window);
  return { timeline, budgets, gaps: [] };
}

/**
 * `landfall incident new "TITLE"`: a blameless postmortem in docs/postmortems/, its timeline pre-filled from the
 * alarm history and releases of the window and its impact from the error budget the window spent.
 */
export function makeIncidentNewCommand(overrides: Partial<CommandDeps> = {}): Command {
  const deps = withDeps(overrides);
  return defineCommand({
    name: ['incident', 'new'],
    summary: 'write a blameless postmortem to docs/postmortems/, its timeline and impact pre-filled from AWS',
    description:
      "Writes docs/postmortems/<date>-<slug>.md from the blameless template: summary, impact (the share of each web service's 30-day error budget the window spent, measured with the queries of its deployed burn-rate alarms), a timeline pre-filled with the alarms that changed state and the releases (ECS service deployments) in the window, contributing factors, what went well, and actions with owners. With --env it reads the environment's account (read-only); without credentials, or with --offline, it writes the template with the window and says what was not pre-filled. Never overwrites a postmortem.",
    arguments: [{ name: 'title', description: 'what happened, in a few words (it names the file)' }],
    options: {
      env: value({ placeholder: 'ENV', description: 'the environment of the incident (the names in platform.ts)' }),
      service: list({ placeholder: 'NAME', description: 'a service in scope (repeat it; default: every service)' }),
      since: value({
        placeholder: 'DURATION',
        default: '2h',
        description: 'how long before --at the incident window starts: 90m, 2h, 1d',
      }),
      at: value({ placeholder: 'ISO-8601', description: 'the end of the incident window (default: now)' }),
      offline: flag({ description: 'read nothing from AWS; write the template with the window only' }),
      profile: PROFILE_OPTION,
      dir: DIR_OPTION,
      format: RESULT_FORMAT_OPTION,
      config: CONFIG_OPTION,
    },
    aws: "the environment's account, reads only: sts:GetCallerIdentity, cloudwatch:DescribeAlarmHistory/DescribeAlarms/GetMetricData, ecs:ListServiceDeployments",
    examples: [
      'landfall incident new "checkout 502s after deploy" --env prod --service api --since 3h',
      'landfall incident new "queue backlog" --env stg --offline',
    ],
    async run({ args, options }, io) {
      const to = options.at === undefined ? deps.now() : new Date(options.at);
      if (Number.isNaN(to.getTime()))
        throw new UsageError(`--at "${options.at}" is not an ISO 8601 time (for example 2026-03-06T10:00:00+09:00)`);
      const window = { from: new Date(to.getTime() - durationArg('--since', options.since)), to };
      let fileName: string;
      try {
        fileName = postmortemFileName(args.title, to);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      if (options.service.length > 0 && options.env === undefined)
        throw new UsageError('--service needs --env ENV (alarm and release names are per environment)');
      const { model } = loadModel(io, options.config);
      const env = options.env === undefined ? undefined : environmentArg(model, options.env);
      const services = servicesArg(model, options.service);
      const dir = path.resolve(io.cwd, options.dir);
      const file = path.join(dir, fileName);
      const shown = path.relative(io.cwd, file) || file;
      if (fs.existsSync(file))
        throw new CliError(`${shown} exists`, EXIT.precondition, 'edit it, or give the new incident another title');

      const findings: Findings =
        env === undefined
          ? { timeline: [], budgets: [], gaps: ['no --env given: the timeline and the error budget were not read'] }
          : options.offline
            ? { timeline: [], budgets: [], gaps: ['written with --offline: nothing was read from AWS'] }
            : await readWindow(model, env, services, window, options.profile, deps, io);
      const text = renderPostmortem({
        title: args.title,
        written: deps.now(),
        ...(env === undefined ? {} : { environment: env.name }),
        services: env === undefined ? [] : services.map((s) => s.name),
        window,
        timeline: findings.timeline,
        budgets: findings.budgets,
        gaps: findings.gaps,
      });
      fs.mkdirSync(dir, { recursive: true });
      writeFileAtomic(file, text);
      if (options.format === 'json') {
        io.out(JSON.stringify({ file: shown, ...findings }, null, 2));
      } else {
        io.out(
          `wrote ${shown}: ${findings.timeline.length} timeline entr${findings.timeline.length === 1 ? 'y' : 'ies'}, ${findings.budgets.length} error budget${findings.budgets.length === 1 ? '' : 's'}`,
        );
        for (const gap of findings.gaps) io.err(`note: ${gap}`);
        io.out('next: fill in the summary, contributing factors and actions; review it with the team within a week');
      }
      return EXIT.ok;
    },
  });
}

export const incidentNewCommand = makeIncidentNewCommand();
