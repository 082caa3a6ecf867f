import type { Check } from './context';
import type { Problem } from '../problems';

/** The load balancer allows 5 condition values per rule: a host header counts as one, each path pattern as one. */
const MAX_CONDITION_VALUES = 5;

/**
 * Web services can be routed: a host needs a domain in every environment, no two services claim the same host and
 * path, a rule stays within the load balancer's condition limit, and pinned priorities are unique. Environment
 * domains use a certificate the load balancer can use (its own account and region).
 */
export const checkRouting: Check = {
  needs: ['environments'],
  run: ({ platform, services }) => {
    const problems: Problem[] = [];
    const withoutDomain = platform.environments.filter((e) => e.domain === undefined).map((e) => e.name);
    const claimed = new Map<string, string>();
    const pinned = new Map<number, string>();

    for (const { file, config } of services) {
      if (config.kind !== 'web') continue;
      if (config.host !== undefined && withoutDomain.length > 0) {
        problems.push({
          file,
          path: 'host',
          message: `"${config.host}" needs a domain in every environment to route on (environments without one: ${withoutDomain.join(', ')})`,
        });
      }
      if (config.host !== undefined && config.paths.length + 1 > MAX_CONDITION_VALUES) {
        problems.push({
          file,
          path: 'paths',
          message: `has ${config.paths.length} path patterns and a host, ${config.paths.length + 1} rule conditions (allowed: at most ${MAX_CONDITION_VALUES - 1} paths with a host, ${MAX_CONDITION_VALUES} without)`,
        });
      }
      config.paths.forEach((path, i) => {
        const key = `${config.host ?? '*'} ${path}`;
        const owner = claimed.get(key);
        const where = config.host === undefined ? 'on any host' : `on host "${config.host}"`;
        if (owner !== undefined) {
          problems.push({
            file,
            path: `paths[${i}]`,
            message: `"${path}" ${where} is already routed to ${owner === file ? 'this service' : `the service in ${owner}`} (each host and path goes to one service)`,
          });
        } else {
          claimed.set(key, file);
        }
      });
      if (config.listenerPriority !== undefined) {
        const owner = pinned.get(config.listenerPriority);
        if (owner !== undefined) {
          problems.push({
            file,
            path: 'listenerPriority',
            message: `${config.listenerPriority} is already the listener priority of the service in ${owner} (priorities must be unique)`,
          });
        } else {
          pinned.set(config.listenerPriority, file);
        }
      }
    }

    return problems;
  },
};
