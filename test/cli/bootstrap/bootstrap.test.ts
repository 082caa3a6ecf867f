import {
  AccessDeniedException,
  AccountAlreadyRegisteredException,
  ConcurrentModificationException,
  EnableAWSServiceAccessCommand,
  EnablePolicyTypeCommand,
  ListAWSServiceAccessForOrganizationCommand,
  RegisterDelegatedAdministratorCommand,
  TooManyRequestsException,
  DescribeOrganizationCommand,
} from '@aws-sdk/client-organizations';
import {
  EnableOrganizationAdminAccountCommand as EnableGuardDutyAdmin,
  ListOrganizationAdminAccountsCommand as ListGuardDutyAdmins,
} from '@aws-sdk/client-guardduty';
import {
  EnableOrganizationAdminAccountCommand as EnableSecurityHubAdmin,
  ListOrganizationAdminAccountsCommand as ListSecurityHubAdmins,
} from '@aws-sdk/client-securityhub';
import { makeBootstrapCommand } from '../../../lib/cli/bootstrap/command';
import { planSteps } from '../../../lib/cli/bootstrap/engine';
import { bootstrapSteps, guardDutyRegions } from '../../../lib/cli/bootstrap/steps';
import { referenceModel } from '../../support/example';
import { runIn } from '../../support/cli';
import { commandNames, completeSetup, fakeAws, freshOrganization } from '../../support/fake-aws';
import type { FakeAws } from '../../support/fake-aws';

const instant = { sleep: async () => undefined, baseDelayMs: 1 };

function bootstrap(aws: FakeAws, args: string[] = []) {
  const command = makeBootstrapCommand({ clients: aws.factory, retry: instant });
  return runIn([command], ['bootstrap', ...args]);
}

/** The state column of the plan table, by step title. */
function states(stdout: string): Record<string, string> {
  const rows = stdout.split('\n').filter((l) => /^\s*\d+\s{2}/.test(l));
  return Object.fromEntries(
    rows.map((l) => {
      const [, title, state] = /^\s*\d+\s{2}(.+?)\s{2,}(done|to do|blocked)\s/.exec(`${l} `) ?? [];
      return [title.trim(), state];
    }),
  );
}

const ENABLE_CALLS = [
  'EnableAWSServiceAccess',
  'EnableAWSServiceAccess',
  'EnableAWSServiceAccess',
  'EnableAWSServiceAccess',
  'EnableAWSServiceAccess',
  'EnablePolicyType',
  'EnablePolicyType',
  'EnablePolicyType',
  'EnableAWSServiceAccess',
];

