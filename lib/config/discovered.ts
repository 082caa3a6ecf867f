import type { Problem } from './problems';
import type { DiscoveredConfig } from './schema/discovered';

/**
 * Precedence of `config/discovered.json` (written by `landfall accounts sync`) over `config/platform.ts`:
 * - `accounts[].id`: the discovered ID wins. Accounts are matched by email (case-insensitive), so renaming an
 *   account in `platform.ts` keeps its ID; the `id` written in `platform.ts` is only used for accounts the sync
 *   has not found (yet).
 * - `organization.id` and `organization.rootId`: the discovered values win.
 * - `identityCenter.instanceArn` and `identityCenter.identityStoreId`: the discovered values win; each group of
 *   `identityCenter.groups` takes the ID of the discovered group with the same display name. The discovered
 *   file also stays available as `model.discovered`.
 * - Everything else in `platform.ts` (names, roles, emails, budgets, assignments) is never overridden.
 * A discovered account whose email is in no config account (an email changed in `platform.ts` since the sync) is
 * ignored and named in a notice. An `id` written in `platform.ts` that is not an account ID is a problem even when
 * the discovered ID replaces it, so the file never hides a typo.
 */
export function mergeDiscovered(
  platformData: unknown,
  discovered: DiscoveredConfig,
  discoveredFile: string,
  platformFile = 'config/platform.ts',
): { platformData: unknown; problems: Problem[]; notices: Problem[] } {
  if (!isRecord(platformData) || !Array.isArray(platformData.accounts))
    return { platformData, problems: [], notices: [] };
  const byEmail = new Map(discovered.accounts.map((a) => [a.email.toLowerCase(), a]));
  const configEmails = new Set<string>();
  const problems: Problem[] = [];
  const accounts = platformData.accounts.map((account: unknown, i: number) => {
    if (!isRecord(account) || typeof account.email !== 'string') return account;
    configEmails.add(account.email.toLowerCase());
    const found = byEmail.get(account.email.toLowerCase());
    if (!found) return account;
    if (account.id !== undefined && !(typeof account.id === 'string' && /^\d{12}$/.test(account.id))) {
      problems.push({
        file: platformFile,
        path: `accounts[${i}].id`,
        message: `${JSON.stringify(account.id)} is not a 12-digit AWS account ID (${discoveredFile} has ${found.id} for ${found.email}: write that, or leave the id out)`,
      });
    }
    return { ...account, id: found.id };
  });
  const notices: Problem[] = discovered.accounts.flatMap((a, i) =>
    configEmails.has(a.email.toLowerCase())
      ? []
      : [
          {
            file: discoveredFile,
            path: `accounts[${i}].email`,
            message: `"${a.email}" is the email of no account in the platform config: ignored (run \`landfall accounts sync\` to refresh the file)`,
          },
        ],
  );
  const merged: Record<string, unknown> = { ...platformData, accounts };
  if (isRecord(platformData.organization)) {
    merged.organization = {
      ...platformData.organization,
      id: discovered.organization.id,
      rootId: discovered.organization.rootId,
    };
  }
  const ic = discovered.identityCenter;
  if (ic && isRecord(platformData.identityCenter)) {
    const groups = isRecord(platformData.identityCenter.groups) ? platformData.identityCenter.groups : {};
    merged.identityCenter = {
      ...platformData.identityCenter,
      instanceArn: ic.instanceArn,
      identityStoreId: ic.identityStoreId,
      groups: Object.fromEntries(Object.entries(groups).map(([name, id]) => [name, ic.groups[name] ?? id])),
    };
  }
  return { platformData: merged, problems, notices };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
