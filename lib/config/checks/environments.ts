import type { Check } from './context';
import { duplicates } from './context';
import type { Problem } from '../problems';

/** Environment names are unique; each names an existing workload account that no other environment uses. */
export const checkEnvironments: Check = {
  needs: ['accounts', 'environments'],
  run: ({ platform, platformFile: file }) => {
    const problems: Problem[] = [];
    const { environments, accounts } = platform;
    for (const d of duplicates(environments, (e) => e.name)) {
      problems.push({
        file,
        path: `environments[${d.index}].name`,
        message: `"${d.value}" is already the name of environments[${d.firstIndex}] (environment names must be unique)`,
      });
    }
    const workloads = accounts.filter((a) => a.role === 'workload').map((a) => a.name);
    environments.forEach((env, i) => {
      const account = accounts.find((a) => a.name === env.account);
      if (!account) {
        problems.push({
          file,
          path: `environments[${i}].account`,
          message: `"${env.account}" is not an account in accounts (allowed: ${workloads.join(', ') || 'none: add a workload account'})`,
        });
      } else if (account.role !== 'workload') {
        problems.push({
          file,
          path: `environments[${i}].account`,
          message: `"${env.account}" has role "${account.role}"; an environment needs a workload account (allowed: ${workloads.join(', ')})`,
        });
      }
    });
    for (const d of duplicates(environments, (e) => e.account)) {
      problems.push({
        file,
        path: `environments[${d.index}].account`,
        message: `"${d.value}" is already the account of environments[${d.firstIndex}] (one environment per account)`,
      });
    }
    return problems;
  },
};