describe('landfall bootstrap: plan', () => {
  it('plans every step of a fresh organization as to do and changes nothing without --apply', async () => {
    const aws = fakeAws();
    const run = await bootstrap(aws);
    expect(run.code).toBe(0);
    expect(states(run.stdout)).toEqual({
      'trusted access: IAM Identity Center': 'to do',
      'trusted access: GuardDuty': 'to do',
      'trusted access: Security Hub': 'to do',
      'trusted access: AWS Config': 'to do',
      'trusted access: CloudTrail': 'to do',
      'trusted access: IAM': 'to do',
      'SCP policy type on the root': 'to do',
      'RCP policy type on the root': 'to do',
      'EC2 declarative policy type on the root': 'to do',
      'central root access: root credentials management': 'to do',
      'central root access: root sessions for privileged tasks': 'to do',
      'GuardDuty administrator in ap-northeast-1': 'to do',
      'GuardDuty administrator in us-east-1': 'to do',
      'Security Hub administrator in ap-northeast-1': 'to do',
      'delegated administrator for guardduty.amazonaws.com': 'to do',
      'delegated administrator for securityhub.amazonaws.com': 'to do',
      'Identity Center instance and groups': 'done',
      'cost allocation tags (landfall:service, environment, owner)': 'to do',
    });
    expect(run.stdout).toContain('17 to do. Run `landfall bootstrap --apply` to make the changes.');
    expect(aws.organizations.commandCalls(EnableAWSServiceAccessCommand)).toHaveLength(0);
    expect(aws.guardDuty.commandCalls(EnableGuardDutyAdmin)).toHaveLength(0);
  });

  it('uses the home region of the config and the --profile given', async () => {
    const aws = fakeAws();
    await bootstrap(aws, ['--profile', 'mgmt']);
    expect(aws.factoryCalls).toEqual([{ region: 'ap-northeast-1', profile: 'mgmt' }]);
  });

  it('names the security account by the ID the organization gives its email, not the placeholder in config', async () => {
    const run = await bootstrap(fakeAws());
    expect(run.stdout).toContain('EnableOrganizationAdminAccount 210987654321 (security)');
  });

  it('reports the Identity Center instance, identity store and groups it discovered', async () => {
    const run = await bootstrap(fakeAws());
    expect(run.stdout).toContain(
      'arn:aws:sso:::instance/ssoins-7758a1b2c3d4e5f6, identity store d-9067a1b2c3, 5 groups (auditors, developers, finance, on-call, platform-admins)',
    );
  });

  it('blocks the Identity Center step with what to do when Identity Center is not enabled', async () => {
    const run = await bootstrap(fakeAws(freshOrganization({ instances: [] })));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "no IAM Identity Center organization instance in ap-northeast-1: enable it in the management account's console (IAM Identity Center > Enable), then run again",
    );
  });

  it('blocks the administrator steps while the security account does not exist, and says how to create it', async () => {
    const state = freshOrganization();
    state.accounts = state.accounts.filter((a) => a.name !== 'security');
    const run = await bootstrap(fakeAws(state));
    expect(run.code).toBe(1);
    expect(states(run.stdout)['GuardDuty administrator in ap-northeast-1']).toBe('blocked');
    expect(run.stdout).toContain(
      'the security account "security" (aws+security@example.com) is not in organization o-a1b2c3d4e5 yet: next `npx cdk deploy Org/Organization` (rollout step deploy-org-organization), then `npx landfall accounts sync` (rollout step accounts-sync-members), then `npx landfall bootstrap --apply` (rollout step bootstrap-delegated-admins)',
    );
  });

  it('blocks the GuardDuty administrator step when another account is the administrator', async () => {
    const state = freshOrganization({ guardDutyAdmins: [{ accountId: '999999999999', status: 'ENABLED' }] });
    const run = await bootstrap(fakeAws(state));
    expect(run.stdout).toContain(
      'the GuardDuty administrator is account 999999999999 (ENABLED), not the security account 210987654321: remove it first (aws guardduty disable-organization-admin-account --admin-account-id 999999999999)',
    );
  });

  it('reads every page of the trusted services, delegated administrators and service administrators', async () => {
    const state = completeSetup(freshOrganization({ pageSize: 1 }));
    state.guardDutyAdmins.unshift({ accountId: '999999999999', status: 'DISABLE_IN_PROGRESS' });
    const aws = fakeAws(state);
    const run = await bootstrap(aws);
    // CloudTrail is the fifth trusted principal (page 5); the security account the second GuardDuty admin (page 2).
    expect(states(run.stdout)['trusted access: CloudTrail']).toBe('done');
    expect(states(run.stdout)['GuardDuty administrator in ap-northeast-1']).toBe('done');
    expect(states(run.stdout)['delegated administrator for guardduty.amazonaws.com']).toBe('done');
    // Each check of the six trusted services reads the six principals one page at a time.
    expect(aws.organizations.commandCalls(ListAWSServiceAccessForOrganizationCommand)).toHaveLength(36);
    expect(aws.guardDuty.commandCalls(ListGuardDutyAdmins)).toHaveLength(2);
  });

  it('prints the plan as a Markdown table with --format md', async () => {
    const run = await bootstrap(fakeAws(), ['--format', 'md']);
    expect(run.stdout).toContain(
      '| # | step | state | detail |\n| ---: | --- | --- | --- |\n| 1 | trusted access: IAM Identity Center | to do | EnableAWSServiceAccess sso.amazonaws.com |',
    );
  });

  it('prints the plan as JSON with --format json', async () => {
    const run = await bootstrap(fakeAws(), ['--format', 'json']);
    const report = JSON.parse(run.stdout);
    expect(report.organization).toEqual({ id: 'o-a1b2c3d4e5', managementAccountId: '111111111111', rootId: 'r-a1b2' });
    expect(report.steps).toHaveLength(18);
    expect(report.steps[0]).toEqual({
      id: 'trusted-access:sso.amazonaws.com',
      title: 'trusted access: IAM Identity Center',
      state: 'to do',
      planned: 'to do',
      detail: 'EnableAWSServiceAccess sso.amazonaws.com',
      applied: false,
    });
    expect(report.changed).toBe(0);
  });
});

