/**
 * A pretend organization and its accounts for `landfall rollout`: real SDK clients per account and region whose
 * `send` is mocked (`aws-sdk-client-mock`) to answer from `state`. Clients created with credentials act as the
 * account whose role was assumed (`sts:AssumeRole` of a CDK lookup role the state allows), like AWS.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ECSClient } from '@aws-sdk/client-ecs';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeDeliveryChannelsCommand,
} from '@aws-sdk/client-config-service';
import {
  GuardDutyClient,
  ListOrganizationAdminAccountsCommand as ListGuardDutyAdmins,
} from '@aws-sdk/client-guardduty';
import { IAMClient, ListOpenIDConnectProvidersCommand } from '@aws-sdk/client-iam';
import { GetGroupIdCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import {
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import {
  ListOrganizationAdminAccountsCommand as ListSecurityHubAdmins,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import {
  ListAWSDefaultServiceQuotasCommand,
  ListServiceQuotasCommand,
  ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import { SQSClient } from '@aws-sdk/client-sqs';
import { ListInstancesCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClients, ClientFactory } from '../../lib/cli/aws/clients';
import { TRUSTED_SERVICES } from '../../lib/cli/bootstrap/steps';
import type { LandfallModel } from '../../lib/config';
import { MIN_BOOTSTRAP_VERSION, plannedStacks, TOOLKIT_STACK, accountRegions } from '../../lib/plan/rollout';

export interface FakeStack {
  status: string;
  parameters?: Record<string, string>;
  outputs?: Record<string, string>;
}

export interface FakeAccount {
  /** Regions whose CDK lookup role the caller may assume. */
  lookupRegions: string[];
  /** Stacks by region and name. */
  stacks: Record<string, Record<string, FakeStack>>;
  /** Customer-managed Config recorders by region. */
  recorders?: Record<string, string[]>;
  /** Config delivery channels by region. */
  deliveryChannels?: Record<string, string[]>;
  /** ARN of a GitHub OIDC provider the account already has. */
  oidcProvider?: string;
}

export interface FakeRolloutState {
  callerAccount: string;
  /** `undefined`: the caller's account is in no organization. */
  organization?: {
    id: string;
    managementAccountId: string;
    managementEmail: string;
    featureSet: 'ALL' | 'CONSOLIDATED_BILLING';
    rootId: string;
    scp?: string;
    /** The other policy types on the root (RESOURCE_CONTROL_POLICY, DECLARATIVE_POLICY_EC2) and their status. */
    policyTypes?: Record<string, string>;
  };
  orgAccounts: Array<{ id: string; email: string; state: string }>;
  trusted: string[];
  /** Delegated administrators by service principal. */
  delegated: Record<string, string[]>;
  guardDutyAdmins: Record<string, Array<{ accountId: string; status: string }>>;
  securityHubAdmins: Record<string, Array<{ accountId: string; status: string }>>;
  /** The accounts quota; absent: Service Quotas lists none. */
  quota?: number;
  identityCenter?: { instanceArn: string; identityStoreId: string; groups: Record<string, string> };
  /** By account ID. */
  accounts: Record<string, FakeAccount>;
}

const named = (name: string, message: string) => Object.assign(new Error(message), { name, $metadata: {} });

/** The toolkit stack `cdk bootstrap` creates, as DescribeStacks shows it. */
export function toolkitStack(qualifier: string, trusted: readonly string[], version = 33): FakeStack {
  return {
    status: 'CREATE_COMPLETE',
    parameters: { Qualifier: qualifier, TrustedAccounts: trusted.join(',') },
    outputs: { BootstrapVersion: String(version) },
  };
}

/** No organization yet: the caller is the (future) management account, and nothing exists. */
export function freshState(model: LandfallModel): FakeRolloutState {
  return {
    callerAccount: model.accounts.management.id,
    orgAccounts: [],
    trusted: [],
    delegated: {},
    guardDutyAdmins: {},
    securityHubAdmins: {},
    accounts: {},
  };
}

