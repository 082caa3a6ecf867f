import { CHECKS } from './checks';
import { mergeDiscovered } from './discovered';
import type { ServiceEntry } from './checks';
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

/**
 * Validate the platform file and every service file: schemas first, then cross-field checks, and throw one
 * `ConfigError` listing every problem. Cross-field checks run only when every file passed its schema, so they
 * never report a consequence of an earlier problem. The discovered file (`landfall accounts sync`), when given,
 * is validated first and merged over the platform data (see `mergeDiscovered` for the precedence).
 */
export function validateConfig(
  platformSource: ConfigSource,
  serviceSources: readonly ConfigSource[],
  discoveredSource?: ConfigSource,
): LandfallModel {
  const problems: Problem[] = [];
  let platformData = platformSource.data;
  let discovered: DiscoveredConfig | undefined;
  if (discoveredSource) {
    const result = DiscoveredSchema.safeParse(discoveredSource.data, { error: errorMap, reportInput: true });
    if (result.success) {
      discovered = result.data;
      const merged = mergeDiscovered(platformData, discovered, discoveredSource.file);
      platformData = merged.platformData;
      problems.push(...merged.problems);
    } else {
      problems.push(...problemsFromZod(discoveredSource.file, result.error));
    }
  }
  const platformResult = PlatformSchema.safeParse(platformData, { error: errorMap, reportInput: true });
  if (!platformResult.success) problems.push(...problemsFromZod(platformSource.file, platformResult.error));

  const services: ServiceEntry[] = [];
  for (const source of serviceSources) {
    const result = ServiceSchema.safeParse(source.data, { error: errorMap, reportInput: true });
    if (result.success) services.push({ file: source.file, config: result.data });
    else problems.push(...problemsFromZod(source.file, result.error));
  }
  if (problems.length > 0 || !platformResult.success) throw new ConfigError(problems);

  const ctx = { platformFile: platformSource.file, platform: platformResult.data, services };
  for (const check of CHECKS) problems.push(...check(ctx));
  if (problems.length > 0) throw new ConfigError(problems);

  return buildModel(platformResult.data, services, discovered);
}

function buildModel(platform: PlatformConfig, services: readonly ServiceEntry[], discovered: DiscoveredConfig | undefined): LandfallModel {
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
