/**
 * The one way the CDK app and the CLI read a platform: the config's schemas and cross-field checks, then the plan's
 * checks, every problem in one `ConfigError`. `landfall validate` and `cdk synth` therefore report the same problems.
 */
import type { ConfigSource, LandfallModel, LoadOptions } from '../config';
import { loadConfig, validateConfig } from '../config';
import { PLAN_CHECKS } from './checks';

/** Load `DIR/platform.ts`, `DIR/services/*.ts` and `DIR/discovered.json` with every check (see `loadConfig`). */
export function loadPlatform(dir = 'config', options: Pick<LoadOptions, 'discovered'> = {}): LandfallModel {
  return loadConfig(dir, { ...options, checks: PLAN_CHECKS });
}

/** Validate in-memory definitions with every check (see `validateConfig`). */
export function validatePlatform(
  platform: ConfigSource,
  services: readonly ConfigSource[],
  discovered?: ConfigSource,
): LandfallModel {
  return validateConfig(platform, services, discovered, { checks: PLAN_CHECKS });
}
