import type { Check } from './context';
import type { Problem } from '../problems';

/** Service names are unique across files; a service's file is named after it. */
export const checkServices: Check = {
  needs: [],
  run: ({ services }) => {
    const problems: Problem[] = [];
    const firstFile = new Map<string, string>();
    for (const { file, config } of services) {
      const first = firstFile.get(config.name);
      if (first) {
        problems.push({
          file,
          path: 'name',
          message: `"${config.name}" is already the name of the service in ${first} (service names must be unique)`,
        });
      } else {
        firstFile.set(config.name, file);
      }
      const base = file.split('/').pop()?.replace(/\.ts$/, '');
      if (base !== undefined && base !== config.name) {
        problems.push({
          file,
          path: 'name',
          message: `"${config.name}" does not match the file name (rename the file to ${config.name}.ts or the service to "${base}")`,
        });
      }
    }
    return problems;
  },
};

/** `sendsTo` names existing workers (only when every service file loaded: a broken file may be the worker). */
export const checkSendsTo: Check = {
  needs: [],
  needsAllServices: true,
  run: ({ services }) => {
    const problems: Problem[] = [];
    const workers = services.filter((s) => s.config.kind === 'worker').map((s) => s.config.name);
    for (const { file, config } of services) {
      (config.sendsTo ?? []).forEach((target, i) => {
        if (!workers.includes(target)) {
          problems.push({
            file,
            path: `sendsTo[${i}]`,
            message: `"${target}" is not a worker service (allowed: ${workers.join(', ') || 'none: add a service with kind "worker"'})`,
          });
        } else if (target === config.name) {
          problems.push({
            file,
            path: `sendsTo[${i}]`,
            message: `"${target}" is the service itself (a worker already consumes its own queue)`,
          });
        }
      });
    }
    return problems;
  },
};
