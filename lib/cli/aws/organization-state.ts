/**
 * The organization as `landfall rollout` reads it from the management account: whether it exists, its feature
 * set, root policy types, accounts, trusted services, delegated administrators, the GuardDuty and Security Hub
 * administrators per region, and the account quota. Reads only; a missing organization is a state, not an error.
 */
import { paginateListOrganizationAdminAccounts as paginateGuardDutyAdmins } from '@aws-sdk/client-guardduty';
import {
  DescribeOrganizationCommand,
  ListRootsCommand,
  paginateListAccounts,
  paginateListAWSServiceAccessForOrganization,
  paginateListDelegatedAdministrators,
} from '@aws-sdk/client-organizations';
import { paginateListOrganizationAdminAccounts as paginateSecurityHubAdmins } from '@aws-sdk/client-securityhub';
import { paginateListAWSDefaultServiceQuotas, paginateListServiceQuotas } from '@aws-sdk/client-service-quotas';
import type { ServiceQuota } from '@aws-sdk/client-service-quotas';
import { AwsCallError, call, collect } from './call';
import type { RetryOptions } from './call';
import type { AwsClients } from './clients';

export interface OrganizationFacts {
  readonly id: string;
  readonly managementAccountId: string;
  readonly managementAccountEmail: string;
  readonly featureSet: string;
  readonly rootId: string;
  /** Status of the SCP policy type on the root (`ENABLED`, `PENDING_ENABLE`, ...), if any. */
  readonly scpStatus?: string;
  /** Status of every policy type on the root, by type (`RESOURCE_CONTROL_POLICY: 'ENABLED'`, ...). */
  readonly policyTypes?: Readonly<Record<string, string>>;
  readonly accounts: ReadonlyArray<{ readonly id: string; readonly email: string; readonly state: string }>;
}

/** DescribeOrganization, ListRoots and ListAccounts; `undefined` when the caller is in no organization. */
export async function readOrganization(
  clients: AwsClients,
  retry: RetryOptions,
): Promise<OrganizationFacts | undefined> {
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
    if (err instanceof AwsCallError && err.code === 'AWSOrganizationsNotInUseException') return undefined;
    throw err;
  }
  const roots = await call(
    'organizations:ListRoots',
    () => clients.organizations.send(new ListRootsCommand({})),
    retry,
  );
  const root = roots.Roots?.[0];
  const accounts = await collect(
    'organizations:ListAccounts',
    paginateListAccounts({ client: clients.organizations }, {}),
    (page) => page.Accounts,
  );
  const scp = root?.PolicyTypes?.find((p) => p.Type === 'SERVICE_CONTROL_POLICY')?.Status;
  return {
    id: organization?.Id ?? '',
    managementAccountId: organization?.MasterAccountId ?? '',
    managementAccountEmail: organization?.MasterAccountEmail ?? '',
    featureSet: organization?.FeatureSet ?? 'UNKNOWN',
    rootId: root?.Id ?? '',
    ...(scp === undefined ? {} : { scpStatus: scp }),
    policyTypes: Object.fromEntries((root?.PolicyTypes ?? []).map((p) => [p.Type ?? '', p.Status ?? ''])),
    accounts: accounts.map((a) => ({
      id: a.Id ?? '',
      email: a.Email ?? '',
      state: a.State ?? a.Status ?? 'ACTIVE',
    })),
  };
}

/** The service principals with trusted access (ListAWSServiceAccessForOrganization). */
export async function trustedServices(clients: AwsClients): Promise<string[]> {
  const enabled = await collect(
    'organizations:ListAWSServiceAccessForOrganization',
    paginateListAWSServiceAccessForOrganization({ client: clients.organizations }, {}),
    (page) => page.EnabledServicePrincipals,
  );
  return enabled.map((e) => e.ServicePrincipal ?? '');
}

/** The account IDs registered as delegated administrators of a service (ListDelegatedAdministrators). */
export async function delegatedAdministrators(clients: AwsClients, servicePrincipal: string): Promise<string[]> {
  const admins = await collect(
    'organizations:ListDelegatedAdministrators',
    paginateListDelegatedAdministrators({ client: clients.organizations }, { ServicePrincipal: servicePrincipal }),
    (page) => page.DelegatedAdministrators,
  );
  return admins.map((a) => a.Id ?? '');
}

export interface AdminAccount {
  readonly accountId: string;
  readonly status: string;
}

/** The GuardDuty administrator accounts of the organization in the clients' region. */
export async function guardDutyAdmins(clients: AwsClients): Promise<AdminAccount[]> {
  const admins = await collect(
    'guardduty:ListOrganizationAdminAccounts',
    paginateGuardDutyAdmins({ client: clients.guardDuty }, {}),
    (page) => page.AdminAccounts,
  );
  return admins.map((a) => ({ accountId: a.AdminAccountId ?? '', status: a.AdminStatus ?? 'ENABLED' }));
}

/** The Security Hub administrator accounts of the organization in the clients' region. */
export async function securityHubAdmins(clients: AwsClients): Promise<AdminAccount[]> {
  const admins = await collect(
    'securityhub:ListOrganizationAdminAccounts',
    paginateSecurityHubAdmins({ client: clients.securityHub }, {}),
    (page) => page.AdminAccounts,
  );
  return admins.map((a) => ({ accountId: a.AccountId ?? '', status: a.Status ?? 'ENABLED' }));
}

/** The quota on the number of accounts in an organization. */
export interface AccountQuota {
  readonly name: string;
  readonly code: string;
  readonly value: number;
}

const isAccountsQuota = (q: ServiceQuota) => /accounts/i.test(q.QuotaName ?? '') && !/polic/i.test(q.QuotaName ?? '');

/**
 * The organization's account quota from Service Quotas (us-east-1 clients): the applied value, else the default.
 * Found by name, not by code: the Organizations quotas page says quota codes may change and to look them up with
 * ListServiceQuotas. `undefined` when neither list has it.
 */
export async function accountQuota(clients: AwsClients): Promise<AccountQuota | undefined> {
  const config = { client: clients.serviceQuotas };
  const applied = () =>
    collect(
      'servicequotas:ListServiceQuotas',
      paginateListServiceQuotas(config, { ServiceCode: 'organizations' }),
      (page) => page.Quotas,
    );
  const defaults = () =>
    collect(
      'servicequotas:ListAWSDefaultServiceQuotas',
      paginateListAWSDefaultServiceQuotas(config, { ServiceCode: 'organizations' }),
      (page) => page.Quotas,
    );
  const quota = (await applied()).find(isAccountsQuota) ?? (await defaults()).find(isAccountsQuota);
  if (quota?.Value === undefined) return undefined;
  return { name: quota.QuotaName ?? '', code: quota.QuotaCode ?? '', value: quota.Value };
}
