import * as path from 'node:path';
import type { LandfallModel, ResolvedEnvironment } from '../config';
import { ConfigError } from '../config';
import { loadPlatform } from '../plan/load';
import { CliError, EXIT, UsageError } from './errors';
import type { CliIo } from './io';

/**
 * Load the config of `--config DIR` (relative to the working directory). Invalid config: its
 * problems go to stderr and the command stops with exit code 1.
 */
export function loadModel(
  io: CliIo,
  dirOption: string,
  options: { discovered?: boolean } = {},
): { model: LandfallModel; dir: string } {
  const dir = path.resolve(io.cwd, dirOption);
  try {
    return { model: loadPlatform(dir, options), dir };
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.err(err.message);
    const n = err.problems.length;
    throw new CliError(
      `the config in ${path.relative(io.cwd, dir) || '.'} has ${n} problem${n === 1 ? '' : 's'} (listed above)`,
      EXIT.problems,
      'fix them; `landfall validate` lists them again',
    );
  }
}

/** The environment of this name, or a usage error (exit 2) that names the value and the environments. */
export function environmentArg(model: LandfallModel, name: string): ResolvedEnvironment {
  const env = model.environments.find((e) => e.name === name);
  if (!env) {
    const names = model.environments.map((e) => e.name).join(', ');
    throw new UsageError(`"${name}" is not an environment (allowed: ${names})`);
  }
  return env;
}
