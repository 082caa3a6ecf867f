import type { Problem } from '../problems';
import type { Check } from './context';
import { duplicates } from './context';

/** Each disabled Security Hub control is listed once; the management account is never moved into an OU. */
export const checkSecurity: Check = {
  needs: ['securityHub', 'accounts'],
  run: ({ platform, platformFile: file }) => {
    const problems: Problem[] = [];
    for (const d of duplicates(platform.securityHub.disabledControls, (c) => c.control)) {
      problems.push({
        file,
        path: `securityHub.disabledControls[${d.index}].control`,
        message: `"${d.value}" is already listed in securityHub.disabledControls[${d.firstIndex}] (list each control once)`,
      });
    }
    platform.accounts.forEach((account, i) => {
      if (account.role === 'management' && account.organizationalUnit !== undefined) {
        problems.push({
          file,
          path: `accounts[${i}].organizationalUnit`,
          message: `"${account.organizationalUnit}" cannot hold the management account (it stays at the root, where SCPs do not apply; remove organizationalUnit)`,
        });
      }
    });
    return problems;
  },
};
