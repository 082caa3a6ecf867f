import type { RolloutPlan, RolloutStep } from '../../../lib/plan/rollout';
import {
  cdkBootstrapStepId,
  FIRST_DEPLOY_CHECKS,
  ORGANIZATION_DEPLOY_STEP,
  plannedStacks,
  rolloutPlan,
  STEP,
} from '../../../lib/plan/rollout';
import { planContext } from '../../../lib/plan/rollout/context';
import { referenceModel, referencePlatform, referenceServices, validate } from '../../support/example';

const model = referenceModel();
const plan = rolloutPlan(model);
const byId = new Map(plan.steps.map((s) => [s.id, s]));
const index = (id: string) => plan.steps.findIndex((s) => s.id === id);
const stepOf = (id: string): RolloutStep => {
  const s = byId.get(id);
  if (!s) throw new Error(`no step ${id}`);
  return s;
};

/** Every step a step waits for, directly or through its needs. */
function allNeeds(p: RolloutPlan, id: string): Set<string> {
  const steps = new Map(p.steps.map((s) => [s.id, s]));
  const out = new Set<string>();
  const visit = (x: string) => {
    for (const n of steps.get(x)?.needs ?? []) {
      if (!out.has(n)) {
        out.add(n);
        visit(n);
      }
    }
  };
  visit(id);
  return out;
}

/** The deploy step of a stack by construct path. */
const deployOf = (stackPath: string): RolloutStep => {
  const s = plan.steps.find((x) => x.kind === 'deploy' && x.stacks?.includes(stackPath));
  if (!s) throw new Error(`no deploy step for ${stackPath}`);
  return s;
};

