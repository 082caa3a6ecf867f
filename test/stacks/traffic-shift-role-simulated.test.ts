import { runSimulation } from '@cloud-copilot/iam-simulate';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp, stackAt } from '../support/example';
import { isAllowed, resolveIntrinsics } from '../support/iam';

/**
 * The role ECS assumes to shift the prod api's traffic during a canary, under the IAM policy simulator, as the
 * synthesized prod/Service-api stack declares it. The managed policy it replaces,
 * AmazonECSInfrastructureRolePolicyForLoadBalancers (v6), allows `elasticloadbalancing:ModifyListener` on
 * `listener/app/*` and `ModifyRule` on `listener-rule/app/*` of every load balancer, and RegisterTargets and
 * DeregisterTargets on every `targetgroup/*`; on a shared load balancer that reaches every other service's route and
 * the listener's default action. This one reaches the api's own rule and target groups only.
 */
const ACCOUNT = '666666666666';
const REGION = 'ap-northeast-1';
const elb = (resource: string) => `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:${resource}`;
const LOAD_BALANCER = elb('loadbalancer/app/landfall-prod/50dc6c495c0c9188');
const LISTENER = elb('listener/app/landfall-prod/50dc6c495c0c9188/f2f7dc8efc522ab2');
const OWN_RULE = elb('listener-rule/app/landfall-prod/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee');
const OTHER_RULE = elb('listener-rule/app/landfall-prod/50dc6c495c0c9188/f2f7dc8efc522ab2/1111b2d02a6c0000');
const PRIMARY = elb('targetgroup/landf-WebTa-PRIMARY/73e2d6bc24d8a067');
const ALTERNATE = elb('targetgroup/landf-WebAl-ALTERNATE/2453ed029918f21f');
const OTHER_TARGET_GROUP = elb('targetgroup/landf-WebTa-OTHERSVC/9683b2d02a6cabee');

const stack = stackAt(buildApp(), 'prod/Service-api');
type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;
const resources = Template.fromStack(stack).toJSON().Resources as Resources;
const idOf = (type: string, prefix: string) =>
  Object.keys(resources).find((id) => resources[id]!.Type === type && id.startsWith(prefix))!;
/** The template with the rule's and the target groups' `Ref`s as the ARNs above. */
const withArns = (document: unknown) =>
  JSON.parse(
    JSON.stringify(document)
      .replaceAll(
        JSON.stringify({ Ref: idOf('AWS::ElasticLoadBalancingV2::ListenerRule', 'WebListenerRule') }),
        `"${OWN_RULE}"`,
      )
      .replaceAll(
        JSON.stringify({ Ref: idOf('AWS::ElasticLoadBalancingV2::TargetGroup', 'WebTargetGroup') }),
        `"${PRIMARY}"`,
      )
      .replaceAll(
        JSON.stringify({ Ref: idOf('AWS::ElasticLoadBalancingV2::TargetGroup', 'WebAlternateTargetGroup') }),
        `"${ALTERNATE}"`,
      ),
  ) as unknown;
const env = { account: ACCOUNT, region: REGION };
const roleId = idOf('AWS::IAM::Role', 'WebTrafficShiftRole');
const policies = Object.entries(resources)
  .filter(([, r]) => r.Type === 'AWS::IAM::ManagedPolicy' && JSON.stringify(r.Properties?.Roles).includes(roleId))
  .map(([name, r]) => ({ name, policy: resolveIntrinsics(withArns(r.Properties?.PolicyDocument), resources, env) }));
const trustPolicy = resolveIntrinsics(resources[roleId]!.Properties?.AssumeRolePolicyDocument, resources, env);

const can = (action: string, resource: string) => isAllowed(policies, action, resource, ACCOUNT);

describe('the traffic-shift role of a canary service, simulated', () => {
  it('is the only policy on the role', () => {
    expect(policies.map((p) => p.name)).toEqual([expect.stringMatching(/^WebTrafficShiftPolicy/)]);
  });

  // "Amazon ECS infrastructure IAM role for load balancers": ECS shifts traffic by rewriting the production listener
  // rule (ModifyRule) and registers the new revision's tasks (RegisterTargets, DeregisterTargets).
  it.each([
    ['rewriting its own production rule', 'elasticloadbalancing:ModifyRule', OWN_RULE],
    ['registering tasks in its primary target group', 'elasticloadbalancing:RegisterTargets', PRIMARY],
    ['registering tasks in its alternate target group', 'elasticloadbalancing:RegisterTargets', ALTERNATE],
    ['draining its primary target group', 'elasticloadbalancing:DeregisterTargets', PRIMARY],
    ['draining its alternate target group', 'elasticloadbalancing:DeregisterTargets', ALTERNATE],
    ['reading the rules', 'elasticloadbalancing:DescribeRules', '*'],
    ['reading the listeners', 'elasticloadbalancing:DescribeListeners', '*'],
    ['reading the target groups', 'elasticloadbalancing:DescribeTargetGroups', '*'],
    ['reading target health', 'elasticloadbalancing:DescribeTargetHealth', '*'],
  ])('allows %s', async (_what, action, resource) => {
    await expect(can(action, resource)).resolves.toBe(true);
  });

  it.each([
    ["another service's rule", 'elasticloadbalancing:ModifyRule', OTHER_RULE],
    ["the listener's default action", 'elasticloadbalancing:ModifyListener', LISTENER],
    ['a new rule on the shared listener', 'elasticloadbalancing:CreateRule', LISTENER],
    ['deleting its own rule', 'elasticloadbalancing:DeleteRule', OWN_RULE],
    ['reordering the rules', 'elasticloadbalancing:SetRulePriorities', OWN_RULE],
    ["another service's target group", 'elasticloadbalancing:RegisterTargets', OTHER_TARGET_GROUP],
    ["draining another service's target group", 'elasticloadbalancing:DeregisterTargets', OTHER_TARGET_GROUP],
    ["changing its target group's health check", 'elasticloadbalancing:ModifyTargetGroup', PRIMARY],
    ['deleting the load balancer', 'elasticloadbalancing:DeleteLoadBalancer', LOAD_BALANCER],
    ["changing the load balancer's attributes", 'elasticloadbalancing:ModifyLoadBalancerAttributes', LOAD_BALANCER],
    ['deleting the listener', 'elasticloadbalancing:DeleteListener', LISTENER],
  ])('denies %s', async (_what, action, resource) => {
    await expect(can(action, resource)).resolves.toBe(false);
  });

  const assume = async (principal: string, sourceAccount: string) => {
    const result = await runSimulation(
      {
        request: {
          principal,
          action: 'sts:AssumeRole',
          resource: { resource: `arn:aws:iam::${ACCOUNT}:role/traffic-shift`, accountId: ACCOUNT },
          contextVariables: { 'aws:SourceAccount': sourceAccount },
        },
        identityPolicies: [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: trustPolicy,
      },
      {},
    );
    if (result.resultType === 'error') throw new Error(`simulation failed: ${JSON.stringify(result.errors)}`);
    return result.overallResult;
  };

  it('trusts ECS acting for this account', async () => {
    await expect(assume('ecs.amazonaws.com', ACCOUNT)).resolves.toBe('Allowed');
  });

  it('refuses ECS acting for another account', async () => {
    await expect(assume('ecs.amazonaws.com', '999999999999')).resolves.not.toBe('Allowed');
  });

  it('refuses the task principal (a service task cannot shift traffic)', async () => {
    await expect(assume('ecs-tasks.amazonaws.com', ACCOUNT)).resolves.not.toBe('Allowed');
  });
});
