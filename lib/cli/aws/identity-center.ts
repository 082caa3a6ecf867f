import { GetGroupIdCommand, paginateListGroups } from '@aws-sdk/client-identitystore';
import { paginateListInstances } from '@aws-sdk/client-sso-admin';
import type { LandfallModel } from '../../config';
import { AwsCallError, call, collect } from './call';
import type { RetryOptions } from './call';
import type { AwsClients } from './clients';

/** What discovery found: the instance and the groups, or why there is nothing to find. */
export type IdentityCenterDiscovery =
  | {
      readonly found: true;
      readonly instanceArn: string;
      readonly identityStoreId: string;
      /** Group IDs by display name. */
      readonly groups: Readonly<Record<string, string>>;
      /** Display names asked for that the identity store does not have. */
      readonly missingGroups: readonly string[];
    }
  | { readonly found: false; readonly reason: string };

/**
 * Display names of the Identity Center groups the config refers to (the keys of `identityCenter.groups`), looked
 * up one by one; a missing group blocks the discovery step. With no groups configured, every group is recorded.
 */
export function configuredGroupNames(model: LandfallModel): readonly string[] | undefined {
  const names = Object.keys(model.platform.identityCenter.groups);
  return names.length > 0 ? names : undefined;
}

/**
 * Find the organization's Identity Center instance (owned by the management account, in the home region) and
 * the IDs of the groups named `groupNames` (every group when `undefined`). Reads only.
 */
export async function discoverIdentityCenter(
  clients: AwsClients,
  retry: RetryOptions,
  options: { managementAccountId: string; region: string; groupNames: readonly string[] | undefined },
): Promise<IdentityCenterDiscovery> {
  const instances = await collect(
    'sso:ListInstances',
    paginateListInstances({ client: clients.ssoAdmin }, {}),
    (page) => page.Instances,
  );
  const instance = instances.find(
    (i) =>
      (i.OwnerAccountId === undefined || i.OwnerAccountId === options.managementAccountId) &&
      (i.Status ?? 'ACTIVE') === 'ACTIVE',
  );
  if (!instance?.InstanceArn || !instance.IdentityStoreId) {
    return {
      found: false,
      reason: `no IAM Identity Center organization instance in ${options.region}: enable it in the management account's console (IAM Identity Center > Enable), then run again`,
    };
  }
  const identityStoreId = instance.IdentityStoreId;
  const groups: Record<string, string> = {};
  const missingGroups: string[] = [];
  if (options.groupNames === undefined) {
    const all = await collect(
      'identitystore:ListGroups',
      paginateListGroups({ client: clients.identityStore }, { IdentityStoreId: identityStoreId }),
      (page) => page.Groups,
    );
    for (const g of all) if (g.DisplayName && g.GroupId) groups[g.DisplayName] = g.GroupId;
  } else {
    for (const name of options.groupNames) {
      try {
        const found = await call(
          'identitystore:GetGroupId',
          () =>
            clients.identityStore.send(
              new GetGroupIdCommand({
                IdentityStoreId: identityStoreId,
                AlternateIdentifier: { UniqueAttribute: { AttributePath: 'displayName', AttributeValue: name } },
              }),
            ),
          retry,
        );
        if (found.GroupId) groups[name] = found.GroupId;
        else missingGroups.push(name);
      } catch (err) {
        if (err instanceof AwsCallError && err.code === 'ResourceNotFoundException') missingGroups.push(name);
        else throw err;
      }
    }
  }
  const sorted = Object.fromEntries(Object.entries(groups).sort(([a], [b]) => a.localeCompare(b)));
  return { found: true, instanceArn: instance.InstanceArn, identityStoreId, groups: sorted, missingGroups };
}