describe('the rollout plan of the reference platform: order', () => {
  it('lists every step exactly once, with kebab-case ids', () => {
    const ids = plan.steps.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("puts every step's needs before it", () => {
    for (const [i, s] of plan.steps.entries()) {
      for (const need of s.needs) {
        expect({ step: s.id, need, before: index(need) >= 0 && index(need) < i }).toEqual({
          step: s.id,
          need,
          before: true,
        });
      }
    }
  });

  it("starts with the management account's real ID and email: every other step waits for it", () => {
    expect(plan.steps[0].id).toBe(STEP.fillManagementAccount);
    for (const s of plan.steps.slice(1))
      expect([s.id, allNeeds(plan, s.id).has(STEP.fillManagementAccount)]).toEqual([s.id, true]);
  });

  // CDK CLI reference, `cdk bootstrap --trust`: "The AWS account IDs that should be trusted to perform deployments
  // into this environment". A deploy into an environment that is not bootstrapped (or does not trust the
  // deploying account) is refused.
  it('deploys no stack before the cdk bootstrap of its account and region', () => {
    for (const s of plan.steps.filter((x) => x.kind === 'deploy')) {
      expect([s.id, s.needs.includes(cdkBootstrapStepId(s.account, s.region))]).toEqual([s.id, true]);
    }
  });

  it('bootstraps every member account with --trust of the management account and the config qualifier', () => {
    const members = plan.steps.filter((s) => s.id.startsWith('cdk-bootstrap-') && s.account !== 'management');
    expect(members.map((s) => `${s.account} ${s.region}`)).toEqual(
      ['security', 'log-archive', 'dev', 'stg', 'prod'].flatMap((a) => [`${a} ap-northeast-1`, `${a} us-east-1`]),
    );
    for (const s of members) {
      expect(s.command).toBe(
        `npx cdk bootstrap aws://${s.accountId}/${s.region} --profile ${s.account} --qualifier landfall --trust 111111111111 --cloudformation-execution-policies arn:aws:iam::${s.accountId}:policy/landfall-cdk-execution --custom-permissions-boundary landfall-cdk-boundary --termination-protection`,
      );
    }
  });

  it('bootstraps the management account in every region its stacks use, without --trust', () => {
    const regions = [
      ...new Set(
        plannedStacks(model)
          .filter((s) => s.account.name === 'management')
          .map((s) => s.region),
      ),
    ];
    const steps = regions.map((r) => stepOf(cdkBootstrapStepId('management', r)));
    expect(regions.sort()).toEqual(['ap-northeast-1', 'us-east-1']);
    for (const s of steps) expect(s.command).not.toContain('--trust');
  });

  it('uses the qualifier of platform.deploy.cdkQualifier in every cdk bootstrap command', () => {
    const p = referencePlatform();
    p.deploy = { ...p.deploy, cdkQualifier: 'acme1' };
    const custom = rolloutPlan(validate(p)).steps.filter((s) => s.id.startsWith('cdk-bootstrap-'));
    for (const s of custom) expect(s.command).toContain(' --qualifier acme1 ');
  });

  // AWS Config API reference, PutDeliveryChannel: NoSuchBucketException, InsufficientDeliveryPolicyException;
  // CloudTrail CreateTrail: S3BucketDoesNotExistException, InsufficientS3BucketPolicyException; ELB: access logs
  // "Access Denied for bucket" until the bucket policy admits the region's log writer.
  it("deploys the log buckets before every other account's Baseline, the trail and every environment's Platform", () => {
    const buckets = deployOf('LogArchive/LogBuckets').id;
    const writers = [
      ...plannedStacks(model)
        .filter((s) => (s.role === 'baseline' || s.role === 'regional-baseline') && s.account.name !== 'log-archive')
        .map((s) => s.path),
      'Org/Trail',
      ...model.environments.map((e) => `${e.name}/Platform`),
    ];
    expect(writers).toHaveLength(14);
    for (const path of writers) expect([path, allNeeds(plan, deployOf(path).id).has(buckets)]).toEqual([path, true]);
  });

  // GuardDuty User Guide: "Each organization can have only one delegated GuardDuty administrator account per
  // Region", and "you must have a delegated GuardDuty administrator account in that Region".
  it("deploys the security account's GuardDuty and Security Hub stacks after the delegated administrators", () => {
    for (const path of ['Security/GuardDuty', 'Security/GuardDuty-us-east-1', 'Security/SecurityHub'])
      expect([path, deployOf(path).needs.includes(STEP.delegatedAdministrators)]).toEqual([path, true]);
  });

  // Security Hub evaluates controls in the home and linked regions; control Config.1 (Critical) fails where AWS
  // Config does not record (field review), so every account's Baseline in those regions comes first.
  it("deploys Security Hub after every account's Baseline in the home and the linked regions", () => {
    const needs = allNeeds(plan, deployOf('Security/SecurityHub').id);
    const baselines = plannedStacks(model).filter((s) => s.role === 'baseline' || s.role === 'regional-baseline');
    expect(baselines).toHaveLength(12);
    for (const b of baselines) expect([b.path, needs.has(deployOf(b.path).id)]).toEqual([b.path, true]);
  });

  it("runs nothing that needs a member account's real ID before accounts sync records it", () => {
    const memberSteps = plan.steps.filter(
      (s) => s.account !== 'management' && (s.kind === 'deploy' || s.id.startsWith('cdk-bootstrap-')),
    );
    expect(memberSteps.length).toBeGreaterThan(20);
    // Budgets, assignments and the log buckets' policies name the member accounts by ID.
    const needIds = [
      ...memberSteps,
      deployOf('Org/IdentityCenter'),
      deployOf('Org/Cost'),
      deployOf('LogArchive/LogBuckets'),
    ];
    for (const s of needIds) expect([s.id, allNeeds(plan, s.id).has(STEP.syncMembers)]).toEqual([s.id, true]);
  });

  it('deploys the Organization stack after the SCP policy type, the real root ID and the account quota check', () => {
    const org = stepOf(ORGANIZATION_DEPLOY_STEP);
    expect(org.stacks).toEqual(['Org/Organization']);
    expect(org.command).toBe('npx cdk deploy Org/Organization');
    expect(org.needs).toEqual(
      expect.arrayContaining([STEP.bootstrapOrganization, STEP.syncOrganization, STEP.accountQuota, STEP.fillConfig]),
    );
  });

  it('runs accounts sync again and bootstrap --apply again after the Organization stack created the accounts', () => {
    expect(stepOf(STEP.syncMembers)).toMatchObject({
      command: 'npx landfall accounts sync',
      needs: [ORGANIZATION_DEPLOY_STEP],
    });
    expect(stepOf(STEP.delegatedAdministrators)).toMatchObject({ command: 'npx landfall bootstrap --apply' });
    expect(stepOf(STEP.delegatedAdministrators).needs).toContain(ORGANIZATION_DEPLOY_STEP);
  });

  // AWS::SSO::Assignment takes the target account's ID and the instance ARN.
  it('deploys Identity Center after the real account IDs and the enabled Identity Center', () => {
    expect(deployOf('Org/IdentityCenter').needs).toEqual(
      expect.arrayContaining([STEP.syncMembers, STEP.enableIdentityCenter]),
    );
  });

  // CloudWatch User Guide, "Create a billing alarm": "Before you can create an alarm for your estimated charges,
  // you must enable billing alerts"; billing metric data is stored in US East (N. Virginia).
  it('deploys Billing in us-east-1 after billing alerts are enabled', () => {
    expect(deployOf('Org/Billing')).toMatchObject({ region: 'us-east-1' });
    expect(deployOf('Org/Billing').needs).toContain(STEP.enableBillingAlerts);
  });

  it("deploys each environment's first Baseline from the platform team's credentials, then dev, stg and prod through GitHub Actions", () => {
    const envs = ['dev', 'stg', 'prod'].map((e) => stepOf(`deploy-${e}`));
    expect(envs.map((s) => s.command)).toEqual([
      "npx cdk deploy 'dev/*' --require-approval never",
      "npx cdk deploy 'stg/*' --require-approval never",
      "npx cdk deploy 'prod/*' --require-approval never",
    ]);
    expect(stepOf('deploy-stg').needs).toContain('deploy-dev');
    expect(stepOf('deploy-prod').needs).toContain('deploy-stg');
    expect(stepOf('deploy-prod').title).toContain('after a required reviewer of the GitHub environment prod approves');
    expect(stepOf('deploy-dev').title).not.toContain('required reviewer');
    for (const e of ['dev', 'stg', 'prod']) {
      const baseline = deployOf(`${e}/Baseline`);
      expect(baseline).toMatchObject({ command: `npx cdk deploy ${e}/Baseline`, stacks: [`${e}/Baseline`] });
      expect(stepOf(`deploy-${e}`).needs).toEqual(expect.arrayContaining([baseline.id, STEP.githubEnvironments]));
    }
  });

  it('asks for required reviewers on the prod and platform GitHub environments', () => {
    expect(stepOf(STEP.githubEnvironments).title).toContain(
      'Create the GitHub environments dev, stg, prod, platform in acme/platform (Settings > Environments), with required reviewers on prod and platform',
    );
  });
});

describe('the rollout plan of the reference platform: manual prerequisites', () => {
  // CloudFormation, AWS::Chatbot::SlackChannelConfiguration: "you must perform the initial authorization flow with
  // Slack in the AWS Chatbot console".
  it('authorizes the Slack workspace in AWS Chatbot in each account that posts to Slack, before its deploy', () => {
    const slack = plan.steps.filter((s) => s.id.startsWith('chatbot-slack-'));
    expect(slack.map((s) => s.account)).toEqual(['management', 'dev', 'stg', 'prod']);
    expect(deployOf('Org/Cost').needs).toContain('chatbot-slack-management');
    expect(deployOf('Org/Billing').needs).toContain('chatbot-slack-management');
    expect(stepOf('deploy-dev').needs).toContain('chatbot-slack-dev');
    expect(stepOf('chatbot-slack-dev').inputs).toEqual([
      {
        kind: 'slack-workspace',
        value: 'T0123456789',
        account: 'dev',
        region: 'us-east-2',
        check: `aws chatbot describe-slack-workspaces --region us-east-2 --profile dev --query "SlackWorkspaces[?SlackTeamId=='T0123456789'].SlackTeamName" --output text`,
      },
      {
        kind: 'slack-channel',
        value: 'C0PAGE12345',
        account: 'dev',
        region: 'us-east-2',
        check:
          'curl -s -H "Authorization: Bearer $SLACK_TOKEN" "https://slack.com/api/conversations.info?channel=C0PAGE12345"',
      },
    ]);
  });

  it('lists the certificate and the secrets each environment reads as external inputs, with the command that checks each', () => {
    expect(stepOf('inputs-stg').inputs).toEqual([
      {
        kind: 'certificate',
        value: 'arn:aws:acm:ap-northeast-1:555555555555:certificate/00000000-0000-4000-8000-000000000555',
        account: 'stg',
        region: 'ap-northeast-1',
        check:
          'aws acm describe-certificate --certificate-arn arn:aws:acm:ap-northeast-1:555555555555:certificate/00000000-0000-4000-8000-000000000555 --region ap-northeast-1 --profile stg --query Certificate.Status --output text',
      },
      {
        kind: 'secret',
        value: 'acme/api/token',
        account: 'stg',
        region: 'ap-northeast-1',
        check:
          'aws secretsmanager describe-secret --secret-id acme/api/token --region ap-northeast-1 --profile stg --query ARN --output text',
      },
    ]);
    expect(stepOf('deploy-stg').needs).toContain('inputs-stg');
  });

  // Organizations quotas page: "Newly created accounts and organizations might experience a quota below the
  // default of 10 accounts."
  it('checks the organization may hold every configured account before the Organization stack creates them', () => {
    expect(stepOf(STEP.accountQuota)).toMatchObject({
      kind: 'manual',
      region: 'us-east-1',
      check: {
        description:
          'Service Quotas console in us-east-1 > AWS services > AWS Organizations: the quota on the number of accounts is at least 6 (the Organizations console lists the accounts it already holds)',
        command:
          'aws service-quotas list-service-quotas --service-code organizations --region us-east-1 --profile management --query "Quotas[].[QuotaName,QuotaCode,Value]" --output text',
      },
    });
  });

  it('has the email subscriptions confirmed after the stacks that subscribe them', () => {
    expect(stepOf('confirm-subscriptions-security-ap-northeast-1').needs).toEqual(['deploy-security-findings']);
    expect(stepOf('confirm-subscriptions-management-us-east-1').needs).toEqual(['deploy-org-billing']);
    expect(stepOf('confirm-subscriptions-prod-ap-northeast-1').needs).toEqual(['deploy-prod']);
  });

  it('turns every first-deploy check into a manual step right after the step it applies to', () => {
    const checks = FIRST_DEPLOY_CHECKS.flatMap((define) => define(planContext(model)));
    expect(checks.map((c) => c.id)).toEqual([
      'config-delivery',
      'security-hub-admin-us-east-1',
      'organization-trail',
      'alb-access-logs-dev',
      'organization-policies',
      'github-deploy-trust-prod',
      'secret-age-dev',
      'traffic-shift-stg',
    ]);
    for (const c of checks) {
      const s = stepOf(`check-${c.id}`);
      expect(s).toMatchObject({ kind: 'manual', needs: [c.after], check: c.check, reads: 'confirm' });
      // Right after it, or after the other checks of the same step.
      const between = plan.steps.slice(index(c.after) + 1, index(s.id));
      expect(between.filter((b) => !b.id.startsWith('check-') || !b.needs.includes(c.after))).toEqual([]);
    }
  });
});

describe('the rollout plan of the reference platform: the steps', () => {
  // The list a reviewer reads: a change that adds, drops or reorders a step shows here.
  it('has these steps, in this order', () => {
    expect(plan.steps.map((s) => `${s.id} (${s.kind}, ${s.account}, ${s.region})`)).toEqual([
      'fill-management-account (manual, management, ap-northeast-1)',
      'fill-config (manual, management, ap-northeast-1)',
      'create-organization (manual, management, us-east-1)',
      'organization-account-quota (manual, management, us-east-1)',
      'enable-identity-center (manual, management, ap-northeast-1)',
      'enable-billing-alerts (manual, management, us-east-1)',
      'bootstrap-organization (cli, management, ap-northeast-1)',
      'accounts-sync-organization (cli, management, ap-northeast-1)',
      'cdk-bootstrap-management-ap-northeast-1 (cli, management, ap-northeast-1)',
      'cdk-bootstrap-management-us-east-1 (cli, management, us-east-1)',
      'deploy-org-organization (deploy, management, us-east-1)',
      'check-organization-policies (manual, dev, ap-northeast-1)',
      'accounts-sync-members (cli, management, ap-northeast-1)',
      'bootstrap-delegated-admins (cli, management, ap-northeast-1)',
      'cdk-bootstrap-security-ap-northeast-1 (cli, security, ap-northeast-1)',
      'cdk-bootstrap-security-us-east-1 (cli, security, us-east-1)',
      'cdk-bootstrap-log-archive-ap-northeast-1 (cli, log-archive, ap-northeast-1)',
      'cdk-bootstrap-log-archive-us-east-1 (cli, log-archive, us-east-1)',
      'cdk-bootstrap-dev-ap-northeast-1 (cli, dev, ap-northeast-1)',
      'cdk-bootstrap-dev-us-east-1 (cli, dev, us-east-1)',
      'cdk-bootstrap-stg-ap-northeast-1 (cli, stg, ap-northeast-1)',
      'cdk-bootstrap-stg-us-east-1 (cli, stg, us-east-1)',
      'cdk-bootstrap-prod-ap-northeast-1 (cli, prod, ap-northeast-1)',
      'cdk-bootstrap-prod-us-east-1 (cli, prod, us-east-1)',
      'chatbot-slack-management (manual, management, us-east-2)',
      'chatbot-slack-dev (manual, dev, us-east-2)',
      'chatbot-slack-stg (manual, stg, us-east-2)',
      'chatbot-slack-prod (manual, prod, us-east-2)',
      'deploy-log-archive-log-buckets (deploy, log-archive, ap-northeast-1)',
      'deploy-log-archive-baseline (deploy, log-archive, ap-northeast-1)',
      'deploy-log-archive-regional-baseline-us-east-1 (deploy, log-archive, us-east-1)',
      'deploy-org-baseline (deploy, management, ap-northeast-1)',
      'check-config-delivery (manual, management, ap-northeast-1)',
      'deploy-org-regional-baseline-us-east-1 (deploy, management, us-east-1)',
      'deploy-security-baseline (deploy, security, ap-northeast-1)',
      'deploy-security-regional-baseline-us-east-1 (deploy, security, us-east-1)',
      'deploy-dev-baseline (deploy, dev, ap-northeast-1)',
      'deploy-dev-regional-baseline-us-east-1 (deploy, dev, us-east-1)',
      'deploy-stg-baseline (deploy, stg, ap-northeast-1)',
      'deploy-stg-regional-baseline-us-east-1 (deploy, stg, us-east-1)',
      'deploy-prod-baseline (deploy, prod, ap-northeast-1)',
      'deploy-prod-regional-baseline-us-east-1 (deploy, prod, us-east-1)',
      'deploy-security-guard-duty (deploy, security, ap-northeast-1)',
      'deploy-security-guard-duty-us-east-1 (deploy, security, us-east-1)',
      'deploy-security-security-hub (deploy, security, ap-northeast-1)',
      'check-security-hub-admin-us-east-1 (manual, management, us-east-1)',
      'deploy-security-findings (deploy, security, ap-northeast-1)',
      'confirm-subscriptions-security-ap-northeast-1 (manual, security, ap-northeast-1)',
      'deploy-org-trail (deploy, management, ap-northeast-1)',
      'check-organization-trail (manual, management, ap-northeast-1)',
      'deploy-org-identity-center (deploy, management, ap-northeast-1)',
      'deploy-org-billing (deploy, management, us-east-1)',
      'confirm-subscriptions-management-us-east-1 (manual, management, us-east-1)',
      'deploy-org-cost (deploy, management, ap-northeast-1)',
      'github-environments (manual, management, ap-northeast-1)',
      'inputs-dev (manual, dev, ap-northeast-1)',
      'deploy-dev (deploy, dev, ap-northeast-1)',
      'check-alb-access-logs-dev (manual, log-archive, ap-northeast-1)',
      'check-secret-age-dev (manual, dev, ap-northeast-1)',
      'confirm-subscriptions-dev-ap-northeast-1 (manual, dev, ap-northeast-1)',
      'inputs-stg (manual, stg, ap-northeast-1)',
      'deploy-stg (deploy, stg, ap-northeast-1)',
      'check-traffic-shift-stg (manual, stg, ap-northeast-1)',
      'confirm-subscriptions-stg-ap-northeast-1 (manual, stg, ap-northeast-1)',
      'inputs-prod (manual, prod, ap-northeast-1)',
      'deploy-prod (deploy, prod, ap-northeast-1)',
      'check-github-deploy-trust-prod (manual, prod, ap-northeast-1)',
      'confirm-subscriptions-prod-ap-northeast-1 (manual, prod, ap-northeast-1)',
    ]);
  });

  it('gives every cli and deploy step a command, and every step a check', () => {
    for (const s of plan.steps) {
      if (s.kind !== 'manual') expect([s.id, typeof s.command]).toEqual([s.id, 'string']);
      expect([s.id, s.check.description.length > 0]).toEqual([s.id, true]);
    }
  });
});

describe('first-deploy checks of a rotation the team supplies', () => {
  it('asks for one real rotation of each scheduled secret in the first environment', () => {
    const services = referenceServices();
    Object.assign(services.api, {
      secretRotation: { API_TOKEN_SECRET: { function: 'rotate-api-token', everyDays: 30 } },
    });
    const checks = FIRST_DEPLOY_CHECKS.flatMap((define) =>
      define(planContext(validate(referencePlatform(), services))),
    );
    expect(checks.find((c) => c.id === 'secret-rotation-dev-api-api-token-secret')).toMatchObject({
      after: 'deploy-dev',
      account: { name: 'dev' },
      check: {
        command: 'aws secretsmanager rotate-secret --secret-id acme/api/token --region ap-northeast-1 --profile dev',
      },
    });
  });
});
