import * as fs from 'node:fs';
import * as path from 'node:path';
import { readRolloutState } from '../../../lib/cli/aws/rollout-state';
import { makeRolloutCommand, rolloutReportInput } from '../../../lib/cli/rollout/command';
import type { LandfallModel } from '../../../lib/config';
import type { StepStatus } from '../../../lib/plan/rollout';
import { runIn, tempRepo } from '../../support/cli';
import type { FakeRolloutState } from '../../support/fake-rollout';
import { completeState, fakeRollout, freshState, toolkitStack } from '../../support/fake-rollout';
import { REAL_IDS, realModel, realPlatform } from '../../support/real-platform';

const retry = { attempts: 1, sleep: async () => undefined };

async function observe(model: LandfallModel, state: FakeRolloutState) {
  const fake = fakeRollout(state);
  const observations = await readRolloutState(model, { factory: fake.factory, retry });
  const input = rolloutReportInput(model, { observations });
  const byId: Record<string, StepStatus> = Object.fromEntries(input.statuses.map((s) => [s.id, s]));
  return { fake, input, byId };
}

const status = (byId: Record<string, StepStatus>, id: string) => {
  const s = byId[id];
  if (!s) throw new Error(`no step ${id}`);
  return { state: s.state, reason: s.reason };
};

/** Drop an account's stacks (all but CDKToolkit) and, optionally, its bootstrap. */
function undeploy(state: FakeRolloutState, accountId: string, options: { bootstrap?: boolean } = {}) {
  const account = state.accounts[accountId];
  for (const region of Object.keys(account.stacks)) {
    const toolkit = account.stacks[region].CDKToolkit;
    account.stacks[region] = options.bootstrap === false || !toolkit ? {} : { CDKToolkit: toolkit };
  }
  if (options.bootstrap === false) account.lookupRegions = [];
}

