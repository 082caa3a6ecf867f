import type { Check, Problem, ServiceEntry, TierProfile } from '../../config';
import { resolveProfile } from '../../config';
import type { DerivedName } from '../service-names';
import { NAME_SCOPES, serviceNames } from '../service-names';

/** One service's derived names in one environment. */
export interface NamedService {
  readonly file: string;
  /** The service's name (`name` in its file). */
  readonly name: string;
  readonly kind: 'web' | 'worker';
  readonly names: readonly DerivedName[];
}

const phrase = (environments: readonly string[]): string =>
  environments.length === 1 ? `environment ${environments[0]}` : `environments ${environments.join(', ')}`;

/**
 * Names that two services would both give a resource in the same scope, reported on the later service's `name`
 * (the one that collides with a name already taken), once per pair and scope, naming every environment it happens
 * in. `byEnvironment` lists the services of each environment in config order.
 */
export function nameCollisions(byEnvironment: ReadonlyArray<readonly [string, readonly NamedService[]]>): Problem[] {
  const found = new Map<
    string,
    { problem: Omit<Problem, 'message'>; describe: (envs: string) => string; envs: string[] }
  >();
  for (const [environment, services] of byEnvironment) {
    const owners = new Map<string, { service: NamedService; derived: DerivedName }>();
    for (const service of services) {
      for (const derived of service.names) {
        const key = `${derived.scope}|${derived.name}`;
        const first = owners.get(key);
        if (first === undefined) {
          owners.set(key, { service, derived });
          continue;
        }
        // The same name derives the same names: the duplicate-name check reports that once, on the name itself.
        if (first.service.file === service.file || first.service.name === service.name) continue;
        const id = `${service.file}|${first.service.file}|${derived.scope}|${derived.role}|${first.derived.role}`;
        const seen = found.get(id);
        if (seen) {
          if (!seen.envs.includes(environment)) seen.envs.push(environment);
          continue;
        }
        found.set(id, {
          problem: { file: service.file, path: 'name' },
          describe: (envs) =>
            `"${service.name}" derives ${derived.role} "${derived.name}", which is already ${first.derived.role} of the ${first.service.kind === 'web' ? 'web service' : 'worker'} in ${first.service.file} (in ${envs}; ${NAME_SCOPES[derived.scope]}: rename one of the two)`,
          envs: [environment],
        });
      }
    }
  }
  return [...found.values()].map(({ problem, describe, envs }) => ({ ...problem, message: describe(phrase(envs)) }));
}

/**
 * Derived names (`lib/naming.ts`) do not collide across services: a worker named like another worker's dead-letter
 * queue (`jobs-dlq` and `jobs`), or any other pair of services whose queues, log groups, alarms, task families or ECS
 * services would share a name. CloudFormation would only find out while deploying.
 */
export const checkDerivedNames: Check = {
  needs: ['environments'],
  run: ({ platform, services }) =>
    nameCollisions(
      platform.environments.map((env) => {
        const profile = resolveProfile(env.tier, env.overrides);
        return [env.name, services.map((s: ServiceEntry) => named(env.name, s, profile))] as const;
      }),
    ),
};

function named(environment: string, { file, config }: ServiceEntry, profile: TierProfile): NamedService {
  return { file, name: config.name, kind: config.kind, names: serviceNames(environment, config, profile) };
}
