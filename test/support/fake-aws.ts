import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ECSClient } from '@aws-sdk/client-ecs';
import {
  CostExplorerClient,
  ListCostAllocationTagsCommand,
  UpdateCostAllocationTagsStatusCommand,
} from '@aws-sdk/client-cost-explorer';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import {
  EnableOrganizationsRootCredentialsManagementCommand,
  EnableOrganizationsRootSessionsCommand,
  IAMClient,
  ListOrganizationsFeaturesCommand,
  ServiceAccessNotEnabledException,
} from '@aws-sdk/client-iam';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import {
  EnableOrganizationAdminAccountCommand as EnableGuardDutyAdmin,
  GuardDutyClient,
  ListOrganizationAdminAccountsCommand as ListGuardDutyAdmins,
} from '@aws-sdk/client-guardduty';
import {
  GetGroupIdCommand,
  IdentitystoreClient,
  ListGroupsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-identitystore';
import {
  AWSOrganizationsNotInUseException,
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  EnableAWSServiceAccessCommand,
  EnablePolicyTypeCommand,
  ListAccountsCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  ListParentsCommand,
  ListRootsCommand,
  OrganizationsClient,
  RegisterDelegatedAdministratorCommand,
} from '@aws-sdk/client-organizations';
import {
  EnableOrganizationAdminAccountCommand as EnableSecurityHubAdmin,
  ListOrganizationAdminAccountsCommand as ListSecurityHubAdmins,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListMessageMoveTasksCommand,
  QueueDoesNotExist,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import type { ListMessageMoveTasksResultEntry } from '@aws-sdk/client-sqs';
import { ListInstancesCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsStub } from 'aws-sdk-client-mock';
import type { AwsClients, ClientFactory, ClientOptions } from '../../lib/cli/aws/clients';

/** The state of a pretend AWS organization; the mocks read and change it like AWS would. */
export interface FakeState {
  callerAccount: string;
  /** `undefined`: the caller's account is in no organization. */
  organization?: { id: string; managementAccountId: string; featureSet: 'ALL' | 'CONSOLIDATED_BILLING' };
  rootId: string;
  scpStatus?: 'ENABLED' | 'PENDING_ENABLE' | 'PENDING_DISABLE';
  /** Centralized root access features enabled (RootCredentialsManagement, RootSessions). @default none */
  rootAccess?: string[];
  /** Status of the other policy types on the root (RESOURCE_CONTROL_POLICY, DECLARATIVE_POLICY_EC2). @default none */
  policyTypes?: Record<string, 'ENABLED' | 'PENDING_ENABLE' | 'PENDING_DISABLE'>;
  accounts: Array<{ id: string; name: string; email: string; state: string; parentId: string }>;
  ous: Record<string, string>;
  trusted: Set<string>;
  delegated: Map<string, Set<string>>;
  guardDutyAdmins: Array<{ accountId: string; status: string }>;
  /** GuardDuty administrators of the regions other than the home region (ap-northeast-1), by region. */
  regionalGuardDutyAdmins: Record<string, Array<{ accountId: string; status: string }>>;
  securityHubAdmins: Array<{ accountId: string; status: string }>;
  instances: Array<{ arn: string; identityStoreId: string; owner: string }>;
  groups: Record<string, string>;
  queues: Record<string, { arn: string; visible: number; inFlight: number }>;
  moveTasks: ListMessageMoveTasksResultEntry[];
  /**
   * Cost allocation tag keys Billing has seen, with their status (`Active`/`Inactive`); a key not listed was never
   * seen on a resource. @default landfall's three keys, seen and inactive
   */
  costAllocationTags?: Record<string, 'Active' | 'Inactive'>;
  /** Items per page of every list operation (`NextToken` for the rest), as AWS pages long lists. @default all */
  pageSize?: number;
}

/** The example organization: every config account exists, nothing is set up yet. */
export function freshOrganization(overrides: Partial<FakeState> = {}): FakeState {
  return {
    callerAccount: '111111111111',
    organization: { id: 'o-a1b2c3d4e5', managementAccountId: '111111111111', featureSet: 'ALL' },
    rootId: 'r-a1b2',
    accounts: [
      {
        id: '111111111111',
        name: 'management',
        email: 'aws+management@example.com',
        state: 'ACTIVE',
        parentId: 'r-a1b2',
      },
      {
        id: '210987654321',
        name: 'security',
        email: 'aws+security@example.com',
        state: 'ACTIVE',
        parentId: 'ou-a1b2-5ecur1ty',
      },
      {
        id: '310987654321',
        name: 'log-archive',
        email: 'aws+log-archive@example.com',
        state: 'ACTIVE',
        parentId: 'ou-a1b2-5ecur1ty',
      },
      { id: '410987654321', name: 'dev', email: 'aws+dev@example.com', state: 'ACTIVE', parentId: 'ou-a1b2-w0rk10ad' },
      { id: '510987654321', name: 'stg', email: 'AWS+STG@example.com', state: 'ACTIVE', parentId: 'ou-a1b2-w0rk10ad' },
      {
        id: '610987654321',
        name: 'prod',
        email: 'aws+prod@example.com',
        state: 'ACTIVE',
        parentId: 'ou-a1b2-w0rk10ad',
      },
    ],
    ous: { 'ou-a1b2-5ecur1ty': 'Security', 'ou-a1b2-w0rk10ad': 'Workloads' },
    trusted: new Set(),
    delegated: new Map(),
    guardDutyAdmins: [],
    regionalGuardDutyAdmins: {},
    securityHubAdmins: [],
    instances: [
      { arn: 'arn:aws:sso:::instance/ssoins-7758a1b2c3d4e5f6', identityStoreId: 'd-9067a1b2c3', owner: '111111111111' },
    ],
    // The groups the example config assigns (config/platform.ts identityCenter.groups).
    groups: {
      'platform-admins': '9067a1b2c3-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d',
      developers: '9067a1b2c3-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
      'on-call': '9067a1b2c3-2b3c4d5e-6f7a-8b9c-0d1e-2f3a4b5c6d7e',
      auditors: '9067a1b2c3-3c4d5e6f-7a8b-9c0d-1e2f-3a4b5c6d7e8f',
      finance: '9067a1b2c3-4d5e6f7a-8b9c-0d1e-2f3a-4b5c6d7e8f9a',
    },
    queues: {},
    moveTasks: [],
    costAllocationTags: {
      'landfall:service': 'Inactive',
      'landfall:environment': 'Inactive',
      'landfall:owner': 'Inactive',
    },
    ...overrides,
  };
}

/** Every step of the bootstrap already done in `state`. */
export function completeSetup(state: FakeState): FakeState {
  for (const p of [
    'sso.amazonaws.com',
    'guardduty.amazonaws.com',
    'securityhub.amazonaws.com',
    'config.amazonaws.com',
    'cloudtrail.amazonaws.com',
    'iam.amazonaws.com',
  ])
    state.trusted.add(p);
  state.rootAccess = ['RootCredentialsManagement', 'RootSessions'];
  state.scpStatus = 'ENABLED';
  state.policyTypes = { RESOURCE_CONTROL_POLICY: 'ENABLED', DECLARATIVE_POLICY_EC2: 'ENABLED' };
  state.guardDutyAdmins = [{ accountId: '210987654321', status: 'ENABLED' }];
  state.regionalGuardDutyAdmins = { 'us-east-1': [{ accountId: '210987654321', status: 'ENABLED' }] };
  state.securityHubAdmins = [{ accountId: '210987654321', status: 'ENABLED' }];
  state.delegated.set('guardduty.amazonaws.com', new Set(['210987654321']));
  state.delegated.set('securityhub.amazonaws.com', new Set(['210987654321']));
  state.costAllocationTags = {
    'landfall:service': 'Active',
    'landfall:environment': 'Active',
    'landfall:owner': 'Active',
  };
  return state;
}

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Stub = AwsStub<any, any, any>;

export interface FakeAws {
  readonly state: FakeState;
  readonly clients: AwsClients;
  /** A factory that hands out these clients and records the options it was called with. */
  readonly factory: ClientFactory;
  /** The region and profile of each call of the factory. */
  readonly factoryCalls: ReadonlyArray<Pick<ClientOptions, 'region' | 'profile'>>;
  readonly organizations: Stub;
  readonly sts: Stub;
  readonly ssoAdmin: Stub;
  readonly identityStore: Stub;
  readonly guardDuty: Stub;
  /** The GuardDuty client of each other region the code asked for (`clients.inRegion(region).guardDuty`). */
  readonly regionalGuardDuty: Record<string, Stub>;
  readonly securityHub: Stub;
  readonly sqs: Stub;
  readonly iam: Stub;
  readonly costExplorer: Stub;
  /** Make the next `times` calls of `command` (whose input passes `when`) fail with `error`; later calls behave. */
  inject<I>(
    command: { name: string; prototype: { input: I } },
    error: Error,
    options?: { times?: number; when?: (input: I) => boolean },
  ): void;
}

/** Real SDK clients whose `send` is mocked (`aws-sdk-client-mock`) to behave like AWS over `state`. */
export function fakeAws(state: FakeState = freshOrganization()): FakeAws {
  const region = 'ap-northeast-1';
  const clients: AwsClients = {
    organizations: new OrganizationsClient({ region: 'us-east-1', credentials }),
    sts: new STSClient({ region, credentials }),
    ssoAdmin: new SSOAdminClient({ region, credentials }),
    identityStore: new IdentitystoreClient({ region, credentials }),
    guardDuty: new GuardDutyClient({ region, credentials }),
    securityHub: new SecurityHubClient({ region, credentials }),
    sqs: new SQSClient({ region, credentials }),
    // Read by `landfall rollout` only (test/support/fake-rollout.ts fakes them per account).
    cloudFormation: new CloudFormationClient({ region, credentials }),
    configService: new ConfigServiceClient({ region, credentials }),
    iam: new IAMClient({ region, credentials }),
    serviceQuotas: new ServiceQuotasClient({ region: 'us-east-1', credentials }),
    cloudWatch: new CloudWatchClient({ region, credentials }),
    ecs: new ECSClient({ region, credentials }),
    costExplorer: new CostExplorerClient({ region: 'us-east-1', credentials }),
  };
  const stub = <T extends object>(client: T) => mockClient(client as never) as unknown as Stub;
  const org = stub(clients.organizations);
  const sts = stub(clients.sts);
  const ssoAdmin = stub(clients.ssoAdmin);
  const identityStore = stub(clients.identityStore);
  const guardDuty = stub(clients.guardDuty);
  const securityHub = stub(clients.securityHub);
  const sqs = stub(clients.sqs);
  const iam = stub(clients.iam);
  const costExplorer = stub(clients.costExplorer);

  const faults: Array<{ command: object; error: Error; times: number; when: (input: unknown) => boolean }> = [];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const on = (target: Stub, command: object, fn: (input: any) => unknown) => {
    target.on(command as never).callsFake((input: unknown): unknown => {
      const fault = faults.find((f) => f.command === command && f.times > 0 && f.when(input));
      if (fault) {
        fault.times -= 1;
        throw fault.error;
      }
      return fn(input);
    });
  };

  /** One page of `items`: from the position in `NextToken`, `state.pageSize` long, with the token of the next. */
  const page = <T>(items: readonly T[], input: { NextToken?: string }) => {
    const start = Number(input.NextToken ?? 0);
    const end = state.pageSize === undefined ? items.length : start + state.pageSize;
    return { items: items.slice(start, end), NextToken: end < items.length ? String(end) : undefined };
  };

  on(sts, GetCallerIdentityCommand, () => ({
    Account: state.callerAccount,
    Arn: `arn:aws:sts::${state.callerAccount}:assumed-role/Admin/me`,
  }));
  on(org, DescribeOrganizationCommand, () => {
    if (!state.organization)
      throw new AWSOrganizationsNotInUseException({
        message: 'Your account is not a member of an organization.',
        $metadata: {},
      });
    return {
      Organization: {
        Id: state.organization.id,
        MasterAccountId: state.organization.managementAccountId,
        MasterAccountEmail: 'aws+management@example.com',
        FeatureSet: state.organization.featureSet,
      },
    };
  });
  on(org, ListRootsCommand, () => ({
    Roots: [
      {
        Id: state.rootId,
        Name: 'Root',
        PolicyTypes: [
          ...(state.scpStatus ? [{ Type: 'SERVICE_CONTROL_POLICY', Status: state.scpStatus }] : []),
          ...Object.entries(state.policyTypes ?? {}).map(([Type, Status]) => ({ Type, Status })),
        ],
      },
    ],
  }));
  on(org, ListAccountsCommand, (input: { NextToken?: string }) => {
    const p = page(state.accounts, input);
    return {
      Accounts: p.items.map((a) => ({ Id: a.id, Name: a.name, Email: a.email, State: a.state, Status: a.state })),
      NextToken: p.NextToken,
    };
  });
  on(org, ListParentsCommand, (input: { ChildId: string }) => {
    const parentId = state.accounts.find((a) => a.id === input.ChildId)?.parentId ?? state.rootId;
    return { Parents: [{ Id: parentId, Type: parentId.startsWith('ou-') ? 'ORGANIZATIONAL_UNIT' : 'ROOT' }] };
  });
  on(org, DescribeOrganizationalUnitCommand, (input: { OrganizationalUnitId: string }) => ({
    OrganizationalUnit: { Id: input.OrganizationalUnitId, Name: state.ous[input.OrganizationalUnitId] },
  }));
  on(org, ListAWSServiceAccessForOrganizationCommand, (input: { NextToken?: string }) => {
    const p = page([...state.trusted], input);
    return { EnabledServicePrincipals: p.items.map((s) => ({ ServicePrincipal: s })), NextToken: p.NextToken };
  });
  on(org, EnableAWSServiceAccessCommand, (input: { ServicePrincipal: string }) => {
    state.trusted.add(input.ServicePrincipal);
    return {};
  });
  on(org, EnablePolicyTypeCommand, (input: { PolicyType: string }) => {
    if (input.PolicyType === 'SERVICE_CONTROL_POLICY') state.scpStatus = 'ENABLED';
    else state.policyTypes = { ...state.policyTypes, [input.PolicyType]: 'ENABLED' };
    return {};
  });
  const iamTrusted = () => {
    if (!state.trusted.has('iam.amazonaws.com'))
      throw new ServiceAccessNotEnabledException({ message: 'Trusted access is not enabled for IAM.', $metadata: {} });
  };
  on(iam, ListOrganizationsFeaturesCommand, () => {
    iamTrusted();
    return { OrganizationId: state.organization?.id, EnabledFeatures: state.rootAccess ?? [] };
  });
  // Cost Explorer lists only the keys Billing has seen; activating one it has not seen fails per key, in Errors.
  on(costExplorer, ListCostAllocationTagsCommand, (input: { TagKeys?: string[] }) => ({
    CostAllocationTags: Object.entries(state.costAllocationTags ?? {})
      .filter(([key]) => (input.TagKeys ?? [key]).includes(key))
      .map(([TagKey, Status]) => ({ TagKey, Status, Type: 'UserDefined' })),
  }));
  on(
    costExplorer,
    UpdateCostAllocationTagsStatusCommand,
    (input: { CostAllocationTagsStatus: Array<{ TagKey: string; Status: 'Active' | 'Inactive' }> }) => {
      const tags = (state.costAllocationTags ??= {});
      const errors = [];
      for (const entry of input.CostAllocationTagsStatus) {
        if (tags[entry.TagKey] === undefined)
          errors.push({ TagKey: entry.TagKey, Code: 'TagKeysNotFoundException', Message: 'tag key not found' });
        else tags[entry.TagKey] = entry.Status;
      }
      return { Errors: errors };
    },
  );
  for (const [command, feature] of [
    [EnableOrganizationsRootCredentialsManagementCommand, 'RootCredentialsManagement'],
    [EnableOrganizationsRootSessionsCommand, 'RootSessions'],
  ] as const) {
    on(iam, command, () => {
      iamTrusted();
      state.rootAccess = [...new Set([...(state.rootAccess ?? []), feature])];
      return { OrganizationId: state.organization?.id, EnabledFeatures: state.rootAccess };
    });
  }
  on(org, ListDelegatedAdministratorsCommand, (input: { ServicePrincipal: string; NextToken?: string }) => {
    const p = page([...(state.delegated.get(input.ServicePrincipal) ?? [])], input);
    return { DelegatedAdministrators: p.items.map((id) => ({ Id: id })), NextToken: p.NextToken };
  });
  on(org, RegisterDelegatedAdministratorCommand, (input: { AccountId: string; ServicePrincipal: string }) => {
    const set = state.delegated.get(input.ServicePrincipal) ?? new Set<string>();
    set.add(input.AccountId);
    state.delegated.set(input.ServicePrincipal, set);
    return {};
  });
  on(guardDuty, ListGuardDutyAdmins, (input: { NextToken?: string }) => {
    const p = page(state.guardDutyAdmins, input);
    return {
      AdminAccounts: p.items.map((a) => ({ AdminAccountId: a.accountId, AdminStatus: a.status })),
      NextToken: p.NextToken,
    };
  });
  on(guardDuty, EnableGuardDutyAdmin, (input: { AdminAccountId: string }) => {
    state.guardDutyAdmins.push({ accountId: input.AdminAccountId, status: 'ENABLED' });
    // Like AWS: designating the GuardDuty administrator registers it with Organizations.
    state.delegated.set('guardduty.amazonaws.com', new Set([input.AdminAccountId]));
    return {};
  });
  on(securityHub, ListSecurityHubAdmins, (input: { NextToken?: string }) => {
    const p = page(state.securityHubAdmins, input);
    return {
      AdminAccounts: p.items.map((a) => ({ AccountId: a.accountId, Status: a.status })),
      NextToken: p.NextToken,
    };
  });
  on(securityHub, EnableSecurityHubAdmin, (input: { AdminAccountId: string }) => {
    state.securityHubAdmins.push({ accountId: input.AdminAccountId, status: 'ENABLED' });
    state.delegated.set('securityhub.amazonaws.com', new Set([input.AdminAccountId]));
    return {};
  });
  on(ssoAdmin, ListInstancesCommand, (input: { NextToken?: string }) => {
    const p = page(state.instances, input);
    return {
      Instances: p.items.map((i) => ({
        InstanceArn: i.arn,
        IdentityStoreId: i.identityStoreId,
        OwnerAccountId: i.owner,
        Status: 'ACTIVE',
      })),
      NextToken: p.NextToken,
    };
  });
  on(identityStore, ListGroupsCommand, (input: { NextToken?: string }) => {
    const p = page(Object.entries(state.groups), input);
    return { Groups: p.items.map(([name, id]) => ({ DisplayName: name, GroupId: id })), NextToken: p.NextToken };
  });
  on(
    identityStore,
    GetGroupIdCommand,
    (input: { AlternateIdentifier: { UniqueAttribute: { AttributeValue: string } } }) => {
      const id = state.groups[input.AlternateIdentifier.UniqueAttribute.AttributeValue];
      if (!id) throw new ResourceNotFoundException({ message: 'GROUP not found.', $metadata: {} });
      return { GroupId: id, IdentityStoreId: 'd-9067a1b2c3' };
    },
  );
  on(sqs, GetQueueUrlCommand, (input: { QueueName: string }) => {
    if (!state.queues[input.QueueName])
      throw new QueueDoesNotExist({ message: 'The specified queue does not exist.', $metadata: {} });
    return { QueueUrl: `https://sqs.ap-northeast-1.amazonaws.com/${state.callerAccount}/${input.QueueName}` };
  });
  on(sqs, GetQueueAttributesCommand, (input: { QueueUrl: string }) => {
    const q = state.queues[input.QueueUrl.split('/').pop() ?? ''];
    return {
      Attributes: {
        QueueArn: q.arn,
        ApproximateNumberOfMessages: String(q.visible),
        ApproximateNumberOfMessagesNotVisible: String(q.inFlight),
      },
    };
  });
  on(sqs, ListMessageMoveTasksCommand, (input: { MaxResults?: number }) => ({
    Results: state.moveTasks.slice(0, input.MaxResults ?? 1),
  }));
  on(sqs, StartMessageMoveTaskCommand, () => ({ TaskHandle: 'handle-1' }));

  // Other regions: the same clients, except a GuardDuty client whose administrators are the region's own.
  const regionalGuardDuty: Record<string, Stub> = {};
  const regionalClients: Record<string, AwsClients> = {};
  const inRegion = (other: string): AwsClients => {
    if (other === region) return clients;
    if (regionalClients[other]) return regionalClients[other];
    const client = new GuardDutyClient({ region: other, credentials });
    const gd = stub(client);
    const admins = () => (state.regionalGuardDutyAdmins[other] ??= []);
    on(gd, ListGuardDutyAdmins, (input: { NextToken?: string }) => {
      const p = page(admins(), input);
      return {
        AdminAccounts: p.items.map((a) => ({ AdminAccountId: a.accountId, AdminStatus: a.status })),
        NextToken: p.NextToken,
      };
    });
    on(gd, EnableGuardDutyAdmin, (input: { AdminAccountId: string }) => {
      admins().push({ accountId: input.AdminAccountId, status: 'ENABLED' });
      return {};
    });
    regionalGuardDuty[other] = gd;
    return (regionalClients[other] = { ...clients, guardDuty: client });
  };
  (clients as { inRegion?: (r: string) => AwsClients }).inRegion = inRegion;

  const factoryCalls: Array<Pick<ClientOptions, 'region' | 'profile'>> = [];
  return {
    state,
    clients,
    factory: (options) => {
      factoryCalls.push({ region: options.region, profile: options.profile });
      return clients;
    },
    factoryCalls,
    inject: (command, error, options = {}) => {
      faults.push({
        command,
        error,
        times: options.times ?? 1,
        when: (options.when ?? (() => true)) as (input: unknown) => boolean,
      });
    },
    organizations: org,
    sts,
    ssoAdmin,
    identityStore,
    guardDuty,
    regionalGuardDuty,
    securityHub,
    sqs,
    iam,
    costExplorer,
  };
}

/** Names of the commands a stub received, in order (for call-order assertions). */
export function commandNames(stub: Stub): string[] {
  return stub
    .calls()
    .map((c) => (c.args[0] as { constructor: { name: string } }).constructor.name.replace(/Command$/, ''));
}