describe('landfall bootstrap --apply', () => {
  it('runs the to-do steps in order: trusted access, SCP type, service administrators', async () => {
    const aws = fakeAws();
    const run = await bootstrap(aws, ['--apply']);
    expect(run.code).toBe(0);
    expect(commandNames(aws.organizations).filter((n) => n.startsWith('Enable'))).toEqual(ENABLE_CALLS);
    expect(
      aws.organizations.commandCalls(EnableAWSServiceAccessCommand).map((c) => c.args[0].input.ServicePrincipal),
    ).toEqual([
      'sso.amazonaws.com',
      'guardduty.amazonaws.com',
      'securityhub.amazonaws.com',
      'config.amazonaws.com',
      'cloudtrail.amazonaws.com',
      'iam.amazonaws.com',
    ]);
    expect(aws.guardDuty.commandCalls(EnableGuardDutyAdmin)[0].args[0].input).toEqual({
      AdminAccountId: '210987654321',
    });
    expect(aws.securityHub.commandCalls(EnableSecurityHubAdmin)[0].args[0].input).toEqual({
      AdminAccountId: '210987654321',
    });
  });

  it('finds the delegated administrators already registered by the service steps and does not register them again', async () => {
    const aws = fakeAws();
    const run = await bootstrap(aws, ['--apply']);
    expect(aws.organizations.commandCalls(RegisterDelegatedAdministratorCommand)).toHaveLength(0);
    expect(run.stdout).toContain('already done: delegated administrator for guardduty.amazonaws.com');
    expect(run.stdout).toContain('Changed 15 steps (2 found already done).');
  });

  it('registers a delegated administrator that the service did not register', async () => {
    const aws = fakeAws(freshOrganization({ securityHubAdmins: [{ accountId: '210987654321', status: 'ENABLED' }] }));
    await bootstrap(aws, ['--apply']);
    expect(aws.organizations.commandCalls(RegisterDelegatedAdministratorCommand).map((c) => c.args[0].input)).toEqual([
      { AccountId: '210987654321', ServicePrincipal: 'securityhub.amazonaws.com' },
    ]);
  });

  it('changes nothing on a second run and says so', async () => {
    const aws = fakeAws();
    await bootstrap(aws, ['--apply']);
    aws.organizations.resetHistory();
    aws.guardDuty.resetHistory();
    aws.regionalGuardDuty['us-east-1'].resetHistory();
    aws.securityHub.resetHistory();
    aws.iam.resetHistory();
    const second = await bootstrap(aws, ['--apply']);
    expect(second.code).toBe(0);
    expect(Object.values(states(second.stdout)).every((s) => s === 'done')).toBe(true);
    expect(second.stdout).toContain('Nothing to do: 18 of 18 steps are done; nothing changed.');
    expect(commandNames(aws.organizations).filter((n) => /^(Enable|Register)/.test(n))).toEqual([]);
    expect(commandNames(aws.iam).filter((n) => n.startsWith('Enable'))).toEqual([]);
    expect(aws.guardDuty.commandCalls(EnableGuardDutyAdmin)).toHaveLength(0);
    expect(aws.regionalGuardDuty['us-east-1'].commandCalls(EnableGuardDutyAdmin)).toHaveLength(0);
    expect(aws.securityHub.commandCalls(EnableSecurityHubAdmin)).toHaveLength(0);
  });

  it('counts a delegated administrator as done when Organizations answers AccountAlreadyRegisteredException', async () => {
    const state = completeSetup(freshOrganization());
    state.delegated.delete('securityhub.amazonaws.com');
    const aws = fakeAws(state);
    aws.inject(
      RegisterDelegatedAdministratorCommand,
      new AccountAlreadyRegisteredException({
        message: 'The provided account is already a delegated administrator for your organization.',
        $metadata: {},
      }),
    );
    const run = await bootstrap(aws, ['--apply']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('[1/1] already done: delegated administrator for securityhub.amazonaws.com');
  });

  it('names the step that failed halfway, and a re-run continues from that step', async () => {
    const aws = fakeAws();
    aws.inject(
      EnableAWSServiceAccessCommand,
      new AccessDeniedException({ message: "You don't have permissions to access this resource.", $metadata: {} }),
      {
        when: (input) => input.ServicePrincipal === 'securityhub.amazonaws.com',
      },
    );
    const first = await bootstrap(aws, ['--apply']);
    expect(first.code).toBe(3);
    expect(first.stderr).toBe(
      [
        'landfall: step 3 of 17 "trusted access: Security Hub" failed: access denied to organizations:EnableAWSServiceAccess (AccessDeniedException: You don\'t have permissions to access this resource.)',
        'hint: 2 steps applied before it. Fix the cause and run `landfall bootstrap --apply` again: it reads the state from AWS and continues with this step',
        '',
      ].join('\n'),
    );
    expect([...aws.state.trusted]).toEqual(['sso.amazonaws.com', 'guardduty.amazonaws.com']);

    aws.organizations.resetHistory();
    const second = await bootstrap(aws, ['--apply']);
    expect(second.code).toBe(0);
    expect(states(second.stdout)['trusted access: IAM Identity Center']).toBe('done');
    expect(states(second.stdout)['trusted access: Security Hub']).toBe('to do');
    expect(
      aws.organizations.commandCalls(EnableAWSServiceAccessCommand).map((c) => c.args[0].input.ServicePrincipal),
    ).toEqual(['securityhub.amazonaws.com', 'config.amazonaws.com', 'cloudtrail.amazonaws.com', 'iam.amazonaws.com']);
  });

  it('prints no stack trace when a step fails', async () => {
    const aws = fakeAws();
    aws.inject(EnablePolicyTypeCommand, new AccessDeniedException({ message: 'denied', $metadata: {} }));
    const run = await bootstrap(aws, ['--apply']);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(2);
  });
});

describe('landfall bootstrap: faults', () => {
  // The mocked clients replace `send`, so an injected TooManyRequestsException stands for a call the SDK already
  // retried SDK_RETRY.maxAttempts times (test/cli/aws/sdk-retries.test.ts proves those attempts).
  it('blocks the step of a read the SDK gave up on after throttling, and plans the others', async () => {
    const aws = fakeAws();
    aws.inject(
      ListAWSServiceAccessForOrganizationCommand,
      new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} }),
    );
    const run = await bootstrap(aws);
    expect(run.code).toBe(1);
    // One call per trusted-access step: the throttled one was not retried on top of the SDK's attempts.
    expect(aws.organizations.commandCalls(ListAWSServiceAccessForOrganizationCommand)).toHaveLength(6);
    expect(run.stdout).toContain(
      'could not read the state: organizations:ListAWSServiceAccessForOrganization failed: TooManyRequestsException: Rate exceeded',
    );
    expect(states(run.stdout)['trusted access: IAM Identity Center']).toBe('blocked');
    expect(states(run.stdout)['trusted access: GuardDuty']).toBe('to do');
  });

  it('retries EnableAWSServiceAccess after ConcurrentModificationException', async () => {
    const aws = fakeAws();
    aws.inject(
      EnableAWSServiceAccessCommand,
      new ConcurrentModificationException({
        message: 'The target of the operation is currently being modified by a different request.',
        $metadata: {},
      }),
      { when: (input) => input.ServicePrincipal === 'sso.amazonaws.com' },
    );
    const run = await bootstrap(aws, ['--apply']);
    expect(run.code).toBe(0);
    expect(aws.state.trusted.has('sso.amazonaws.com')).toBe(true);
    expect(run.stderr).toContain('organizations:EnableAWSServiceAccess: ConcurrentModificationException, retrying');
  });

  it('does not retry a call the SDK gave up on after throttling: one line and a hint', async () => {
    const aws = fakeAws();
    aws.inject(DescribeOrganizationCommand, new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} }), {
      times: 99,
    });
    const run = await bootstrap(aws);
    expect(run.code).toBe(3);
    expect(aws.organizations.commandCalls(DescribeOrganizationCommand)).toHaveLength(1);
    expect(run.stderr.split('\n').filter((l) => l.startsWith('landfall:') || l.startsWith('hint:'))).toEqual([
      'landfall: organizations:DescribeOrganization failed: TooManyRequestsException: Rate exceeded',
      'hint: AWS kept refusing after several retries: wait a minute and run the command again',
    ]);
  });

  it('access denied: exit 3 with the action named and what the caller needs', async () => {
    const aws = fakeAws();
    aws.inject(
      DescribeOrganizationCommand,
      new AccessDeniedException({ message: "You don't have permissions to access this resource.", $metadata: {} }),
    );
    const run = await bootstrap(aws);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      [
        "landfall: access denied to organizations:DescribeOrganization (AccessDeniedException: You don't have permissions to access this resource.)",
        'hint: the caller needs permission for organizations:DescribeOrganization: use credentials with administrator access to this account',
        '',
      ].join('\n'),
    );
  });

  it('organization not in use: exit 4 with how to create one', async () => {
    const run = await bootstrap(fakeAws(freshOrganization({ organization: undefined })));
    expect(run.code).toBe(4);
    expect(run.stderr).toBe(
      [
        'landfall: account 111111111111 is not in an organization (AWSOrganizationsNotInUseException)',
        'hint: create it from the account that becomes the management account: aws organizations create-organization --feature-set ALL',
        '',
      ].join('\n'),
    );
  });

  it('rejects the credentials of a member account with the management account to use', async () => {
    const run = await bootstrap(fakeAws(freshOrganization({ callerAccount: '410987654321' })));
    expect(run.code).toBe(4);
    expect(run.stderr).toBe(
      [
        'landfall: the credentials are for account 410987654321, a member of organization o-a1b2c3d4e5; landfall bootstrap needs the management account 111111111111',
        'hint: use credentials of the management account: --profile NAME or AWS_PROFILE',
        '',
      ].join('\n'),
    );
  });

  it('rejects an organization without all features', async () => {
    const state = freshOrganization({
      organization: { id: 'o-a1b2c3d4e5', managementAccountId: '111111111111', featureSet: 'CONSOLIDATED_BILLING' },
    });
    const run = await bootstrap(fakeAws(state));
    expect(run.code).toBe(4);
    expect(run.stderr).toBe(
      [
        'landfall: organization o-a1b2c3d4e5 has feature set CONSOLIDATED_BILLING; landfall needs all features (SCPs, trusted access, delegated administrators)',
        'hint: enable all features: Organizations console > Settings > "Begin process to enable all features" (every member account must approve)',
        '',
      ].join('\n'),
    );
  });

  it('blocks one step whose state cannot be read and plans the others', async () => {
    const aws = fakeAws();
    aws.inject(ListSecurityHubAdmins, new AccessDeniedException({ message: 'not authorized', $metadata: {} }));
    const run = await bootstrap(aws);
    expect(run.code).toBe(1);
    expect(states(run.stdout)['Security Hub administrator in ap-northeast-1']).toBe('blocked');
    expect(states(run.stdout)['GuardDuty administrator in ap-northeast-1']).toBe('to do');
  });
});

