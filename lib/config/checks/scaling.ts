import type { Check } from './context';
import type { Problem } from '../problems';
import { resolveProfile } from '../profiles';
import { taskBounds } from '../task-bounds';

const environmentsPhrase = (names: readonly string[]): string =>
  names.length === 1 ? `environment "${names[0]}"` : `environments ${names.map((n) => `"${n}"`).join(', ')}`;

/**
 * Task bounds hold in every environment: a service's minimum is not above its maximum once its own bounds, its
 * per-tier bounds and the tier profile are combined; an environment's profile overrides are consistent too.
 */
export const checkScaling: Check = {
  needs: ['environments'],
  run: ({ platform, platformFile, services }) => {
    const problems: Problem[] = [];
    const environments = platform.environments.map((env) => ({
      env,
      profile: resolveProfile(env.tier, env.overrides),
    }));

    environments.forEach(({ env, profile }, i) => {
      if (env.overrides?.minTasks !== undefined && profile.minTasks > profile.maxTasks) {
        problems.push({
          file: platformFile,
          path: `environments[${i}].overrides.minTasks`,
          message: `${profile.minTasks} is above the environment's maxTasks ${profile.maxTasks} (allowed: 1-${profile.maxTasks})`,
        });
      } else if (env.overrides?.maxTasks !== undefined && profile.minTasks > profile.maxTasks) {
        problems.push({
          file: platformFile,
          path: `environments[${i}].overrides.maxTasks`,
          message: `${profile.maxTasks} is below the environment's minTasks ${profile.minTasks} (allowed: ${profile.minTasks}-1000)`,
        });
      }
    });

    for (const { file, config } of services) {
      // One problem per offending field and value, naming every environment it breaks.
      const byMessage = new Map<string, { path: string; describe: (envs: string) => string; envs: string[] }>();
      for (const { env, profile } of environments) {
        const b = taskBounds(config, env.tier, profile);
        if (b.minTasks <= b.maxTasks) continue;
        const lowest = config.kind === 'web' ? 1 : 0;
        const profileField = b.minSource.kind === 'profile' ? b.minSource.field : 'minTasks';
        let entry: { path: string; describe: (envs: string) => string };
        if (b.minSource.kind === 'service') {
          entry = {
            path: b.minSource.path,
            describe: (envs) =>
              `${b.minTasks} is above the maximum of ${b.maxTasks} tasks in ${envs} (allowed: ${lowest}-${b.maxTasks})`,
          };
        } else if (b.maxSource.kind === 'service') {
          entry = {
            path: b.maxSource.path,
            describe: (envs) =>
              `${b.maxTasks} is below the minimum of ${b.minTasks} tasks from the tier profile (${profileField}) in ${envs} (allowed: ${b.minTasks}-1000, or set a lower scaling.minTasks)`,
          };
        } else {
          continue; // both from the profile: reported on the environment above
        }
        const key = `${entry.path}|${b.minTasks}|${b.maxTasks}`;
        const seen = byMessage.get(key);
        if (seen) seen.envs.push(env.name);
        else byMessage.set(key, { ...entry, envs: [env.name] });
      }
      for (const { path, describe, envs } of byMessage.values()) {
        problems.push({ file, path, message: describe(environmentsPhrase(envs)) });
      }
    }
    return problems;
  },
};
