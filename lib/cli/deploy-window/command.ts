import type { Command } from '../command';
import { defineCommand, flag, value } from '../command';
import { environmentArg, loadModel } from '../config-option';
import type { CommandDeps } from '../deps';
import { withDeps } from '../deps';
import { CliError, EXIT, UsageError } from '../errors';
import { CONFIG_OPTION, ENV_ARGUMENT, JSON_ALIAS_OPTION, RESULT_FORMAT_OPTION } from '../options';
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
      "Exits 0 when a deploy of the environment may start now (or at --at), 1 outside its deploy window (platform.ts environments[].deployWindow: days, hours and freezes in the window's time zone), with the local time, the reason and when the window opens next. An environment without a window may deploy any time. `--force --reason` lets a deploy through and prints the reason (in GitHub Actions also a warning annotation).",
    arguments: [ENV_ARGUMENT],
    options: {
      at: value({
        placeholder: 'ISO-8601',
        description: 'check this moment instead of now, e.g. 2026-03-06T10:00:00+09:00',
      }),
      force: flag({ description: 'exit 0 even outside the window (needs --reason)' }),
      reason: value({ placeholder: 'TEXT', description: 'why the deploy cannot wait; printed in the deploy log' }),
      format: RESULT_FORMAT_OPTION,
      json: JSON_ALIAS_OPTION,
      config: CONFIG_OPTION,
    },
    examples: [
      'landfall deploy-window check prod',
      'landfall deploy-window check prod --force --reason "hotfix for INC-42"',
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

      if (!window) {
        if (json) io.out(JSON.stringify({ environment: env.name, window: null, open: true, forced: false }, null, 2));
        else io.out(`${env.name} has no deploy window: deploys may start any time.`);
        return EXIT.ok;
      }
      const decision = checkWindow(window, at);
      const forced = !decision.open && options.force;
      if (json) {
        io.out(
          JSON.stringify(
            {
              environment: env.name,
              window,
              at: at.toISOString(),
              localTime: decision.local.text,
              open: decision.open,
              forced,
              reason: decision.reason,
              ...(forced ? { forceReason: reason } : {}),
              nextOpen: decision.nextOpen?.at.toISOString() ?? null,
            },
            null,
            2,
          ),
        );
        return decision.open || forced ? EXIT.ok : EXIT.problems;
      }
      const described = describeWindow(window);
      const now = `it is ${decision.local.text} there`;
      if (decision.open) {
        io.out(`${env.name}: inside the deploy window (${described}): ${now}.`);
        return EXIT.ok;
      }
      if (forced) {
        io.out(
          `${env.name}: outside the deploy window (${described}): ${now} and ${decision.reason}; overridden with --force: ${reason}`,
        );
        if (io.env.GITHUB_ACTIONS === 'true') {
          io.out(
            `::warning title=Deploy window overridden (${env.name})::${now} and ${decision.reason}. Reason: ${reason}`,
          );
        }
        return EXIT.ok;
      }
      const next = decision.nextOpen ? `; it opens next on ${decision.nextOpen.local}` : '';
      throw new CliError(
        `${env.name} is outside its deploy window (${described}): ${now} and ${decision.reason}${next}`,
        EXIT.problems,
        'wait for the window, or deploy anyway with --force --reason "..."',
      );
    },
  });
}

export const deployWindowCommand = makeDeployWindowCommand();