// GuardDuty user guide, "Permissions required to designate a delegated GuardDuty administrator account": the
// designation "allows the delegated administrator account to enable and manage GuardDuty for other accounts in the
// organization in the current Region". So it is made in every region the guardrails allow (allowedRegions).
describe('landfall bootstrap: GuardDuty administrator in every allowed region', () => {
  it('designates the security account as GuardDuty administrator in the home region and in us-east-1', async () => {
    const aws = fakeAws();
    const run = await bootstrap(aws, ['--apply']);
    expect(run.code).toBe(0);
    expect(aws.guardDuty.commandCalls(EnableGuardDutyAdmin).map((c) => c.args[0].input)).toEqual([
      { AdminAccountId: '210987654321' },
    ]);
    expect(aws.regionalGuardDuty['us-east-1'].commandCalls(EnableGuardDutyAdmin).map((c) => c.args[0].input)).toEqual([
      { AdminAccountId: '210987654321' },
    ]);
    expect(run.stdout).toContain('applied: GuardDuty administrator in us-east-1');
  });

  it('makes the per-region call with a client of that region', async () => {
    const aws = fakeAws();
    await bootstrap(aws, ['--apply']);
    const [call] = aws.regionalGuardDuty['us-east-1'].commandCalls(EnableGuardDutyAdmin);
    const client = call.thisValue as { config: { region: () => Promise<string> } };
    await expect(client.config.region()).resolves.toBe('us-east-1');
  });

  it('finds a region already done and designates only the missing one', async () => {
    const state = freshOrganization({ guardDutyAdmins: [{ accountId: '210987654321', status: 'ENABLED' }] });
    const run = await bootstrap(fakeAws(state));
    expect(states(run.stdout)['GuardDuty administrator in ap-northeast-1']).toBe('done');
    expect(states(run.stdout)['GuardDuty administrator in us-east-1']).toBe('to do');
  });

  it('blocks a region whose administrator is another account, naming that region', async () => {
    const state = freshOrganization({
      regionalGuardDutyAdmins: { 'us-east-1': [{ accountId: '999999999999', status: 'ENABLED' }] },
    });
    const run = await bootstrap(fakeAws(state));
    expect(states(run.stdout)['GuardDuty administrator in us-east-1']).toBe('blocked');
    expect(states(run.stdout)['GuardDuty administrator in ap-northeast-1']).toBe('to do');
  });

  it('has one GuardDuty step per allowed region, home first', () => {
    const model = referenceModel();
    const platform = { ...model.platform, allowedRegions: ['us-east-1', 'ap-northeast-1', 'eu-west-1'] };
    expect(guardDutyRegions({ model: { ...model, platform }, region: 'ap-northeast-1' })).toEqual([
      'ap-northeast-1',
      'us-east-1',
      'eu-west-1',
    ]);
  });
});