describe('landfall rollout state, from mocked AWS', () => {
  const model = realModel();

  it('reads a fresh account without an organization: creating it is next, the accounts wait for it', async () => {
    const { byId, fake } = await observe(model, freshState(model));
    expect(status(byId, 'fill-management-account')).toEqual({
      state: 'done',
      reason: "the credentials are account 403925181745, the config's management account (no organization yet)",
    });
    expect(status(byId, 'create-organization')).toEqual({
      state: 'next',
      reason: 'account 403925181745 is in no organization: aws organizations create-organization --feature-set ALL',
    });
    expect(status(byId, 'cdk-bootstrap-management-us-east-1')).toEqual({
      state: 'next',
      reason: 'account management is not bootstrapped in us-east-1',
    });
    expect(status(byId, 'accounts-sync-members')).toEqual({
      state: 'blocked',
      reason: 'waits for deploy-org-organization',
    });
    expect(status(byId, 'cdk-bootstrap-dev-ap-northeast-1')).toEqual({
      state: 'blocked',
      reason: 'waits for accounts-sync-members',
    });
    expect(fake.calls.every((c) => /^\d{12} [a-z0-9-]+ (Describe|List|Get|AssumeRole)/.test(c))).toBe(true);
  });

  it('reads a halfway rollout: what is done, what is next, and an account it cannot read yet', async () => {
    const state = completeState(model);
    // The member environments are not bootstrapped; the log archive has only its buckets; GuardDuty has no
    // administrator in us-east-1 yet.
    for (const name of ['dev', 'stg', 'prod'] as const) undeploy(state, REAL_IDS[name], { bootstrap: false });
    const logArchive = state.accounts[REAL_IDS['log-archive']];
    delete logArchive.stacks['ap-northeast-1']['landfall-log-archive-baseline'];
    delete logArchive.stacks['us-east-1']['landfall-log-archive-regional-baseline-us-east-1'];
    state.guardDutyAdmins['us-east-1'] = [];
    delete state.accounts[REAL_IDS.security].stacks['us-east-1']['landfall-security-guard-duty-us-east-1'];

    const { byId } = await observe(model, state);
    expect(status(byId, 'deploy-log-archive-log-buckets')).toEqual({
      state: 'done',
      reason: 'landfall-log-archive-log-buckets CREATE_COMPLETE',
    });
    expect(status(byId, 'deploy-log-archive-baseline')).toEqual({
      state: 'next',
      reason: 'not deployed: landfall-log-archive-baseline',
    });
    expect(status(byId, 'bootstrap-delegated-admins')).toEqual({
      state: 'next',
      reason: 'to do for security account 528361497210: GuardDuty administrator in us-east-1',
    });
    expect(status(byId, 'deploy-security-guard-duty-us-east-1')).toEqual({
      state: 'blocked',
      reason: 'waits for bootstrap-delegated-admins',
    });
    expect(status(byId, 'cdk-bootstrap-dev-ap-northeast-1')).toEqual({
      state: 'unknown',
      reason:
        "cannot read account dev (cannot assume its CDK lookup role (cdk-landfall-lookup-role-740583619432-ap-northeast-1: AccessDenied; cdk-landfall-lookup-role-740583619432-us-east-1: AccessDenied); it exists once the account is cdk-bootstrapped with --trust of the caller's account)",
    });
    expect(status(byId, 'deploy-dev-baseline').state).toBe('blocked');
  });

  it('reads a complete rollout: every step landfall can read is done, the rest are left to confirm', async () => {
    const { input } = await observe(model, completeState(model));
    const states = new Set(input.statuses.map((s) => s.state));
    expect([...states].sort()).toEqual(['confirm', 'done']);
    expect(input.statuses.filter((s) => s.state === 'confirm').map((s) => s.id)).toEqual([
      'enable-billing-alerts',
      'check-organization-policies',
      'chatbot-slack-management',
      'chatbot-slack-dev',
      'chatbot-slack-stg',
      'chatbot-slack-prod',
      'check-config-delivery',
      'check-security-hub-admin-us-east-1',
      'confirm-subscriptions-security-ap-northeast-1',
      'check-organization-trail',
      'confirm-subscriptions-management-us-east-1',
      'github-environments',
      'inputs-dev',
      'check-alb-access-logs-dev',
      'check-secret-age-dev',
      'confirm-subscriptions-dev-ap-northeast-1',
      'inputs-stg',
      'check-traffic-shift-stg',
      'confirm-subscriptions-stg-ap-northeast-1',
      'inputs-prod',
      'check-github-deploy-trust-prod',
      'confirm-subscriptions-prod-ap-northeast-1',
    ]);
  });

  it('reports an account it cannot read as unknown, with the reason, and blocks what waits for it', async () => {
    const state = completeState(model);
    state.accounts[REAL_IDS.stg].lookupRegions = [];
    undeploy(state, REAL_IDS.prod);
    const { byId } = await observe(model, state);
    expect(status(byId, 'cdk-bootstrap-stg-ap-northeast-1')).toEqual({
      state: 'unknown',
      reason:
        "cannot read account stg (cannot assume its CDK lookup role (cdk-landfall-lookup-role-851694720543-ap-northeast-1: AccessDenied; cdk-landfall-lookup-role-851694720543-us-east-1: AccessDenied); it exists once the account is cdk-bootstrapped with --trust of the caller's account)",
    });
    expect(status(byId, 'deploy-stg')).toEqual({
      state: 'blocked',
      reason: 'waits for cdk-bootstrap-stg-ap-northeast-1, deploy-stg-baseline, deploy-stg-regional-baseline-us-east-1',
    });
    expect(status(byId, 'deploy-prod')).toEqual({
      state: 'blocked',
      reason: 'waits for deploy-prod-baseline, deploy-prod-regional-baseline-us-east-1, deploy-stg',
    });
    expect(status(byId, 'deploy-prod-baseline')).toEqual({
      state: 'next',
      reason: 'not deployed: landfall-prod-baseline',
    });
  });

  it('blocks the deploy a placeholder is left for, and offers the step that fills it', async () => {
    const withPlaceholder = realModel((p) => {
      p.environments = p.environments.map((e) =>
        e.name === 'prod' && e.domain
          ? { ...e, domain: { ...e.domain, certificateId: '00000000-0000-4000-8000-000000000666' } }
          : e,
      );
    });
    const state = completeState(withPlaceholder);
    undeploy(state, REAL_IDS.prod);
    state.accounts[REAL_IDS.prod].stacks['ap-northeast-1']['landfall-prod-baseline'] = { status: 'CREATE_COMPLETE' };
    state.accounts[REAL_IDS.prod].stacks['us-east-1']['landfall-prod-regional-baseline-us-east-1'] = {
      status: 'CREATE_COMPLETE',
    };
    const { byId, input } = await observe(withPlaceholder, state);
    expect(input.plan.placeholders.map((p) => p.path)).toEqual(['environments[2].domain.certificateId']);
    expect(status(byId, 'inputs-prod')).toEqual({
      state: 'next',
      reason: '1 placeholder left: environments[2].domain.certificateId',
    });
    expect(status(byId, 'deploy-prod')).toEqual({
      state: 'blocked',
      reason:
        'placeholder left: environments[2].domain.certificateId (put the ID of the issued ACM certificate for prod.acme-platform.io in account prod (ap-northeast-1) here)',
    });
  });

  // AWS Config: one customer-managed recorder and one delivery channel per account and region; IAM: one OIDC
  // provider per URL per account (CreateOpenIDConnectProvider answers EntityAlreadyExists).
  it('says what to do about an adopted account that already has a Config recorder, delivery channel or GitHub OIDC provider', async () => {
    const state = completeState(model);
    const dev = state.accounts[REAL_IDS.dev];
    undeploy(state, REAL_IDS.dev);
    dev.recorders = { 'ap-northeast-1': ['default'] };
    dev.deliveryChannels = { 'ap-northeast-1': ['default'] };
    dev.oidcProvider = `arn:aws:iam::${REAL_IDS.dev}:oidc-provider/token.actions.githubusercontent.com`;
    const { byId } = await observe(model, state);
    expect(status(byId, 'deploy-dev-baseline')).toEqual({
      state: 'blocked',
      reason: [
        "account dev already has the AWS Config recorder default in ap-northeast-1 (one per region): stop and delete it (aws configservice stop-configuration-recorder / delete-configuration-recorder --configuration-recorder-name NAME) so the Baseline's recorder replaces it; its history stays where it was delivered",
        'account dev already has the Config delivery channel default in ap-northeast-1 (one per region): delete it (aws configservice delete-delivery-channel --delivery-channel-name NAME) after its recorder is stopped',
        'account dev already has the GitHub OIDC provider arn:aws:iam::740583619432:oidc-provider/token.actions.githubusercontent.com (one per URL): delete it right before this deploy (aws iam delete-open-id-connect-provider --open-id-connect-provider-arn arn:aws:iam::740583619432:oidc-provider/token.actions.githubusercontent.com); the Baseline creates it again with the same ARN, so roles that trust it work again',
      ].join('; '),
    });
    // The regional Baseline reuses the home Baseline's recorder role: it waits for it.
    expect(status(byId, 'deploy-dev-regional-baseline-us-east-1')).toEqual({
      state: 'blocked',
      reason: 'waits for deploy-dev-baseline',
    });
  });

  // Organizations quotas page: "Newly created accounts and organizations might experience a quota below the
  // default of 10 accounts."
  it('keeps the bootstrap step to do while the RCP or EC2 declarative policy type is not enabled on the root', async () => {
    const state = completeState(model);
    if (state.organization) state.organization.policyTypes = { DECLARATIVE_POLICY_EC2: 'ENABLED' };
    const { byId } = await observe(model, state);
    expect(status(byId, 'bootstrap-organization')).toEqual({
      state: 'next',
      reason: 'to do: the RCP policy type on the root',
    });
  });

  it('marks the account quota to do when the organization may hold fewer accounts than the config has', async () => {
    const state = completeState(model);
    state.quota = 4;
    const { byId } = await observe(model, state);
    expect(status(byId, 'organization-account-quota')).toEqual({
      state: 'next',
      reason:
        'quota 4 accounts (L-ACCOUNTS), but the organization will hold 6: request an increase in Service Quotas (us-east-1) before the Organization stack creates accounts',
    });
  });

  it('asks to bootstrap again when the bootstrap stack is old, has another qualifier or does not trust the management account', async () => {
    const state = completeState(model);
    state.accounts[REAL_IDS.dev].stacks['us-east-1'].CDKToolkit = toolkitStack('other', [], 6);
    const { byId } = await observe(model, state);
    expect(status(byId, 'cdk-bootstrap-dev-us-east-1')).toEqual({
      state: 'next',
      reason:
        "its qualifier is other, the config's is landfall; bootstrap version 6 is older than 8; it does not trust the management account 403925181745: run the command again",
    });
  });

  it('blocks a deploy whose stack failed to create, with what to do', async () => {
    const state = completeState(model);
    state.accounts[REAL_IDS['log-archive']].stacks['ap-northeast-1']['landfall-log-archive-log-buckets'] = {
      status: 'ROLLBACK_COMPLETE',
    };
    const { byId } = await observe(model, state);
    expect(status(byId, 'deploy-log-archive-log-buckets')).toEqual({
      state: 'blocked',
      reason:
        'landfall-log-archive-log-buckets is ROLLBACK_COMPLETE: see its events, delete it if it never completed (aws cloudformation delete-stack --stack-name landfall-log-archive-log-buckets) and deploy again',
    });
  });

  it("notices a management account that is not the organization's", async () => {
    const state = completeState(model);
    if (state.organization) state.organization.managementEmail = 'root@acme-platform.io';
    const { byId } = await observe(model, state);
    expect(status(byId, 'fill-management-account')).toEqual({
      state: 'next',
      reason:
        'the management account of organization o-a1b2c3d4e5: its email is root@acme-platform.io, the config says aws+management@acme-platform.io',
    });
  });
});

