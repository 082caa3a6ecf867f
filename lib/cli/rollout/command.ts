import * as path from 'node:path';
import type { LandfallModel } from '../../config';
import type { StepStatus } from '../../plan/rollout';
import { rolloutPlan, stepStatuses } from '../../plan/rollout';
import { AwsCallError, retryWithNotice, sdkRetryNotice } from '../aws/call';
import type { RolloutObservations } from '../aws/rollout-state';
import { readRolloutState } from '../aws/rollout-state';
import type { Command } from '../command';
import { defineCommand, flag } from '../command';
import { loadModel } from '../config-option';
import type { CommandDeps } from '../deps';
import { withDeps } from '../deps';
import { EXIT, UsageError } from '../errors';
import type { CliIo } from '../io';
import { CONFIG_OPTION, PROFILE_OPTION, REPORT_FORMAT_OPTION } from '../options';
import { rolloutFacts } from './facts';
import type { RolloutFormat, RolloutReportInput } from './report';
import { rolloutReport } from './report';

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
        onRetry: sdkRetryNotice(io),
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
  return defineCommand({
    name: ['rollout'],
    summary:
      'print the ordered rollout of the platform; with credentials, mark each step done / next / blocked (reads only)',
    description:
      "Prints every step of the first rollout in order: the placeholders to fill in first (the management account's real ID and email before anything else), then each landfall command, `cdk deploy` (with the exact stack selection) and manual prerequisite, with the account and region it runs in, what it needs and how to check it is done. With credentials (--profile or the standard chain) it reads, read-only, the organization from the management account and each account's CloudFormation and CDK bootstrap state through the CDK lookup role, and marks each step done, next or blocked with the reason; without credentials it prints the plan offline. No deploy step is offered while a placeholder remains.",
    options: {
      format: REPORT_FORMAT_OPTION,
      profile: PROFILE_OPTION,
      offline: flag({ description: 'print the plan without reading AWS (no credentials needed)' }),
      config: CONFIG_OPTION,
    },
    aws: "management account and each account's CDK lookup role, reads only: sts:GetCallerIdentity/AssumeRole, organizations:Describe*/List*, guardduty/securityhub:ListOrganizationAdminAccounts, servicequotas:List*, cloudformation:DescribeStacks",
    examples: [
      'landfall rollout --offline',
      'landfall rollout --profile acme-management',
      'landfall rollout --format md',
    ],
    async run({ options }, io) {
      if (options.offline && options.profile !== undefined)
        throw new UsageError('--offline and --profile exclude each other', 'usage: landfall rollout --help');
      const format = options.format as RolloutFormat;
      const { model, dir } = loadModel(io, options.config);
      const platformFile = path.relative(io.cwd, path.join(dir, 'platform.ts')) || 'platform.ts';
      const state = await observe(model, options, deps, io);
      io.out(rolloutReport(rolloutReportInput(model, { platformFile, ...state }), format));
      return EXIT.ok;
    },
  });
}

export const rolloutCommand = makeRolloutCommand();
