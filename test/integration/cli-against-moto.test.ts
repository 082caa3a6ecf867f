import * as os from 'node:os';
import * as path from 'node:path';
import {
  ListOrganizationAdminAccountsCommand as ListGuardDutyAdmins,
  GuardDutyClient,
} from '@aws-sdk/client-guardduty';
import { CreateGroupCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { CreateQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ListInstancesCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsClients } from '../../lib/cli/aws/clients';
import { discoverIdentityCenter } from '../../lib/cli/aws/identity-center';
import { loadConfig } from '../../lib/config';
import { runCliProcess, tempRepo } from '../support/cli';
import type { CliRun } from '../support/cli';
import { requirePythonModule } from '../support/gates';
import { startMoto } from '../support/moto';
import type { MotoServer } from '../support/moto';

/**
 * The real CLI (`node bin/landfall-cli.js`, a child process) against moto through AWS_ENDPOINT_URL with dummy
 * credentials. moto's server runs without MOTO_ACCOUNT_ID, so plain keys are the management account
 * (123456789012, moto's default) and keys from sts:AssumeRole act as the member account of the role.
 *
 * What moto lacks is covered by the unit tests instead: securityhub:ListOrganizationAdminAccounts and Security Hub
 * as a delegated-administrator service (test/cli/bootstrap), sqs:StartMessageMoveTask and ListMessageMoveTasks
 * (test/cli/redrive.test.ts), failed or slow account states.
 */
const haveMoto = requirePythonModule('moto');

const MANAGEMENT = '123456789012';
const REGION = 'ap-northeast-1';
const MEMBERS = ['security', 'log-archive', 'dev', 'stg', 'prod'] as const;
/** The groups of `identityCenter.groups` in the example config. */
const EXAMPLE_GROUPS = ['auditors', 'developers', 'finance', 'on-call', 'platform-admins'] as const;
const plainKeys = { accessKeyId: 'testing', secretAccessKey: 'testing' };

(haveMoto ? describe : describe.skip)('landfall CLI against moto (integration)', () => {
  let moto: MotoServer;
  let root: string;
  const noConfigFile = path.join(os.tmpdir(), 'landfall-no-aws-config');

  beforeAll(async () => {
    moto = await startMoto();
  });
  afterAll(async () => {
    await moto?.stop();
  });
  beforeEach(async () => {
    await moto.reset();
    // moto's organization gives the management account the email master@example.com and the ID 123456789012.
    root = tempRepo((s) =>
      s.replace('aws+management@example.com', 'master@example.com').replace("'111111111111'", `'${MANAGEMENT}'`),
    );
  });

  const env = (keys: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = plainKeys) => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
    ...(keys.sessionToken ? { AWS_SESSION_TOKEN: keys.sessionToken } : {}),
    AWS_CONFIG_FILE: noConfigFile,
    AWS_SHARED_CREDENTIALS_FILE: noConfigFile,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  const cli = (args: string[], keys?: Parameters<typeof env>[0]): Promise<CliRun> =>
    runCliProcess(args, { cwd: root, env: env(keys) });
  const sdk = <T>(Client: new (config: object) => T, region = REGION, credentials: object = plainKeys): T =>
    new Client({ region, endpoint: moto.endpoint, credentials });

  /** The organization of the example config, created through the SDK as the management account. */
  async function createOrganization(
    featureSet: 'ALL' | 'CONSOLIDATED_BILLING' = 'ALL',
  ): Promise<Record<string, string>> {
    const org = sdk(OrganizationsClient, 'us-east-1');
    await org.send(new CreateOrganizationCommand({ FeatureSet: featureSet }));
    const ids: Record<string, string> = { management: MANAGEMENT };
    for (const name of MEMBERS) {
      const created = await org.send(new CreateAccountCommand({ AccountName: name, Email: `aws+${name}@example.com` }));
      ids[name] = created.CreateAccountStatus?.AccountId ?? '';
    }
    return ids;
  }

  /** The Identity Center groups the example config assigns, created in moto's identity store; IDs by name. */
  async function createExampleGroups(): Promise<{
    instanceArn: string;
    store: string;
    groups: Record<string, string>;
  }> {
    const instance = (await sdk(SSOAdminClient).send(new ListInstancesCommand({}))).Instances?.[0];
    const store = instance?.IdentityStoreId ?? '';
    const groups: Record<string, string> = {};
    for (const name of EXAMPLE_GROUPS) {
      const created = await sdk(IdentitystoreClient).send(
        new CreateGroupCommand({ IdentityStoreId: store, DisplayName: name }),
      );
      groups[name] = created.GroupId ?? '';
    }
    return { instanceArn: instance?.InstanceArn ?? '', store, groups };
  }

  async function memberKeys(accountId: string) {
    const assumed = await sdk(STSClient).send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`,
        RoleSessionName: 'landfall-test',
      }),
    );
    const c = assumed.Credentials;
    return {
      accessKeyId: c?.AccessKeyId ?? '',
      secretAccessKey: c?.SecretAccessKey ?? '',
      sessionToken: c?.SessionToken ?? '',
    };
  }

  it('bootstrap refuses an account that is in no organization', async () => {
    const run = await cli(['bootstrap']);
    expect(run.code).toBe(4);
    expect(run.stderr.split('\n')[0]).toBe(
      `landfall: account ${MANAGEMENT} is not in an organization (AWSOrganizationsNotInUseException)`,
    );
  });

  it('bootstrap refuses an organization without all features', async () => {
    await createOrganization('CONSOLIDATED_BILLING');
    const run = await cli(['bootstrap']);
    expect(run.code).toBe(4);
    expect(run.stderr.split('\n')[0]).toMatch(
      /^landfall: organization o-[a-z0-9]+ has feature set CONSOLIDATED_BILLING; landfall needs all features/,
    );
  });

  it('bootstrap refuses the credentials of a member account', async () => {
    const ids = await createOrganization();
    const run = await cli(['bootstrap'], await memberKeys(ids.dev));
    expect(run.code).toBe(4);
    expect(run.stderr.split('\n')[0]).toMatch(
      new RegExp(
        `^landfall: the credentials are for account ${ids.dev}, a member of organization o-[a-z0-9]+; landfall bootstrap needs the management account ${MANAGEMENT}$`,
      ),
    );
  });

  // moto 5.2 lacks what came in late 2024: DECLARATIVE_POLICY_EC2 ("You specified an invalid value"), trusted access
  // for iam.amazonaws.com and iam:ListOrganizationsFeatures; the unit tests (test/cli/bootstrap) cover those steps.
  // bootstrap orders them after the service administrators, so moto still checks everything before them.
  it('bootstrap --apply enables trusted access, the SCP and RCP types and the GuardDuty administrator in every allowed region (Security Hub stays blocked, the declarative policy type fails: moto lacks them)', async () => {
    const ids = await createOrganization();
    const run = await cli(['bootstrap', '--apply']);
    expect(run.stdout).toContain('securityhub:ListOrganizationAdminAccounts failed: the endpoint answered HTTP 404');
    // stderr also carries the SDK's retry notices for iam:ListOrganizationsFeatures, which moto answers with HTML.
    expect(run.stderr).toContain(
      'landfall: step 11 of 12 "EC2 declarative policy type on the root" failed: organizations:EnablePolicyType failed: InvalidInputException: You specified an invalid value.',
    );
    expect(run.code).toBe(3);

    const org = sdk(OrganizationsClient, 'us-east-1');
    const trusted = (await org.send(new ListAWSServiceAccessForOrganizationCommand({}))).EnabledServicePrincipals?.map(
      (p) => p.ServicePrincipal,
    );
    expect(trusted?.sort()).toEqual([
      'cloudtrail.amazonaws.com',
      'config.amazonaws.com',
      'guardduty.amazonaws.com',
      'securityhub.amazonaws.com',
      'sso.amazonaws.com',
    ]);
    const root = (await org.send(new ListRootsCommand({}))).Roots?.[0];
    expect(root?.PolicyTypes).toEqual([
      { Type: 'SERVICE_CONTROL_POLICY', Status: 'ENABLED' },
      { Type: 'RESOURCE_CONTROL_POLICY', Status: 'ENABLED' },
    ]);
    const admins = (await sdk(GuardDutyClient).send(new ListGuardDutyAdmins({}))).AdminAccounts;
    expect(admins).toEqual([{ AdminAccountId: ids.security, AdminStatus: 'ENABLED' }]);
    // Delegation is per region (GuardDuty user guide): us-east-1 is an allowed region of the example.
    const eastAdmins = (await sdk(GuardDutyClient, 'us-east-1').send(new ListGuardDutyAdmins({}))).AdminAccounts;
    expect(eastAdmins).toEqual([{ AdminAccountId: ids.security, AdminStatus: 'ENABLED' }]);
    const delegated = (
      await org.send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: 'guardduty.amazonaws.com' }))
    ).DelegatedAdministrators;
    expect(delegated?.map((d) => d.Id)).toEqual([ids.security]);
  });

  it('bootstrap --apply a second time continues with what is left and applies nothing twice', async () => {
    await createOrganization();
    await createExampleGroups();
    await cli(['bootstrap', '--apply']);
    const second = await cli(['bootstrap']);
    expect(second.stdout).toMatch(/trusted access: IAM Identity Center\s+done/);
    expect(second.stdout).toMatch(/RCP policy type on the root\s+done/);
    expect(second.stdout).toMatch(/GuardDuty administrator in us-east-1\s+done/);
    // What moto lacks stays to do: the declarative policy type and IAM's trusted access.
    expect(second.stdout).toContain('2 to do.');
  });

  it('accounts sync writes the IDs the organization gave the config accounts, and the app reads them', async () => {
    const ids = await createOrganization();
    const run = await cli(['accounts', 'sync']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('config/discovered.json created: 6 account IDs, Identity Center IDs.');
    const model = loadConfig(path.join(root, 'config'));
    expect(Object.fromEntries(model.platform.accounts.map((a) => [a.name, a.id]))).toEqual(ids);
    expect(run.stdout).toContain(
      `npx cdk bootstrap aws://${ids.prod}/${REGION} --profile prod --qualifier landfall --trust ${MANAGEMENT}`,
    );

    const again = await cli(['accounts', 'sync']);
    expect(again.stdout).toContain('config/discovered.json is unchanged');
  });

  it('accounts sync reports a config account whose email matches no account', async () => {
    const org = sdk(OrganizationsClient, 'us-east-1');
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    for (const name of MEMBERS.filter((n) => n !== 'stg'))
      await org.send(new CreateAccountCommand({ AccountName: name, Email: `aws+${name}@example.com` }));
    const run = await cli(['accounts', 'sync']);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[0]).toMatch(
      /^landfall: config account "stg" \(aws\+stg@example.com\) matches no account of organization o-[a-z0-9]+ by email$/,
    );
  });

  it('discovers the Identity Center instance, identity store and group IDs by display name, and the stacks use them', async () => {
    await createOrganization();
    const { instanceArn, store, groups } = await createExampleGroups();

    const plan = await cli(['bootstrap']);
    expect(plan.stdout).toContain(`${instanceArn}, identity store ${store}, 5 groups (${EXAMPLE_GROUPS.join(', ')})`);

    await cli(['accounts', 'sync']);
    const model = loadConfig(path.join(root, 'config'));
    expect(model.discovered?.identityCenter).toEqual({ instanceArn, identityStoreId: store, groups });
    expect(model.platform.identityCenter).toMatchObject({ instanceArn, identityStoreId: store, groups });
  });

  it('looks group IDs up by display name with identitystore:GetGroupId, and lists the missing ones', async () => {
    await createOrganization();
    const instance = (await sdk(SSOAdminClient).send(new ListInstancesCommand({}))).Instances?.[0];
    const identityStore = sdk(IdentitystoreClient);
    const admins = await identityStore.send(
      new CreateGroupCommand({ IdentityStoreId: instance?.IdentityStoreId, DisplayName: 'platform-admins' }),
    );
    const clients = { ssoAdmin: sdk(SSOAdminClient), identityStore } as unknown as AwsClients;
    const found = await discoverIdentityCenter(
      clients,
      {},
      { managementAccountId: MANAGEMENT, region: REGION, groupNames: ['platform-admins', 'auditors'] },
    );
    expect(found).toEqual(
      expect.objectContaining({
        found: true,
        groups: { 'platform-admins': admins.GroupId },
        missingGroups: ['auditors'],
      }),
    );
  });

  it("redrive --dry-run finds the worker's queues by name in the environment account and shows the DLQ depth (moto lacks ListMessageMoveTasks: a warning)", async () => {
    const ids = await createOrganization();
    await cli(['accounts', 'sync']);
    const keys = await memberKeys(ids.dev);
    const sqs = sdk(SQSClient, REGION, keys);
    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: 'landfall-dev-jobs-dlq' }));
    await sqs.send(new CreateQueueCommand({ QueueName: 'landfall-dev-jobs' }));
    for (const body of ['a', 'b', 'c'])
      await sqs.send(new SendMessageCommand({ QueueUrl: dlq.QueueUrl, MessageBody: body }));

    const run = await cli(['redrive', 'dev', 'jobs', '--dry-run', '--rate', '10'], keys);
    expect(run.code).toBe(0);
    // moto answers the operation it lacks with an HTML error page (HTTP 5xx), which the SDK retries as transient.
    expect(run.stderr).toMatch(
      /^ {2}sqs:ListMessageMoveTasks: HTTP \d+ \(not an AWS response\), the AWS SDK retries \(attempt 2 of 5\)$/m,
    );
    expect(run.stderr).toMatch(
      /^warning: could not check for a running move task: sqs:ListMessageMoveTasks failed: the endpoint answered HTTP \d+/m,
    );
    expect(run.stdout).toBe(
      [
        'landfall-dev-jobs-dlq: 3 messages waiting; destination landfall-dev-jobs.',
        'Dry run: would move 3 messages to landfall-dev-jobs at 10 messages per second. Nothing was started.',
        '',
      ].join('\n'),
    );
  });

  it('redrive stops with one line where moto lacks ListMessageMoveTasks (the move itself is unit-tested)', async () => {
    const ids = await createOrganization();
    await cli(['accounts', 'sync']);
    const keys = await memberKeys(ids.dev);
    const sqs = sdk(SQSClient, REGION, keys);
    await sqs.send(new CreateQueueCommand({ QueueName: 'landfall-dev-jobs-dlq' }));
    await sqs.send(new CreateQueueCommand({ QueueName: 'landfall-dev-jobs' }));
    const run = await cli(['redrive', 'dev', 'jobs'], keys);
    expect(run.code).toBe(3);
    expect(run.stderr.split('\n').find((l) => l.startsWith('landfall:'))).toMatch(
      /^landfall: sqs:ListMessageMoveTasks failed: the endpoint answered HTTP \d+ with a page that is not an AWS response \(an emulator that lacks this operation\?\)$/,
    );
  });
});