describe('bootstrap step: Identity Center', () => {
  it('is blocked, naming the groups, when groups asked for by display name do not exist', async () => {
    const aws = fakeAws();
    const steps = bootstrapSteps({
      clients: aws.clients,
      retry: instant,
      model: referenceModel(),
      organization: {
        id: 'o-a1b2c3d4e5',
        managementAccountId: '111111111111',
        managementAccountEmail: '',
        rootId: 'r-a1b2',
        rootPolicyTypes: [],
        callerArn: '',
      },
      accounts: [],
      region: 'ap-northeast-1',
      identityCenter: {
        found: true,
        instanceArn: 'arn:aws:sso:::instance/ssoins-7758a1b2c3d4e5f6',
        identityStoreId: 'd-9067a1b2c3',
        groups: { developers: 'g-1' },
        missingGroups: ['auditors'],
      },
    });
    const [planned] = await planSteps(steps.filter((s) => s.id === 'identity-center'));
    expect(planned.state).toBe('blocked');
    expect(planned.detail).toBe(
      'arn:aws:sso:::instance/ssoins-7758a1b2c3d4e5f6, identity store d-9067a1b2c3, 1 group; groups not found by display name: auditors (create them in Identity Center or your identity provider)',
    );
  });
});

describe('landfall bootstrap: policy types', () => {
  it('enables the SCP, RCP and EC2 declarative policy types on the root, in that order', async () => {
    const aws = fakeAws();
    await bootstrap(aws, ['--apply']);
    expect(aws.organizations.commandCalls(EnablePolicyTypeCommand).map((c) => c.args[0].input)).toEqual([
      { RootId: 'r-a1b2', PolicyType: 'SERVICE_CONTROL_POLICY' },
      { RootId: 'r-a1b2', PolicyType: 'RESOURCE_CONTROL_POLICY' },
      { RootId: 'r-a1b2', PolicyType: 'DECLARATIVE_POLICY_EC2' },
    ]);
  });

  it('enables only the RCP type when the others are enabled already', async () => {
    const aws = fakeAws(
      freshOrganization({ scpStatus: 'ENABLED', policyTypes: { DECLARATIVE_POLICY_EC2: 'ENABLED' } }),
    );
    const run = await bootstrap(aws, ['--apply']);
    expect(run.code).toBe(0);
    expect(aws.organizations.commandCalls(EnablePolicyTypeCommand).map((c) => c.args[0].input.PolicyType)).toEqual([
      'RESOURCE_CONTROL_POLICY',
    ]);
  });

  it('counts a policy type that is being enabled as done and one being disabled as blocked', async () => {
    const run = await bootstrap(
      fakeAws(
        freshOrganization({
          policyTypes: { RESOURCE_CONTROL_POLICY: 'PENDING_ENABLE', DECLARATIVE_POLICY_EC2: 'PENDING_DISABLE' },
        }),
      ),
    );
    expect(states(run.stdout)['RCP policy type on the root']).toBe('done');
    expect(states(run.stdout)['EC2 declarative policy type on the root']).toBe('blocked');
    expect(run.stdout).toContain('being disabled on r-a1b2; run again when that has finished');
  });
});

