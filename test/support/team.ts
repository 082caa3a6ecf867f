import * as path from 'node:path';
import type { LandfallModel } from '../../lib/config';
import { loadConfig } from '../../lib/config';
import type { BuiltApp } from './example';
import { buildApp, REPO_ROOT } from './example';

/**
 * The team's own platform: the repository's `config/`, whatever the team has written there. Only the platform
 * suite (`test/platform/`) reads it, and every test there must hold for any valid config; product tests use the
 * reference fixture instead. `LANDFALL_TEAM_CONFIG=DIR` points the suite at another config directory (the
 * newcomer drill in test/integration runs it on an edited copy of the example).
 */
export const TEAM_CONFIG_DIR = process.env.LANDFALL_TEAM_CONFIG
  ? path.resolve(process.env.LANDFALL_TEAM_CONFIG)
  : path.join(REPO_ROOT, 'config');

/** The team's config, validated (a config problem fails the suite with the report `landfall validate` prints). */
export function teamModel(): LandfallModel {
  return loadConfig(TEAM_CONFIG_DIR);
}

/** The team's platform built with the gates registered, as `cdk synth` builds it. */
export function buildTeamApp(options: { guard?: boolean; failOnFindings?: boolean } = {}): BuiltApp {
  return buildApp({ ...options, model: teamModel() });
}
