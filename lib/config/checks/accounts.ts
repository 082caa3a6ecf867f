import type { Check } from './context';
import { duplicates } from './context';
import type { Problem } from '../problems';

const SINGLE_ROLES = ['management', 'security', 'log-archive'] as const;

/** Account names, IDs and emails are unique; exactly one management, security and log-archive account. */
export const checkAccounts: Check = {
  needs: ['accounts'],
  run: ({ platform, platformFile: file }) => {
    const { accounts } = platform;
    const problems: Problem[] = [];
    for (const field of ['name', 'id', 'email'] as const) {
      const norm = (v: string) => (field === 'email' ? v.toLowerCase() : v);
      for (const d of duplicates(accounts, (a) => norm(a[field]))) {
        problems.push({
          file,
          path: `accounts[${d.index}].${field}`,
          message: `${JSON.stringify(d.item[field])} is already used by accounts[${d.firstIndex}] (each account needs its own ${field})`,
        });
      }
    }
    for (const role of SINGLE_ROLES) {
      const indexes = accounts.flatMap((a, i) => (a.role === role ? [i] : []));
      if (indexes.length === 0) {
        problems.push({
          file,
          path: 'accounts',
          message: `has no account with role "${role}" (exactly one is required)`,
        });
      }
      for (const i of indexes.slice(1)) {
        problems.push({
          file,
          path: `accounts[${i}].role`,
          message: `"${role}" is already the role of accounts[${indexes[0]}] (exactly one ${role} account is allowed)`,
        });
      }
    }
    return problems;
  },
};
