/**
 * Pretend accounts for `landfall review weekly`: real SDK clients whose `send` is mocked per account. Clients built
 * with credentials act as the account whose role was assumed (the access key is `ASIA` + the account ID).
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import {
  CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import type { AlarmHistoryItem, GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import type { ResultByTime } from '@aws-sdk/client-cost-explorer';
import { ECSClient, ListServiceDeploymentsCommand } from '@aws-sdk/client-ecs';
import type { ServiceDeploymentBrief } from '@aws-sdk/client-ecs';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { AwsSecurityFinding, GetFindingsCommandInput } from '@aws-sdk/client-securityhub';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import {
  AssumeRoleCommand,
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClients, ClientFactory, ClientOptions } from '../../../lib/cli/aws/clients';

export interface FakeAccount {
  /** Alarms DescribeAlarms lists by prefix: name and state. */
  readonly alarms?: ReadonlyArray<{ name: string; state: string; composite?: boolean }>;
  readonly history?: readonly AlarmHistoryItem[];
  /** Bad events in percent: over the week (period < 30 days) and over 30 days. */
  readonly badPercent?: { readonly week: number; readonly month: number };
  readonly deployments?: Readonly<Record<string, readonly ServiceDeploymentBrief[]>>;
  /** Cost Explorer pages. */
  readonly costPages?: ReadonlyArray<readonly ResultByTime[]>;
  readonly findings?: readonly AwsSecurityFinding[];
  /** Its roles cannot be assumed (not deployed, or trust does not match). */
  readonly unreachable?: boolean;
}

export interface FakeReview {
  readonly factory: ClientFactory;
  /** `ACCOUNT service:Operation`, in call order. */
  readonly calls: string[];
  /** Inputs of each account's calls, by `ACCOUNT service:Operation`. */
  readonly inputs: Map<string, unknown[]>;
}

const accessDenied = () =>
  Object.assign(new Error('User is not authorized to perform: sts:AssumeRoleWithWebIdentity'), {
    name: 'AccessDenied',
    $metadata: { httpStatusCode: 403 },
  });

export function fakeReviewAccounts(accounts: Record<string, FakeAccount>, callerAccount?: string): FakeReview {
  const calls: string[] = [];
  const inputs = new Map<string, unknown[]>();
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
    const account = accounts[accountId] ?? {};
    const mocks = new Map<object, ReturnType<typeof mockClient>>();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const on = (client: object, command: any, action: string, fn: (input: any) => unknown) => {
      // One mock per client: mockClient() again would reset the handlers set before.
      const mock = mocks.get(client) ?? mockClient(client as never);
      mocks.set(client, mock);
      mock.on(command).callsFake((input: unknown) => {
        const key = `${accountId} ${action}`;
        calls.push(key);
        inputs.set(key, [...(inputs.get(key) ?? []), input]);
        return fn(input);
      });
    };
    const stsMock = mockClient(clients.sts);
    const assume = (action: string) => (input: { RoleArn: string }) => {
      const key = `${accountId} ${action}`;
      calls.push(key);
      inputs.set(key, [...(inputs.get(key) ?? []), input]);
      const target = input.RoleArn.split(':')[4];
      if (accounts[target] === undefined || accounts[target].unreachable) throw accessDenied();
      return { Credentials: { AccessKeyId: `ASIA${target}`, SecretAccessKey: 's', SessionToken: 't' } };
    };
    stsMock.on(AssumeRoleWithWebIdentityCommand).callsFake(assume('sts:AssumeRoleWithWebIdentity'));
    stsMock.on(AssumeRoleCommand).callsFake(assume('sts:AssumeRole'));
    stsMock.on(GetCallerIdentityCommand).resolves({ Account: accountId });

    on(clients.cloudWatch, DescribeAlarmsCommand, 'cloudwatch:DescribeAlarms', (input: { AlarmNames?: string[] }) => {
      if (input.AlarmNames) {
        return {
          MetricAlarms: input.AlarmNames.map((name) => ({
            AlarmName: name,
            Metrics: [
              { Id: 'expr', Expression: '100 * FILL(errors, 0) / requests', ReturnData: true },
              {
                Id: 'errors',
                ReturnData: false,
                MetricStat: { Metric: { MetricName: 'HTTPCode_Target_5XX_Count' }, Period: 300, Stat: 'Sum' },
              },
              {
                Id: 'requests',
                ReturnData: false,
                MetricStat: { Metric: { MetricName: 'RequestCount' }, Period: 300, Stat: 'Sum' },
              },
            ],
          })),
        };
      }
      const alarms = account.alarms ?? [];
      return {
        MetricAlarms: alarms.filter((a) => !a.composite).map((a) => ({ AlarmName: a.name, StateValue: a.state })),
        CompositeAlarms: alarms.filter((a) => a.composite).map((a) => ({ AlarmName: a.name, StateValue: a.state })),
      };
    });
    on(clients.cloudWatch, DescribeAlarmHistoryCommand, 'cloudwatch:DescribeAlarmHistory', () => ({
      AlarmHistoryItems: account.history ?? [],
    }));
    on(clients.cloudWatch, GetMetricDataCommand, 'cloudwatch:GetMetricData', (input: GetMetricDataCommandInput) => {
      const period = input.MetricDataQueries?.find((q) => q.MetricStat)?.MetricStat?.Period ?? 0;
      const bad = account.badPercent;
      if (bad === undefined) return { MetricDataResults: [{ Id: 'expr', Values: [] }] };
      return { MetricDataResults: [{ Id: 'expr', Values: [period >= 30 * 86400 ? bad.month : bad.week] }] };
    });
    on(clients.ecs, ListServiceDeploymentsCommand, 'ecs:ListServiceDeployments', (input: { service: string }) => ({
      serviceDeployments: account.deployments?.[input.service] ?? [],
    }));
    on(clients.costExplorer, GetCostAndUsageCommand, 'ce:GetCostAndUsage', (input: { NextPageToken?: string }) => {
      const pages = account.costPages ?? [[]];
      const index = Number(input.NextPageToken ?? 0);
      return {
        ResultsByTime: pages[index],
        ...(index + 1 < pages.length ? { NextPageToken: String(index + 1) } : {}),
      };
    });
    on(clients.securityHub, GetFindingsCommand, 'securityhub:GetFindings', (input: GetFindingsCommandInput) => {
      const ids = new Set((input.Filters?.AwsAccountId ?? []).map((f) => f.Value));
      return { Findings: (account.findings ?? []).filter((f) => ids.has(f.AwsAccountId)) };
    });
    return clients;
  };

  const factory: ClientFactory = (options: ClientOptions) => {
    const key = options.credentials?.accessKeyId;
    const accountId = key?.startsWith('ASIA') ? key.slice(4) : (callerAccount ?? 'no-credentials');
    return build(accountId, options.region);
  };
  return { factory, calls, inputs };
}
