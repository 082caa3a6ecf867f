import { parseCommandArgs } from '../args';
import type { Command } from '../command';
import { CONFIG_OPTION, environmentArg, loadModel } from '../config-option';
import type { CommandDeps } from '../deps';
import { withDeps } from '../deps';
import { CliError, EXIT, UsageError } from '../errors';
import { checkWindow, describeWindow } from './window';

const USAGE = 'landfall deploy-window check ENV [--at ISO-8601] [--force --reason "..."] [--json] [--config DIR]';

/**
 * `landfall deploy-window check ENV`: exit 0 when a deploy may start now (or at `--at`), 1 outside the window.
 * `--force --reason "..."` lets a deploy through and prints the reason (a GitHub warning annotation in Actions).
 */
export function makeDeployWindowCommand(overrides: Partial<CommandDeps> = {}): Command {
  const deps = withDeps(overrides);
  return {
    name: ['deploy-window', 'check'],
    summary: "check the environment's deploy window (days, hours, time zone, freezes); exit 1 outside it",
    usage: USAGE,
    async run(args, io) {
      const { values, positionals } = parseCommandArgs(
        args,
        {
          ...CONFIG_OPTION,
          at: { type: 'string' },
          force: { type: 'boolean' },
          reason: { type: 'string' },
          json: { type: 'boolean' },
        },
        USAGE,
      );
      if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`, `usage: ${USAGE}`);
      const reason = values.reason?.trim();
      if (values.force && !reason) {
        throw new UsageError(
          '--force needs --reason "..." (why the deploy cannot wait; it is printed in the deploy log)',
          `usage: ${USAGE}`,
        );
      }
      if (reason !== undefined && !values.force)
        throw new UsageError('--reason is only used with --force', `usage: ${USAGE}`);
      const at = values.at === undefined ? deps.now() : new Date(values.at);
      if (Number.isNaN(at.getTime())) {
        throw new UsageError(`--at "${values.at}" is not an ISO 8601 time (for example 2026-03-06T10:00:00+09:00)`);
      }
      const { model } = loadModel(io, values.config);
      const env = environmentArg(model, positionals[0], USAGE);
      const window = env.config.deployWindow;

      if (!window) {
        if (values.json)
          io.out(JSON.stringify({ environment: env.name, window: null, open: true, forced: false }, null, 2));
        else io.out(`${env.name} has no deploy window: deploys may start any time.`);
        return EXIT.ok;
      }
      const decision = checkWindow(window, at);
      const forced = !decision.open && Boolean(values.force);
      if (values.json) {
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
  };
}

export const deployWindowCommand = makeDeployWindowCommand();
