/**
 * Everything `landfall rollout` reads, read-only: the organization from the management account, and each
 * account's CloudFormation state through its CDK lookup role. Every read that fails is recorded with its reason
 * (the steps it decides become "unknown"); only missing credentials and non-management credentials stop the run.
 */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { LandfallModel } from '../../config';
import { isExampleAccountId } from '../../plan/placeholders';
import { accountRegions, plannedStacks, TOOLKIT_STACK } from '../../plan/rollout';
import { CliError, EXIT } from '../errors';
import type { AccountClients, Read } from './account-access';
import { accessAccount, attempt, readFailed, readOk } from './account-access';
import { configurationRecorders, deliveryChannels, githubOidcProvider } from './adoption-state';
import { call } from './call';
import type { RetryOptions } from './call';
import type { ClientFactory, ClientOptions } from './clients';
import { ORGANIZATIONS_REGION } from '../../plan/regions';
import type { IdentityCenterDiscovery } from './identity-center';
import { configuredGroupNames, discoverIdentityCenter } from './identity-center';
import type { AccountQuota, AdminAccount, OrganizationFacts } from './organization-state';
import {
  accountQuota,
  delegatedAdministrators,
  guardDutyAdmins,
  readOrganization,
  securityHubAdmins,
  trustedServices,
} from './organization-state';
import type { StackState, ToolkitState } from './stack-state';
import { describeStack, describeToolkit } from './stack-state';

/** Services whose delegated administrator is the security account (as `landfall bootstrap` registers them). */
export const DELEGATED_PRINCIPALS = ['guardduty.amazonaws.com', 'securityhub.amazonaws.com'] as const;

export interface RegionFacts {
  /** The CDK bootstrap stack; absent when the region is not bootstrapped. */
  readonly toolkit?: ToolkitState;
  /** The landfall stacks expected in this account and region, by CloudFormation name; absent: not deployed. */
  readonly stacks: Readonly<Record<string, StackState | undefined>>;
  /** Customer-managed Config recorders; read only while the region's Baseline is not deployed. */
  readonly recorders?: Read<string[]>;
  /** Config delivery channels; read only while the region's Baseline is not deployed. */
  readonly deliveryChannels?: Read<string[]>;
}

export interface AccountFacts {
  readonly regions: Readonly<Record<string, Read<RegionFacts>>>;
  /** The GitHub OIDC provider's ARN; read only while the Baseline with the GitHub deploy role is not deployed. */
  readonly githubOidcProvider?: Read<string | undefined>;
}

export interface RolloutObservations {
  readonly caller: { readonly accountId: string; readonly arn: string };
  /** `undefined`: the caller is in no organization. */
  readonly organization: Read<OrganizationFacts | undefined>;
  readonly trustedServices: Read<string[]>;
  /** By service principal. */
  readonly delegatedAdministrators: Readonly<Record<string, Read<string[]>>>;
  /** By region: every allowed region. */
  readonly guardDutyAdmins: Readonly<Record<string, Read<AdminAccount[]>>>;
  /** By region: the home region (central configuration sets the linked regions). */
  readonly securityHubAdmins: Readonly<Record<string, Read<AdminAccount[]>>>;
  readonly accountQuota: Read<AccountQuota | undefined>;
  readonly identityCenter: Read<IdentityCenterDiscovery>;
  /** By config account name. */
  readonly accounts: Readonly<Record<string, Read<AccountFacts>>>;
}

export interface ReadStateOptions {
  readonly factory: ClientFactory;
  readonly profile?: string;
  readonly retry: RetryOptions;
  /** Told about each attempt the SDK retries (see `ClientOptions.onRetry`). @default nothing */
  readonly onRetry?: ClientOptions['onRetry'];
}