describe('landfall rollout, the command', () => {
  /** A repository whose config/ is the reference platform with every placeholder filled in. */
  function realRepo(): string {
    const root = tempRepo();
    fs.writeFileSync(
      path.join(root, 'config', 'platform.ts'),
      `import { definePlatform } from '../lib/config';\n\nexport default definePlatform(${JSON.stringify(realPlatform(), null, 2)});\n`,
    );
    return root;
  }

  it('prints the plan with its state as JSON, reading AWS with the given profile', async () => {
    const model = realModel();
    const fake = fakeRollout(completeState(model));
    const factory: typeof fake.factory = (options) => {
      if (options.credentials === undefined) expect(options.profile).toBe('mgmt');
      return fake.factory(options);
    };
    const run = await runIn(
      [makeRolloutCommand({ clients: factory, retry })],
      ['rollout', '--format', 'json', '--profile', 'mgmt'],
      {
        cwd: realRepo(),
      },
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.readAs).toEqual({
      accountId: '403925181745',
      arn: 'arn:aws:sts::403925181745:assumed-role/Admin/me',
    });
    expect(report.placeholders).toEqual([]);
    expect(report.steps[0]).toMatchObject({ id: 'fill-management-account', kind: 'manual', state: 'done' });
    expect(report.counts).toEqual({ done: 46, next: 0, blocked: 0, unknown: 0, confirm: 22, unread: 0 });
  });

  it('prints the plan offline, placeholders first, without calling AWS', async () => {
    const run = await runIn(
      [
        makeRolloutCommand({
          clients: () => {
            throw new Error('no AWS client may be created offline');
          },
        }),
      ],
      ['rollout', '--offline'],
    );
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(
      'Rollout of acme: 68 steps, home region ap-northeast-1; offline: only the placeholders are checked; run with credentials (--profile NAME or the standard chain) to see what is done.',
    );
    expect(lines.slice(2, 5)).toEqual([
      "Fill in first (the management account's ID and email before anything else):",
      'config/platform.ts has 32 placeholders:',
      '  * accounts[0].id: "111111111111" is a placeholder (an example account ID): put the management account\'s real ID here (`aws sts get-caller-identity` with its credentials)',
    ]);
    expect(run.stdout).toContain(' 2. fill-config [blocked] manual, management 111111111111, ap-northeast-1\n');
    expect(lines.at(-2)).toBe('Next: fill-management-account');
  });

  it('falls back to the offline plan, and says why, when there are no credentials', async () => {
    const model = realModel();
    const fake = fakeRollout(freshState(model));
    const factory: typeof fake.factory = (options) => {
      const clients = fake.factory(options);
      clients.sts.send = (() =>
        Promise.reject(
          Object.assign(new Error('Could not load credentials from any providers'), {
            name: 'CredentialsProviderError',
          }),
        )) as never;
      return clients;
    };
    const run = await runIn([makeRolloutCommand({ clients: factory, retry })], ['rollout'], { cwd: realRepo() });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe(
      'Rollout of acme: 68 steps, home region ap-northeast-1; offline (no AWS credentials found): only the placeholders are checked; run with credentials (--profile NAME or the standard chain) to see what is done.',
    );
  });

  it('refuses the credentials of a member account with one line (exit 4)', async () => {
    const model = realModel();
    const state = completeState(model);
    state.callerAccount = REAL_IDS.dev;
    const run = await runIn([makeRolloutCommand({ clients: fakeRollout(state).factory, retry })], ['rollout'], {
      cwd: realRepo(),
    });
    expect(run.code).toBe(4);
    expect(run.stderr).toBe(
      [
        'landfall: the credentials are for account 740583619432, a member of organization o-a1b2c3d4e5; landfall rollout reads the organization from its management account 403925181745',
        'hint: use credentials of the management account: --profile NAME or AWS_PROFILE',
        '',
      ].join('\n'),
    );
  });

  it('prints a Markdown table with --format md', async () => {
    const run = await runIn([makeRolloutCommand()], ['rollout', '--offline', '--format', 'md']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('| # | step | state | kind | account, region | what to do | check | why |');
    expect(run.stdout).toContain(
      '| 11 | `deploy-org-organization` | blocked | deploy | management, us-east-1 | The organization stack: OUs, the member accounts (created one at a time, retained), the SCP guardrails, the data-perimeter RCP and the EC2 declarative policy (needs their policy types and the real root ID)<br>`npx cdk deploy Org/Organization` |',
    );
  });

  it('rejects an unknown format and --offline with --profile', async () => {
    const bad = await runIn([makeRolloutCommand()], ['rollout', '--format', 'html']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe('landfall: --format "html" is not allowed (allowed: text, md, json)');
    const both = await runIn([makeRolloutCommand()], ['rollout', '--offline', '--profile', 'x']);
    expect(both.code).toBe(2);
    expect(both.stderr.split('\n')[0]).toBe('landfall: --offline and --profile exclude each other');
  });
});
