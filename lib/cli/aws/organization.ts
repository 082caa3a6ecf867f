import {
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  ListParentsCommand,
  ListRootsCommand,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import type { PolicyTypeSummary } from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { CliError, EXIT } from '../errors';
import { AwsCallError, call, collect } from './call';
import type { RetryOptions } from './call';
import type { AwsClients } from './clients';

/** The organization as seen by a caller that passed the preflight. */
export interface OrganizationState {
  readonly id: string;
  readonly managementAccountId: string;
  readonly managementAccountEmail: string;
  readonly rootId: string;
  /** Policy types of the root and their status (`ENABLED`, `PENDING_ENABLE`, ...). */
  readonly rootPolicyTypes: readonly PolicyTypeSummary[];
  readonly callerArn: string;
}

/**
 * Check that the credentials are the management account's and that the organization has all features; return
 * the organization. Each failure is a precondition error (exit 4) that says what to do.
 */
export async function managementPreflight(
  clients: AwsClients,
  retry: RetryOptions,
  command: string,
): Promise<OrganizationState> {
  const caller = await call('sts:GetCallerIdentity', () => clients.sts.send(new GetCallerIdentityCommand({})), retry);
  const callerAccount = caller.Account ?? 'unknown';
  let organization;
  try {
    organization = (
      await call(
        'organizations:DescribeOrganization',
        () => clients.organizations.send(new DescribeOrganizationCommand({})),
        retry,
      )
    ).Organization;
  } catch (err) {
    if (err instanceof AwsCallError && err.code === 'AWSOrganizationsNotInUseException') {
      throw new CliError(
        `account ${callerAccount} is not in an organization (AWSOrganizationsNotInUseException)`,
        EXIT.precondition,
        'create it from the account that becomes the management account: aws organizations create-organization --feature-set ALL',
      );
    }
    throw err;
  }
  if (!organization?.Id || !organization.MasterAccountId)
    throw new CliError('DescribeOrganization returned no organization', EXIT.aws);
  if (organization.MasterAccountId !== callerAccount) {
    throw new CliError(
      `the credentials are for account ${callerAccount}, a member of organization ${organization.Id}; ${command} needs the management account ${organization.MasterAccountId}`,
      EXIT.precondition,
      'use credentials of the management account: --profile NAME or AWS_PROFILE',
    );
  }
  if (organization.FeatureSet !== 'ALL') {
    throw new CliError(
      `organization ${organization.Id} has feature set ${organization.FeatureSet ?? 'unknown'}; landfall needs all features (SCPs, trusted access, delegated administrators)`,
      EXIT.precondition,
      'enable all features: Organizations console > Settings > "Begin process to enable all features" (every member account must approve)',
    );
  }
  const roots = await call(
    'organizations:ListRoots',
    () => clients.organizations.send(new ListRootsCommand({})),
    retry,
  );
  const root = roots.Roots?.[0];
  if (!root?.Id) throw new CliError(`organization ${organization.Id} has no root`, EXIT.aws);
  return {
    id: organization.Id,
    managementAccountId: organization.MasterAccountId,
    managementAccountEmail: organization.MasterAccountEmail ?? '',
    rootId: root.Id,
    rootPolicyTypes: root.PolicyTypes ?? [],
    callerArn: caller.Arn ?? callerAccount,
  };
}

/** An account of the organization, with where it sits. */
export interface OrganizationAccount {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  /** `ACTIVE`, `SUSPENDED`, `PENDING_CLOSURE`, ... (the `State` field, or the older `Status`). */
  readonly state: 'PENDING_ACTIVATION' | 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | 'CLOSED';
  readonly parent: { readonly id: string; readonly type: 'ROOT' | 'ORGANIZATIONAL_UNIT'; readonly name: string };
}

/** Every account of the organization with its parent (root or OU, with the OU's name). Reads only. */
export async function listOrganizationAccounts(
  clients: AwsClients,
  retry: RetryOptions,
): Promise<OrganizationAccount[]> {
  const accounts = await collect(
    'organizations:ListAccounts',
    paginateListAccounts({ client: clients.organizations }, {}),
    (page) => page.Accounts,
  );
  const ouNames = new Map<string, string>();
  const out: OrganizationAccount[] = [];
  for (const account of accounts) {
    if (!account.Id) continue;
    const parents = await call(
      'organizations:ListParents',
      () => clients.organizations.send(new ListParentsCommand({ ChildId: account.Id })),
      retry,
    );
    const parent = parents.Parents?.[0];
    const type = parent?.Type === 'ORGANIZATIONAL_UNIT' ? 'ORGANIZATIONAL_UNIT' : 'ROOT';
    const parentId = parent?.Id ?? '';
    let name = 'Root';
    if (type === 'ORGANIZATIONAL_UNIT') {
      name =
        ouNames.get(parentId) ??
        (
          await call(
            'organizations:DescribeOrganizationalUnit',
            () => clients.organizations.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: parentId })),
            retry,
          )
        ).OrganizationalUnit?.Name ??
        parentId;
      ouNames.set(parentId, name);
    }
    out.push({
      id: account.Id,
      name: account.Name ?? '',
      email: account.Email ?? '',
      state: (account.State ?? account.Status ?? 'ACTIVE') as OrganizationAccount['state'],
      parent: { id: parentId, type, name },
    });
  }
  return out;
}

/** The organization account with this email (case-insensitive), if any. */
export function accountByEmail(
  accounts: readonly OrganizationAccount[],
  email: string,
): OrganizationAccount | undefined {
  return accounts.find((a) => a.email.toLowerCase() === email.toLowerCase());
}
