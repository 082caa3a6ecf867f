import type { Check } from './context';
import type { Problem } from '../problems';
import { MIN_BACKUP_RETENTION_DAYS, resolveProfile } from '../profiles';
import { databaseNameOf, supportsAutoPause } from '../schema/database';

/**
 * Databases across files and environments: database names are unique, `access` names other existing services (once
 * each), every environment's capacity range is ordered, a range that starts at 0 ACUs runs on a version that can
 * pause, and no tier keeps fewer days of backups than `MIN_BACKUP_RETENTION_DAYS` allows.
 */
export const checkDatabases: Check = {
  needs: ['environments'],
  needsAllServices: true,
  run: ({ platform, platformFile, services }) => {
    const problems: Problem[] = [];
    const environments = platform.environments.map((env) => ({
      env,
      profile: resolveProfile(env.tier, env.overrides),
    }));
    environments.forEach(({ env, profile }, i) => {
      if (profile.databaseMinCapacityAcu > profile.databaseMaxCapacityAcu) {
        const field =
          env.overrides?.databaseMinCapacityAcu !== undefined ? 'databaseMinCapacityAcu' : 'databaseMaxCapacityAcu';
        problems.push({
          file: platformFile,
          path: `environments[${i}].overrides.${field}`,
          message: `gives a capacity range of ${profile.databaseMinCapacityAcu}-${profile.databaseMaxCapacityAcu} ACUs: the minimum is above the maximum`,
        });
      }
      const floor = MIN_BACKUP_RETENTION_DAYS[env.tier];
      if (profile.databaseBackupRetentionDays < floor) {
        problems.push({
          file: platformFile,
          path: `environments[${i}].overrides.databaseBackupRetentionDays`,
          message: `${profile.databaseBackupRetentionDays} is below the ${floor} days a ${env.tier} environment keeps at least (allowed: ${floor}-35)`,
        });
      }
    });

    const names = new Set(services.map((s) => s.config.name));
    const owners = new Map<string, string>();
    for (const { file, config } of services) {
      const database = config.database;
      if (database === undefined) continue;
      const name = databaseNameOf(config.name, database);
      const owner = owners.get(name);
      // The same service twice is the duplicate-name check's problem, reported once there.
      if (owner !== undefined && owner !== config.name) {
        problems.push({
          file,
          path: database.name === undefined ? 'database' : 'database.name',
          message: `"${name}" is already the name of the database of service ${owner} (database names must be unique; set database.name)`,
        });
      } else {
        owners.set(name, config.name);
      }
      const granted = new Set<string>();
      (database.access ?? []).forEach((access, i) => {
        const path = `database.access[${i}].service`;
        if (access.service === config.name) {
          problems.push({
            file,
            path,
            message: `"${access.service}" is the owning service itself (it always has read-write access)`,
          });
        } else if (!names.has(access.service)) {
          const others = [...names].filter((n) => n !== config.name);
          problems.push({
            file,
            path,
            message: `"${access.service}" is not a service (allowed: ${others.join(', ') || 'none: no other service exists'})`,
          });
        } else if (granted.has(access.service)) {
          problems.push({ file, path, message: `"${access.service}" is granted access twice (one entry per service)` });
        }
        granted.add(access.service);
      });
      if (database.instanceClass === undefined && !supportsAutoPause(database.version)) {
        const paused = environments
          .filter(({ profile }) => profile.databaseMinCapacityAcu === 0)
          .map(({ env }) => env.name);
        if (paused.length > 0) {
          problems.push({
            file,
            path: 'database.version',
            message: `"${database.version}" cannot scale to 0 ACUs, the minimum capacity of ${paused.join(', ')} (use 13.15, 14.12, 15.7, 16.3, 17.0 or later in its major, or set databaseMinCapacityAcu to 0.5 there)`,
          });
        }
      }
    }
    return problems;
  },
};
