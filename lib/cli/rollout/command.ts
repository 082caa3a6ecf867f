import * as path from 'node:path';
import type { LandfallModel } from '../../config';
import type { StepStatus } from '../../plan/rollout';
import { rolloutPlan, stepStatuses } from '../../plan/rollout';
import { formatOption, parseCommandArgs } from '../args';
import { AwsCallError, retryWithNotice } from '../aws/call';
import type { RolloutObservations } from '../aws/rollout-state';
import { readRolloutState } from '../aws/rollout-state';
import type { Command } from '../command';
import { CONFIG_OPTION, loadModel } from '../config-option';
import type { CommandDeps } from '../deps';
import { withDeps } from '../deps';
import { EXIT, UsageError } from '../errors';
import type { CliIo } from '../io';
import { rolloutFacts } from './facts';
import type { RolloutFormat, RolloutReportInput } from './report';
import { rolloutReport } from './report';

const USAGE = 'landfall rollout [--format text|md|json] [--profile NAME] [--offline] [--config DIR]';

/** Codes that mean "no usable credentials here": the plan is still printed, offline. */
const NO_CREDENTIALS = new Set(['CredentialsProviderError']);

/**
 * The report of one run, given what was read (or nothing): the command's logic without its I/O, so another CLI
 * framework can call it.
 */
export function rolloutReportInput(
  model: LandfallModel,
  options: { platformFile?: string; observations?: RolloutObservations; offlineReason?: string } = {},
): RolloutReportInput {
  const plan = rolloutPlan(model, options.platformFile === undefined ? {} : { platformFile: options.platformFile });
  const obs = options.observations;
  const statuses: StepStatus[] =
    obs === undefined ? stepStatuses(plan) : stepStatuses(plan, rolloutFacts(plan, model, obs));
  return {
    model,
    plan,
    statuses,
    ...(obs === undefined ? {} : { readAs: obs.caller }),
    ...(options.offlineReason === undefined ? {} : { offlineReason: options.offlineReason }),
  };
}

/** Read the state unless offline; missing credentials fall back to the offline plan with the reason. */
async function observe(
  model: LandfallModel,
  values: { offline?: boolean; profile?: string },
  deps: CommandDeps,
  io: CliIo,
): Promise<{ observations?: RolloutObservations; offlineReason?: string }> {
  if (values.offline) return {};
  try {
    return {
      observations: await readRolloutState(model, {
        factory: deps.clients,
        ...(values.profile === undefined ? {} : { profile: values.profile }),
        retry: retryWithNotice(io, deps.retry),
      }),
    };
  } catch (err) {
    if (err instanceof AwsCallError && NO_CREDENTIALS.has(err.code))
      return { offlineReason: 'no AWS credentials found' };
    throw err;
  }
}

/**
 * `landfall rollout`: the one ordered rollout of the platform in `--config`, from the placeholders to prod. With
 * credentials it reads the organization and every account, read-only, and marks each step done, next or blocked.
 */
export function makeRolloutCommand(overrides: Partial<CommandDeps> = {}): Command {
  const deps = withDeps(overrides);
  return {
    name: ['rollout'],
    summary:
      'print the ordered rollout of the platform; with credentials, mark each step done / next / blocked (reads only)',
    usage: USAGE,
    async run(args, io) {
      const { values, positionals } = parseCommandArgs(
        args,
        { ...CONFIG_OPTION, format: { type: 'string' }, profile: { type: 'string' }, offline: { type: 'boolean' } },
        USAGE,
      );
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, `usage: ${USAGE}`);
      if (values.offline && values.profile !== undefined)
        throw new UsageError('--offline and --profile exclude each other', `usage: ${USAGE}`);
      const format = formatOption(values.format) as RolloutFormat;
      const { model, dir } = loadModel(io, values.config);
      const platformFile = path.relative(io.cwd, path.join(dir, 'platform.ts')) || 'platform.ts';
      const state = await observe(model, values, deps, io);
      io.out(rolloutReport(rolloutReportInput(model, { platformFile, ...state }), format));
      return EXIT.ok;
    },
  };
}

export const rolloutCommand = makeRolloutCommand();
