import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CloudFormationClient, CreateStackCommand } from '@aws-sdk/client-cloudformation';
import { CreateAccountCommand, CreateOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { runCliProcess, tempRepo } from '../support/cli';
import { requirePythonModule } from '../support/gates';
import { startMoto } from '../support/moto';
import type { MotoServer } from '../support/moto';

/**
 * `landfall rollout` (the real CLI, a child process) against moto through AWS_ENDPOINT_URL: the organization from
 * the management account (moto's default 123456789012 for plain keys) and a member account's CloudFormation state
 * through its CDK lookup role (moto's sts:AssumeRole answers with keys of the role's account). moto lacks Service
 * Quotas for Organizations and Security Hub's admin APIs; those steps show as unknown here and are unit-tested.
 */
const haveMoto = requirePythonModule('moto');
const MANAGEMENT = '123456789012';
const REGION = 'ap-northeast-1';
const MEMBERS = ['security', 'log-archive', 'dev', 'stg', 'prod'] as const;
const plainKeys = { accessKeyId: 'testing', secretAccessKey: 'testing' };

/** A stand-in for the bootstrap stack: the parameters and output `landfall rollout` reads. */
const toolkitTemplate = JSON.stringify({
  Parameters: { Qualifier: { Type: 'String' }, TrustedAccounts: { Type: 'String', Default: '' } },
  Resources: { Topic: { Type: 'AWS::SNS::Topic' } },
  Outputs: { BootstrapVersion: { Value: '33' } },
});
const stackTemplate = JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic' } } });

(haveMoto ? describe : describe.skip)('landfall rollout against moto (integration)', () => {
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
    // moto's organization gives the management account the email master@example.com.
    root = tempRepo((s) => s.replace('aws+management@example.com', 'master@example.com'));
  });

  const env = () => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_ACCESS_KEY_ID: plainKeys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: plainKeys.secretAccessKey,
    AWS_CONFIG_FILE: noConfigFile,
    AWS_SHARED_CREDENTIALS_FILE: noConfigFile,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  const sdk = <T>(Client: new (config: object) => T, region = REGION, credentials: object = plainKeys): T =>
    new Client({ region, endpoint: moto.endpoint, credentials });

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

  it("reads the organization and, through the CDK lookup role, a member account's bootstrap and stacks", async () => {
    const org = sdk(OrganizationsClient, 'us-east-1');
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const ids: Record<string, string> = {};
    for (const name of MEMBERS) {
      const created = await org.send(new CreateAccountCommand({ AccountName: name, Email: `aws+${name}@example.com` }));
      ids[name] = created.CreateAccountStatus?.AccountId ?? '';
    }
    expect((await runCliProcess(['accounts', 'sync'], { cwd: root, env: env() })).code).toBe(0);

    await sdk(CloudFormationClient).send(
      new CreateStackCommand({
        StackName: 'CDKToolkit',
        TemplateBody: toolkitTemplate,
        Parameters: [{ ParameterKey: 'Qualifier', ParameterValue: 'landfall' }],
      }),
    );
    const dev = sdk(CloudFormationClient, REGION, await memberKeys(ids.dev));
    await dev.send(
      new CreateStackCommand({
        StackName: 'CDKToolkit',
        TemplateBody: toolkitTemplate,
        Parameters: [
          { ParameterKey: 'Qualifier', ParameterValue: 'landfall' },
          { ParameterKey: 'TrustedAccounts', ParameterValue: MANAGEMENT },
        ],
      }),
    );
    await dev.send(new CreateStackCommand({ StackName: 'landfall-dev-baseline', TemplateBody: stackTemplate }));

    const run = await runCliProcess(['rollout', '--format', 'json'], { cwd: root, env: env() });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      readAs: { accountId: string };
      steps: Array<{ id: string; state: string; reason: string }>;
    };
    const step = (id: string) => {
      const s = report.steps.find((x) => x.id === id);
      return s && { state: s.state, reason: s.reason };
    };
    expect(report.readAs.accountId).toBe(MANAGEMENT);
    expect(step('create-organization')).toEqual({
      state: 'done',
      reason: expect.stringMatching(/^organization o-[a-z0-9]+, all features$/),
    });
    expect(step('accounts-sync-members')).toEqual({ state: 'done', reason: '6 accounts, each with its real ID' });
    expect(step('cdk-bootstrap-management-ap-northeast-1')).toEqual({
      state: 'done',
      reason: 'CDKToolkit version 33, qualifier landfall',
    });
    expect(step('cdk-bootstrap-dev-ap-northeast-1')).toEqual({
      state: 'done',
      reason: 'CDKToolkit version 33, qualifier landfall',
    });
    expect(step('deploy-dev-baseline')).toEqual({ state: 'done', reason: 'landfall-dev-baseline CREATE_COMPLETE' });
    // Everything it needs is done: it can run now.
    expect(step('cdk-bootstrap-dev-us-east-1')).toEqual({
      state: 'next',
      reason: 'account dev is not bootstrapped in us-east-1',
    });
    expect(step('fill-management-account')).toEqual({
      state: 'next',
      reason: '1 placeholder left: accounts[0].email',
    });
  });

  it('reads an account that is in no organization: creating the organization is next', async () => {
    // The management account as the config names it: moto's account, with a real-looking address.
    const platform = path.join(root, 'config', 'platform.ts');
    fs.writeFileSync(
      platform,
      fs
        .readFileSync(platform, 'utf8')
        .replace("id: '111111111111'", `id: '${MANAGEMENT}'`)
        .replace('master@example.com', 'master@acme-platform.io'),
    );
    const run = await runCliProcess(['rollout', '--format', 'json'], { cwd: root, env: env() });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { steps: Array<{ id: string; state: string; reason: string }> };
    expect(report.steps.find((s) => s.id === 'fill-management-account')).toMatchObject({
      state: 'done',
      reason: `the credentials are account ${MANAGEMENT}, the config's management account (no organization yet)`,
    });
    expect(report.steps.find((s) => s.id === 'create-organization')).toMatchObject({
      state: 'next',
      reason: `account ${MANAGEMENT} is in no organization: aws organizations create-organization --feature-set ALL`,
    });
  });
});