/** Read the organization and every account's state. Throws only for credentials that are not usable here. */
export async function readRolloutState(model: LandfallModel, options: ReadStateOptions): Promise<RolloutObservations> {
  const { factory, retry } = options;
  const profile = {
    ...(options.profile === undefined ? {} : { profile: options.profile }),
    ...(options.onRetry === undefined ? {} : { onRetry: options.onRetry }),
  };
  const { platform } = model;
  const home = platform.homeRegion;
  const base = factory({ region: home, ...profile });
  const identity = await call('sts:GetCallerIdentity', () => base.sts.send(new GetCallerIdentityCommand({})), retry);
  const caller = { accountId: identity.Account ?? '', arn: identity.Arn ?? '' };

  const organization = await attempt(() => readOrganization(base, retry));
  if (organization.ok && organization.value && organization.value.managementAccountId !== caller.accountId) {
    throw new CliError(
      `the credentials are for account ${caller.accountId}, a member of organization ${organization.value.id}; landfall rollout reads the organization from its management account ${organization.value.managementAccountId}`,
      EXIT.precondition,
      'use credentials of the management account: --profile NAME or AWS_PROFILE',
    );
  }
  const org = organization.ok ? organization.value : undefined;
  const noOrganization = <T>(): Read<T> =>
    readFailed(organization.ok ? 'there is no organization yet' : organization.reason);
  const inOrganization = <T>(read: () => Promise<T>): Promise<Read<T>> =>
    org === undefined ? Promise.resolve(noOrganization<T>()) : attempt(read);

  const regional = (region: string) => factory({ region, ...profile });
  const guardDuty: Record<string, Read<AdminAccount[]>> = {};
  for (const region of platform.allowedRegions) {
    guardDuty[region] = await inOrganization(() => guardDutyAdmins(regional(region)));
  }
  const delegated: Record<string, Read<string[]>> = {};
  for (const principal of DELEGATED_PRINCIPALS) {
    delegated[principal] = await inOrganization(() => delegatedAdministrators(base, principal));
  }
  const icRegion = platform.identityCenter.region ?? home;
  return {
    caller,
    organization,
    trustedServices: await inOrganization(() => trustedServices(base)),
    delegatedAdministrators: delegated,
    guardDutyAdmins: guardDuty,
    securityHubAdmins: { [home]: await inOrganization(() => securityHubAdmins(base)) },
    accountQuota: await inOrganization(() => accountQuota(regional(ORGANIZATIONS_REGION))),
    identityCenter: await inOrganization(() =>
      discoverIdentityCenter(regional(icRegion), retry, {
        managementAccountId: caller.accountId,
        region: icRegion,
        groupNames: configuredGroupNames(model),
      }),
    ),
    accounts: await readAccounts(model, options, caller.accountId, org),
  };
}

async function readAccounts(
  model: LandfallModel,
  options: ReadStateOptions,
  callerAccountId: string,
  org: OrganizationFacts | undefined,
): Promise<Record<string, Read<AccountFacts>>> {
  const out: Record<string, Read<AccountFacts>> = {};
  const stacks = plannedStacks(model);
  for (const account of model.platform.accounts) {
    const regions = accountRegions(model, account);
    if (regions.length === 0) continue;
    // An example-looking ID that is the caller's own account is evidently real (moto's 123456789012).
    if (isExampleAccountId(account.id) && account.id !== callerAccountId) {
      out[account.name] = readFailed(`its ID ${account.id} in the config is a placeholder`);
      continue;
    }
    if (account.id !== callerAccountId) {
      if (org === undefined) {
        out[account.name] = readFailed('there is no organization yet');
        continue;
      }
      if (!org.accounts.some((a) => a.id === account.id)) {
        out[account.name] = readFailed(`it is not in organization ${org.id} yet`);
        continue;
      }
    }
    const access = await accessAccount({
      factory: options.factory,
      ...(options.profile === undefined ? {} : { profile: options.profile }),
      sts: options.factory({
        region: model.platform.homeRegion,
        ...(options.profile === undefined ? {} : { profile: options.profile }),
      }).sts,
      retry: options.retry,
      callerAccountId,
      accountId: account.id,
      regions,
      qualifier: model.platform.deploy.cdkQualifier,
    });
    if (!access.ok) {
      out[account.name] = access;
      continue;
    }
    const facts: Record<string, Read<RegionFacts>> = {};
    for (const region of regions) {
      const expected = stacks.filter((s) => s.account.name === account.name && s.region === region);
      facts[region] = await attempt(() => readRegion(access.value, region, expected, options.retry));
    }
    const home = stacks.find((s) => s.account.name === account.name && s.role === 'baseline');
    const homeState = home === undefined ? undefined : facts[home.region];
    // The management account's Baseline has no GitHub deploy role, so no OIDC provider to collide with.
    const readOidc =
      home !== undefined &&
      account.role !== 'management' &&
      homeState?.ok === true &&
      homeState.value.stacks[home.stackName] === undefined;
    out[account.name] = readOk({
      regions: facts,
      ...(readOidc
        ? { githubOidcProvider: await attempt(() => githubOidcProvider(access.value(home.region), options.retry)) }
        : {}),
    });
  }
  return out;
}

async function readRegion(
  clients: AccountClients,
  region: string,
  expected: ReadonlyArray<{ stackName: string; role: string }>,
  retry: RetryOptions,
): Promise<RegionFacts> {
  const c = clients(region);
  const toolkit = await describeToolkit(c, TOOLKIT_STACK, retry);
  const stacks: Record<string, StackState | undefined> = {};
  for (const s of expected) stacks[s.stackName] = await describeStack(c, s.stackName, retry);
  const baseline = expected.find((s) => s.role === 'baseline' || s.role === 'regional-baseline');
  const adoption =
    baseline !== undefined && stacks[baseline.stackName] === undefined
      ? {
          recorders: await attempt(() => configurationRecorders(c, retry)),
          deliveryChannels: await attempt(() => deliveryChannels(c, retry)),
        }
      : {};
  return { ...(toolkit === undefined ? {} : { toolkit }), stacks, ...adoption };
}