/** Everything of the plan in place: the organization set up, every account bootstrapped and every stack deployed. */
export function completeState(model: LandfallModel): FakeRolloutState {
  const management = model.accounts.management;
  const security = model.accounts.security.id;
  const qualifier = model.platform.deploy.cdkQualifier;
  const accounts: Record<string, FakeAccount> = {};
  for (const account of model.platform.accounts) {
    const regions = accountRegions(model, account);
    if (regions.length === 0) continue;
    const stacks: Record<string, Record<string, FakeStack>> = {};
    for (const region of regions) {
      stacks[region] = {
        [TOOLKIT_STACK]: toolkitStack(
          qualifier,
          account.id === management.id ? [] : [management.id],
          MIN_BOOTSTRAP_VERSION + 25,
        ),
      };
    }
    for (const s of plannedStacks(model).filter((x) => x.account.name === account.name))
      stacks[s.region][s.stackName] = { status: 'CREATE_COMPLETE' };
    accounts[account.id] = { lookupRegions: regions, stacks };
  }
  return {
    callerAccount: management.id,
    organization: {
      id: model.platform.organization.id,
      managementAccountId: management.id,
      managementEmail: management.email,
      featureSet: 'ALL',
      rootId: model.platform.organization.rootId,
      scp: 'ENABLED',
      policyTypes: { RESOURCE_CONTROL_POLICY: 'ENABLED', DECLARATIVE_POLICY_EC2: 'ENABLED' },
    },
    orgAccounts: model.platform.accounts.map((a) => ({ id: a.id, email: a.email, state: 'ACTIVE' })),
    trusted: TRUSTED_SERVICES.map((s) => s.principal),
    delegated: { 'guardduty.amazonaws.com': [security], 'securityhub.amazonaws.com': [security] },
    guardDutyAdmins: Object.fromEntries(
      model.platform.allowedRegions.map((r) => [r, [{ accountId: security, status: 'ENABLED' }]]),
    ),
    securityHubAdmins: { [model.platform.homeRegion]: [{ accountId: security, status: 'ENABLED' }] },
    quota: 10,
    identityCenter: {
      instanceArn: model.platform.identityCenter.instanceArn,
      identityStoreId: model.platform.identityCenter.identityStoreId,
      groups: { ...model.platform.identityCenter.groups },
    },
    accounts,
  };
}

export interface FakeRollout {
  readonly state: FakeRolloutState;
  readonly factory: ClientFactory;
  /** Every call made, as `account region Command`. */
  readonly calls: string[];
}

const ACCESS_KEY_PREFIX = 'ASIAFAKE';

