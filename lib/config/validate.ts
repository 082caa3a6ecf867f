import { CHECKS } from './checks';
import { mergeDiscovered } from './discovered';
import type { Check, ServiceEntry } from './checks';
import type { LandfallModel } from './model';
import type { Problem } from './problems';
import { ConfigError, errorMap, problemsFromZod } from './problems';
import { resolveProfile } from './profiles';
import type { AccountConfig, AccountRole } from './schema/accounts';
import { DiscoveredSchema } from './schema/discovered';
import type { DiscoveredConfig } from './schema/discovered';
import { PlatformSchema } from './schema/platform';
import type { PlatformConfig } from './schema/platform';
import { ServiceSchema } from './schema/service';

/** Raw data of one config file, with the path to name in problems. */
export interface ConfigSource {
  readonly file: string;
  readonly data: unknown;
}

export interface ValidateOptions {
  /**
   * Cross-field checks of other layers (the plan's: rendered policies, derived names), run after the config's own
   * with the same `needs` rule, their problems reported in the same `ConfigError`. @default none
   */
  readonly checks?: readonly Check[];
  /** Service files the loader could not load at all: the checks that need every service wait. @default 0 */
  readonly unloadedServices?: number;
}

/**
 * Validate the platform file and every service file: schemas first, then cross-field checks, and throw one
 * `ConfigError` listing every problem. A cross-field check runs when the sections it reads passed their schema,
 * so it never reports a consequence of a schema problem, and a schema problem never hides it. The discovered
 * file (`landfall accounts sync`), when given, is validated first and merged over the platform data (see
 * `mergeDiscovered` for the precedence). `options.unloadedServices` counts service files that could not be loaded
 * at all (the loader reported them), so the checks that need every service wait. `options.checks` run after the
 * config's own checks, the same way.
 */
export function validateConfig(
  platformSource: ConfigSource,
  serviceSources: readonly ConfigSource[],
  discoveredSource?: ConfigSource,
  options: ValidateOptions = {},
): LandfallModel {
  const problems: Problem[] = [];
  const parseOptions = { error: errorMap, reportInput: true } as const;
  let platformData = platformSource.data;
  let discovered: DiscoveredConfig | undefined;
  const notices: Problem[] = [];
  if (discoveredSource) {
    const result = DiscoveredSchema.safeParse(discoveredSource.data, parseOptions);
    if (result.success) {
      discovered = result.data;
      const merged = mergeDiscovered(platformData, discovered, discoveredSource.file, platformSource.file);
      platformData = merged.platformData;
      problems.push(...merged.problems);
      notices.push(...merged.notices);
    } else {
      problems.push(...problemsFromZod(discoveredSource.file, result.error));
    }
  }
  const platformResult = PlatformSchema.safeParse(platformData, parseOptions);
  if (!platformResult.success) problems.push(...problemsFromZod(platformSource.file, platformResult.error));

  const services: ServiceEntry[] = [];
  for (const source of serviceSources) {
    const result = ServiceSchema.safeParse(source.data, parseOptions);
    if (result.success) services.push({ file: source.file, config: result.data });
    else problems.push(...problemsFromZod(source.file, result.error));
  }

  const valid = platformResult.success ? platformResult.data : validSections(platformData);
  // A service file that did not load counts as invalid: checks across all services would report its absence.
  const allServicesValid = services.length === serviceSources.length && (options.unloadedServices ?? 0) === 0;
  // Only the sections a check `needs` are read, and those passed their schema.
  const ctx = { platformFile: platformSource.file, platform: valid as PlatformConfig, services };
  for (const check of [...CHECKS, ...(options.checks ?? [])]) {
    if (check.needs.every((key) => key in valid) && (allServicesValid || !check.needsAllServices)) {
      problems.push(...check.run(ctx));
    }
  }
  if (problems.length > 0 || !platformResult.success) throw new ConfigError(problems);
  const model = buildModel(platformResult.data, services, discovered);
  return notices.length > 0 ? { ...model, notices } : model;
}

/** The top-level sections of a platform definition that pass their own schema, parsed. */
function validSections(data: unknown): Partial<PlatformConfig> {
  if (data === null || typeof data !== 'object') return {};
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(PlatformSchema.shape)) {
    const result = schema.safeParse((data as Record<string, unknown>)[key]);
    if (result.success) out[key] = result.data;
  }
  return out as Partial<PlatformConfig>;
}

function buildModel(
  platform: PlatformConfig,
  services: readonly ServiceEntry[],
  discovered: DiscoveredConfig | undefined,
): LandfallModel {
  const byRole = (role: AccountRole): AccountConfig => {
    const account = platform.accounts.find((a) => a.role === role);
    if (!account) throw new Error(`no ${role} account (the accounts check should have reported this)`);
    return account;
  };
  return {
    platform,
    services: services.map((s) => s.config),
    environments: platform.environments.map((env) => ({
      name: env.name,
      tier: env.tier,
      account: platform.accounts.find((a) => a.name === env.account) ?? byRole('workload'),
      profile: resolveProfile(env.tier, env.overrides),
      config: env,
    })),
    accounts: { management: byRole('management'), security: byRole('security'), logArchive: byRole('log-archive') },
    ...(discovered ? { discovered } : {}),
  };
}