describe('landfall bootstrap: centralized root access (IAM User Guide, "Centrally manage root access")', () => {
  it('plans root access after trusted access for IAM, which IAM requires first', async () => {
    const run = await bootstrap(fakeAws());
    expect(run.stdout).toContain(
      'EnableOrganizationsRootCredentialsManagement (after trusted access for iam.amazonaws.com)',
    );
  });

  it('enables trusted access for IAM, then root credentials management, then root sessions', async () => {
    const aws = fakeAws();
    const run = await bootstrap(aws, ['--apply']);
    expect(run.code).toBe(0);
    expect(commandNames(aws.iam).filter((n) => n.startsWith('Enable'))).toEqual([
      'EnableOrganizationsRootCredentialsManagement',
      'EnableOrganizationsRootSessions',
    ]);
    expect(aws.state.rootAccess).toEqual(['RootCredentialsManagement', 'RootSessions']);
  });

  it('enables only root sessions when root credentials management is already on', async () => {
    const state = completeSetup(freshOrganization());
    state.rootAccess = ['RootCredentialsManagement'];
    const aws = fakeAws(state);
    await bootstrap(aws, ['--apply']);
    expect(commandNames(aws.iam).filter((n) => n.startsWith('Enable'))).toEqual(['EnableOrganizationsRootSessions']);
  });
});
