/**
 * The weekly review's role (`landfall-review`, Baseline stack) under an IAM policy simulator: who may assume it
 * (its trust policy), what it may do (its identity policy), and that the SCPs let its reads through.
 *
 * The simulator knows `token.actions.githubusercontent.com:job_workflow_ref` as an STS condition key but not
 * `:sub` or `:aud` (it drops unknown context keys), so the trust simulation evaluates the `job_workflow_ref`
 * condition and the exact `sub` and `aud` values are asserted beside it.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { resolveIntrinsics, rolePolicies } from '../support/iam';
import { buildApp, referenceModel, stackAt } from '../support/example';
import { scpHierarchy } from '../support/scp-simulation';

const model = referenceModel();
const built = buildApp();
const HOST = 'token.actions.githubusercontent.com';
const REPO = model.platform.deploy.githubRepository;

interface Statement {
  Effect: string;
  Principal: { Federated: unknown };
  Action: string;
  Condition: { StringEquals: Record<string, string> };
}

function reviewRole(stack: Stack) {
  const template = Template.fromStack(stack).toJSON() as {
    Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  };
  const [id, role] = Object.entries(template.Resources).find(
    ([, r]) => r.Type === 'AWS::IAM::Role' && r.Properties.RoleName === 'landfall-review',
  ) ?? ['', undefined];
  if (role === undefined) throw new Error(`no landfall-review role in ${stack.node.path}`);
  const trust = resolveIntrinsics(role.Properties.AssumeRolePolicyDocument, template.Resources, {
    account: stack.account,
    region: stack.region,
  }) as { Version: string; Statement: Statement[] };
  return { id, role, trust, provider: `arn:aws:iam::${stack.account}:oidc-provider/${HOST}` };
}

/** May a job whose token carries `claims` assume the role? (The provider principal as the stack's own provider.) */
async function mayAssume(stack: Stack, claims: Record<string, string>): Promise<string> {
  const { trust, provider } = reviewRole(stack);
  const statements = trust.Statement.map((s) => ({
    ...s,
    Principal: { Federated: provider },
    // Evaluated by the simulator: job_workflow_ref. Asserted exactly in the tests below: sub and aud.
    Condition: { StringEquals: { [`${HOST}:job_workflow_ref`]: s.Condition.StringEquals[`${HOST}:job_workflow_ref`] } },
  }));
  const result = await runSimulation(
    {
      request: {
        principal: provider,
        action: 'sts:AssumeRoleWithWebIdentity',
        resource: { resource: `arn:aws:iam::${stack.account}:role/landfall-review`, accountId: stack.account },
        contextVariables: Object.fromEntries(Object.entries(claims).map(([k, v]) => [`${HOST}:${k}`, v])),
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: { Version: '2012-10-17', Statement: statements },
    },
    {},
  );
  if (result.resultType === 'error') return `invalid case: ${JSON.stringify(result.errors)}`;
  return result.overallResult === 'Allowed' ? 'allowed' : 'denied';
}

const prod = stackAt(built, 'prod/Baseline');
const security = stackAt(built, 'Security/Baseline');

describe('who may assume the review role', () => {
  it('names the review workflow on main as the OIDC subject and STS as the audience, exactly', () => {
    for (const stack of [prod, security]) {
      const { trust } = reviewRole(stack);
      expect(trust.Statement).toHaveLength(1);
      expect(trust.Statement[0].Condition).toEqual({
        StringEquals: {
          [`${HOST}:aud`]: 'sts.amazonaws.com',
          [`${HOST}:sub`]: `repo:${REPO}:ref:refs/heads/main`,
          [`${HOST}:job_workflow_ref`]: `${REPO}/.github/workflows/weekly-review.yml@refs/heads/main`,
        },
      });
    }
  });

  it('holds a session of at most one hour', () => {
    expect(reviewRole(prod).role.Properties.MaxSessionDuration).toBe(3600);
  });

  it.each([
    [
      'the weekly review workflow on main is allowed',
      `${REPO}/.github/workflows/weekly-review.yml@refs/heads/main`,
      'allowed',
    ],
    ['the deploy workflow is denied', `${REPO}/.github/workflows/deploy.yml@refs/heads/main`, 'denied'],
    ['a pull-request workflow is denied', `${REPO}/.github/workflows/pr.yml@refs/pull/7/merge`, 'denied'],
    [
      'the review workflow from another branch is denied',
      `${REPO}/.github/workflows/weekly-review.yml@refs/heads/feature`,
      'denied',
    ],
    [
      'the same workflow in another repository is denied',
      'attacker/fork/.github/workflows/weekly-review.yml@refs/heads/main',
      'denied',
    ],
  ])('%s', async (_name, ref, expected) => {
    await expect(mayAssume(prod, { job_workflow_ref: ref })).resolves.toBe(expected);
    await expect(mayAssume(security, { job_workflow_ref: ref })).resolves.toBe(expected);
  });
});

/** What the role may do in its account, under its identity policy and the account's SCPs. */
async function mayDo(stack: Stack, accountName: string, action: string, resource: string): Promise<string> {
  const policies = rolePolicies(stack, /WeeklyReview/);
  const principal = `arn:aws:iam::${stack.account}:role/landfall-review`;
  const result = await runSimulation(
    {
      request: {
        principal,
        action,
        resource: { resource: resource.replaceAll('{account}', stack.account), accountId: stack.account },
        contextVariables: {
          'aws:PrincipalArn': principal,
          'aws:PrincipalAccount': stack.account,
          'aws:PrincipalOrgID': model.platform.organization.id,
          'aws:RequestedRegion': stack.region,
          'aws:SecureTransport': 'true',
        },
      },
      identityPolicies: policies,
      serviceControlPolicies: scpHierarchy(model, accountName),
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === 'error') return `invalid case: ${JSON.stringify(result.errors)}`;
  return result.overallResult === 'Allowed' ? 'allowed' : 'denied';
}

const ALARM = 'arn:aws:cloudwatch:ap-northeast-1:{account}:alarm:landfall-prod-api-availability-burn-fast';
const SERVICE = 'arn:aws:ecs:ap-northeast-1:{account}:service/landfall-prod/api';
const HUB = 'arn:aws:securityhub:ap-northeast-1:{account}:hub/default';

describe('what the review role may do in an environment account, through the SCPs', () => {
  it.each([
    ['describes landfall alarms', 'cloudwatch:DescribeAlarms', ALARM, 'allowed'],
    ['reads alarm history (composites need *)', 'cloudwatch:DescribeAlarmHistory', '*', 'allowed'],
    ['reads metric data', 'cloudwatch:GetMetricData', '*', 'allowed'],
    ['lists service deployments', 'ecs:ListServiceDeployments', SERVICE, 'allowed'],
    ["reads the account's costs", 'ce:GetCostAndUsage', '*', 'allowed'],
    [
      'cannot describe alarms of others',
      'cloudwatch:DescribeAlarms',
      'arn:aws:cloudwatch:ap-northeast-1:{account}:alarm:billing',
      'denied',
    ],
    ['cannot create or change an alarm', 'cloudwatch:PutMetricAlarm', ALARM, 'denied'],
    ['cannot delete alarms', 'cloudwatch:DeleteAlarms', ALARM, 'denied'],
    ['cannot silence alarm actions', 'cloudwatch:DisableAlarmActions', ALARM, 'denied'],
    ['cannot change a service', 'ecs:UpdateService', SERVICE, 'denied'],
    ['cannot change cost allocation tags', 'ce:UpdateCostAllocationTagsStatus', '*', 'denied'],
    ['cannot read findings here (the security account does)', 'securityhub:GetFindings', HUB, 'denied'],
    [
      'cannot read secrets',
      'secretsmanager:GetSecretValue',
      'arn:aws:secretsmanager:ap-northeast-1:{account}:secret:x-AbCdEf',
      'denied',
    ],
  ])('%s', async (_name, action, resource, expected) => {
    await expect(mayDo(prod, 'prod', action, resource)).resolves.toBe(expected);
  });
});

describe('what the review role may do in the security account, through the SCPs', () => {
  it.each([
    ['reads the aggregated findings', 'securityhub:GetFindings', HUB, 'allowed'],
    ['cannot update findings', 'securityhub:BatchUpdateFindings', HUB, 'denied'],
    ['cannot disable Security Hub', 'securityhub:DisableSecurityHub', HUB, 'denied'],
    ['reads no alarms or costs there', 'ce:GetCostAndUsage', '*', 'denied'],
  ])('%s', async (_name, action, resource, expected) => {
    await expect(mayDo(security, 'security', action, resource)).resolves.toBe(expected);
  });
});

describe('where the review role exists', () => {
  it('exists in every environment account and the security account, not in the management or log-archive account', () => {
    const has = (path: string) =>
      Object.values(Template.fromStack(stackAt(built, path)).findResources('AWS::IAM::Role')).some(
        (r) => (r as { Properties: { RoleName?: string } }).Properties.RoleName === 'landfall-review',
      );
    expect(['dev', 'stg', 'prod', 'Security', 'LogArchive', 'Org'].map((s) => [s, has(`${s}/Baseline`)])).toEqual([
      ['dev', true],
      ['stg', true],
      ['prod', true],
      ['Security', true],
      ['LogArchive', false],
      ['Org', false],
    ]);
  });
});