export function fakeRollout(state: FakeRolloutState): FakeRollout {
  const calls: string[] = [];
  const cache = new Map<string, AwsClients>();
  const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };

  const build = (accountId: string, region: string): AwsClients => {
    const clients: AwsClients = {
      organizations: new OrganizationsClient({ region: 'us-east-1', credentials }),
      sts: new STSClient({ region, credentials }),
      ssoAdmin: new SSOAdminClient({ region, credentials }),
      identityStore: new IdentitystoreClient({ region, credentials }),
      guardDuty: new GuardDutyClient({ region, credentials }),
      securityHub: new SecurityHubClient({ region, credentials }),
      sqs: new SQSClient({ region, credentials }),
      cloudFormation: new CloudFormationClient({ region, credentials }),
      configService: new ConfigServiceClient({ region, credentials }),
      iam: new IAMClient({ region, credentials }),
      serviceQuotas: new ServiceQuotasClient({ region, credentials }),
      cloudWatch: new CloudWatchClient({ region, credentials }),
      ecs: new ECSClient({ region, credentials }),
      costExplorer: new CostExplorerClient({ region: 'us-east-1', credentials }),
    };
    const caller = accountId === state.callerAccount;
    const account = state.accounts[accountId];
    const stubs = new Map<object, ReturnType<typeof mockClient>>();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const on = (client: object, command: any, fn: (input: any) => unknown) => {
      const stub = stubs.get(client) ?? mockClient(client as never);
      stubs.set(client, stub);
      stub.on(command).callsFake((input: unknown) => {
        calls.push(`${accountId} ${region} ${(command as { name: string }).name.replace(/Command$/, '')}`);
        return fn(input);
      });
    };
    const org = () => {
      if (!caller) throw named('AccessDeniedException', 'You are not authorized to perform this operation.');
      if (!state.organization)
        throw named('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
      return state.organization;
    };
    on(clients.sts, GetCallerIdentityCommand, () => ({
      Account: accountId,
      Arn: `arn:aws:sts::${accountId}:assumed-role/${caller ? 'Admin/me' : 'lookup/landfall-rollout-read'}`,
    }));
    on(clients.sts, AssumeRoleCommand, (input: { RoleArn: string }) => {
      const [, target, roleRegion] =
        /::(\d{12}):role\/cdk-[a-z0-9]+-lookup-role-\d{12}-([a-z0-9-]+)$/.exec(input.RoleArn) ?? [];
      if (!caller || !state.accounts[target ?? '']?.lookupRegions.includes(roleRegion ?? ''))
        throw named('AccessDenied', `User is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`);
      return {
        Credentials: {
          AccessKeyId: `${ACCESS_KEY_PREFIX}${target}`,
          SecretAccessKey: 's',
          SessionToken: 't',
          Expiration: new Date(),
        },
      };
    });
    on(clients.organizations, DescribeOrganizationCommand, () => {
      const o = org();
      return {
        Organization: {
          Id: o.id,
          MasterAccountId: o.managementAccountId,
          MasterAccountEmail: o.managementEmail,
          FeatureSet: o.featureSet,
        },
      };
    });
    on(clients.organizations, ListRootsCommand, () => {
      const o = org();
      return {
        Roots: [
          {
            Id: o.rootId,
            PolicyTypes: [
              ...(o.scp ? [{ Type: 'SERVICE_CONTROL_POLICY', Status: o.scp }] : []),
              ...Object.entries(o.policyTypes ?? {}).map(([Type, Status]) => ({ Type, Status })),
            ],
          },
        ],
      };
    });
    on(clients.organizations, ListAccountsCommand, () => {
      org();
      return { Accounts: state.orgAccounts.map((a) => ({ Id: a.id, Email: a.email, State: a.state })) };
    });
    on(clients.organizations, ListAWSServiceAccessForOrganizationCommand, () => {
      org();
      return { EnabledServicePrincipals: state.trusted.map((p) => ({ ServicePrincipal: p })) };
    });
    on(clients.organizations, ListDelegatedAdministratorsCommand, (input: { ServicePrincipal: string }) => {
      org();
      return { DelegatedAdministrators: (state.delegated[input.ServicePrincipal] ?? []).map((id) => ({ Id: id })) };
    });
    on(clients.guardDuty, ListGuardDutyAdmins, () => ({
      AdminAccounts: (state.guardDutyAdmins[region] ?? []).map((a) => ({
        AdminAccountId: a.accountId,
        AdminStatus: a.status,
      })),
    }));
    on(clients.securityHub, ListSecurityHubAdmins, () => ({
      AdminAccounts: (state.securityHubAdmins[region] ?? []).map((a) => ({ AccountId: a.accountId, Status: a.status })),
    }));
    on(clients.serviceQuotas, ListServiceQuotasCommand, () => ({
      Quotas:
        state.quota === undefined
          ? []
          : [{ QuotaName: 'Maximum number of accounts', QuotaCode: 'L-ACCOUNTS', Value: state.quota }],
    }));
    on(clients.serviceQuotas, ListAWSDefaultServiceQuotasCommand, () => ({ Quotas: [] }));
    on(clients.ssoAdmin, ListInstancesCommand, () => ({
      Instances: state.identityCenter
        ? [
            {
              InstanceArn: state.identityCenter.instanceArn,
              IdentityStoreId: state.identityCenter.identityStoreId,
              OwnerAccountId: accountId,
              Status: 'ACTIVE',
            },
          ]
        : [],
    }));
    on(
      clients.identityStore,
      GetGroupIdCommand,
      (input: { AlternateIdentifier: { UniqueAttribute: { AttributeValue: string } } }) => {
        const id = state.identityCenter?.groups[input.AlternateIdentifier.UniqueAttribute.AttributeValue];
        if (!id) throw named('ResourceNotFoundException', 'GROUP not found.');
        return { GroupId: id };
      },
    );
    on(clients.cloudFormation, DescribeStacksCommand, (input: { StackName: string }) => {
      const stack = account?.stacks[region]?.[input.StackName];
      if (!stack) throw named('ValidationError', `Stack with id ${input.StackName} does not exist`);
      return {
        Stacks: [
          {
            StackName: input.StackName,
            StackStatus: stack.status,
            CreationTime: new Date(),
            Parameters: Object.entries(stack.parameters ?? {}).map(([k, v]) => ({
              ParameterKey: k,
              ParameterValue: v,
            })),
            Outputs: Object.entries(stack.outputs ?? {}).map(([k, v]) => ({ OutputKey: k, OutputValue: v })),
          },
        ],
      };
    });
    on(clients.configService, DescribeConfigurationRecordersCommand, () => ({
      ConfigurationRecorders: (account?.recorders?.[region] ?? []).map((name) => ({ name })),
    }));
    on(clients.configService, DescribeDeliveryChannelsCommand, () => ({
      DeliveryChannels: (account?.deliveryChannels?.[region] ?? []).map((name) => ({ name })),
    }));
    on(clients.iam, ListOpenIDConnectProvidersCommand, () => ({
      OpenIDConnectProviderList: account?.oidcProvider ? [{ Arn: account.oidcProvider }] : [],
    }));
    return clients;
  };

  const factory: ClientFactory = (options) => {
    const key = options.credentials?.accessKeyId ?? '';
    const accountId = key.startsWith(ACCESS_KEY_PREFIX) ? key.slice(ACCESS_KEY_PREFIX.length) : state.callerAccount;
    const id = `${accountId} ${options.region}`;
    const existing = cache.get(id);
    if (existing) return existing;
    const made = build(accountId, options.region);
    cache.set(id, made);
    return made;
  };
  return { state, factory, calls };
}
