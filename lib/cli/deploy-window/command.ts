import type { Command } from '../command';
import { defineCommand, flag, value } from '../command';
import { environmentArg, loadModel } from '../config-option';
import type { CommandDeps } from '../deps';
import { withDeps } from '../deps';
import { CliError, EXIT, UsageError } from '../errors';
import { CONFIG_OPTION, ENV_ARGUMENT, JSON_ALIAS_OPTION, PROFILE_OPTION, RESULT_FORMAT_OPTION } from '../options';
import type { BudgetGate } from './error-budgets';
import { budgetGate, describeBudgets, describeSpent } from './error-budgets';
import { checkWindow, describeWindow } from './window';

/**
 * `landfall deploy-window check ENV`: exit 0 when a deploy may start now (or at `--at`), 1 outside the window.
 * `--force --reason "..."` lets a deploy through and prints the reason (a GitHub warning annotation in Actions).
 */
export function makeDeployWindowCommand(overrides: Partial<CommandDeps> = {}): Command {
  const deps = withDeps(overrides);
  return defineCommand({
    name: ['deploy-window', 'check'],
    summary: "check the environment's deploy window (days, hours, time zone, freezes); exit 1 outside it",
    description:
      "Exits 0 when a deploy of the environment may start now (or at --at), 1 outside its deploy window (platform.ts environments[].deployWindow: days, hours and freezes in the window's time zone), with the local time, the reason and when the window opens next. An environment without a window may deploy any time. With --error-budgets it also applies the error budget policy (docs/operations.md): it reads, with credentials of the environment's account, the 30-day availability and latency budgets of every web service with slo.freezeReleasesWhenBudgetSpent and exits 1 while one is spent. `--force --reason` lets a deploy through and prints the reason (in GitHub Actions also a warning annotation).",
    arguments: [ENV_ARGUMENT],
    options: {
      at: value({
        placeholder: 'ISO-8601',
        description: 'check this moment instead of now, e.g. 2026-03-06T10:00:00+09:00',
      }),
      errorBudgets: flag({
        description: 'also refuse while a service that opted in has spent its 30-day error budget (reads AWS)',
      }),
      profile: PROFILE_OPTION,
      force: flag({ description: 'exit 0 even outside the window or with a budget spent (needs --reason)' }),
      reason: value({ placeholder: 'TEXT', description: 'why the deploy cannot wait; printed in the deploy log' }),
      format: RESULT_FORMAT_OPTION,
      json: JSON_ALIAS_OPTION,
      config: CONFIG_OPTION,
    },
    examples: [
      'landfall deploy-window check prod',
      'landfall deploy-window check prod --force --reason "hotfix for INC-42"',
      'landfall deploy-window check prod --error-budgets',
    ],
    async run({ args, options }, io) {
      const json = options.format === 'json';
      const reason = options.reason?.trim();
      if (options.force && !reason) {
        throw new UsageError(
          '--force needs --reason "..." (why the deploy cannot wait; it is printed in the deploy log)',
        );
      }
      if (reason !== undefined && !options.force) throw new UsageError('--reason is only used with --force');
      const at = options.at === undefined ? deps.now() : new Date(options.at);
      if (Number.isNaN(at.getTime())) {
        throw new UsageError(`--at "${options.at}" is not an ISO 8601 time (for example 2026-03-06T10:00:00+09:00)`);
      }
      const { model } = loadModel(io, options.config);
      const env = environmentArg(model, args.env);
      const window = env.config.deployWindow;
      const gate: BudgetGate | undefined = options.errorBudgets
        ? await budgetGate(model, env, at, options.profile, deps, io)
        : undefined;
      const decision = window === undefined ? undefined : checkWindow(window, at);
      const windowOpen = decision?.open ?? true;
      const frozen = (gate?.spent.length ?? 0) > 0;
      const forced = (!windowOpen || frozen) && options.force;

      if (json) {
        io.out(
          JSON.stringify(
            {
              environment: env.name,
              window: window ?? null,
              at: at.toISOString(),
              ...(decision === undefined ? {} : { localTime: decision.local.text, reason: decision.reason }),
              open: windowOpen,
              ...(gate === undefined ? {} : { errorBudgets: gate }),
              forced,
              ...(forced ? { forceReason: reason } : {}),
              nextOpen: decision?.nextOpen?.at.toISOString() ?? null,
            },
            null,
            2,
          ),
        );
        return (windowOpen && !frozen) || forced ? EXIT.ok : EXIT.problems;
      }

      const problems: string[] = [];
      if (window === undefined || decision === undefined) {
        io.out(`${env.name} has no deploy window: deploys may start any time.`);
      } else {
        const described = describeWindow(window);
        const now = `it is ${decision.local.text} there`;
        if (decision.open) io.out(`${env.name}: inside the deploy window (${described}): ${now}.`);
        else {
          const next = decision.nextOpen ? `; it opens next on ${decision.nextOpen.local}` : '';
          problems.push(
            `${env.name} is outside its deploy window (${described}): ${now} and ${decision.reason}${next}`,
          );
        }
      }
      if (gate !== undefined) {
        if (gate.gated.length === 0) {
          io.out(
            `${env.name}: no service freezes its releases on its error budget (slo.freezeReleasesWhenBudgetSpent).`,
          );
        } else if (frozen) {
          problems.push(
            `${env.name}: ${describeSpent(gate)}; the error budget policy freezes releases until it recovers`,
          );
        } else io.out(`${env.name}: error budgets left: ${describeBudgets(gate)}.`);
      }
      if (problems.length === 0) return EXIT.ok;
      if (forced) {
        io.out(`${problems.join('; ')}; overridden with --force: ${reason}`);
        if (io.env.GITHUB_ACTIONS === 'true') {
          const title = frozen ? 'Error budget freeze overridden' : 'Deploy window overridden';
          io.out(`::warning title=${title} (${env.name})::${problems.join('; ')}. Reason: ${reason}`);
        }
        return EXIT.ok;
      }
      throw new CliError(
        problems.join('; '),
        EXIT.problems,
        frozen
          ? 'deploy a fix with --force --reason "...", or wait until the budget recovers'
          : 'wait for the window, or deploy anyway with --force --reason "..."',
      );
    },
  });
}

export const deployWindowCommand = makeDeployWindowCommand();
