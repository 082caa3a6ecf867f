import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge';

export interface TrafficShiftRoleProps {
  /** The service's production listener rule: the one rule ECS may rewrite (its forward weights). */
  readonly productionRule: elbv2.ApplicationListenerRule;
  /** The service's two target groups (primary and alternate): the only ones ECS may register tasks in. */
  readonly targetGroups: readonly elbv2.IApplicationTargetGroup[];
}

/**
 * The infrastructure role ECS assumes to shift one service's traffic during a canary or linear deployment
 * (`LoadBalancer.AdvancedConfiguration.RoleArn`). It is `AmazonECSInfrastructureRolePolicyForLoadBalancers`
 * narrowed to one service: the managed policy lets ECS modify every listener and every listener rule of every load
 * balancer in the account and register targets in every target group; on a shared load balancer that would let one
 * service's deployment rewrite another service's route or the listener's default action. This role may only
 * read the load balancer, rewrite the service's own production rule and register and deregister targets in the
 * service's own two target groups; `ModifyListener` is not granted at all.
 */
export class TrafficShiftRole extends Construct {
  public readonly role: iam.Role;
  /** The role's permissions. */
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: TrafficShiftRoleProps) {
    super(scope, id);
    if (props.targetGroups.length === 0) {
      throw new Error(`${this.node.path}: targetGroups is empty (allowed: the service's own target groups)`);
    }
    const account = Stack.of(this).account;
    this.role = new iam.Role(this, 'Role', {
      description: 'ECS shifts this service traffic between its own two target groups on its own listener rule',
      // "Amazon ECS infrastructure IAM role for load balancers": the trust policy names ecs.amazonaws.com. The
      // source-account condition keeps any other account's ECS from using the role; see docs/environments.md for the
      // first-deploy check that ECS sends aws:SourceAccount when it assumes the role.
      assumedBy: new iam.ServicePrincipal('ecs.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    });
    // A customer-managed policy (not inline: NIST.800.53.R5-IAMNoInlinePolicy), attached to this role only.
    const policy = (this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'ECS traffic shifting of one service: its own listener rule and target groups',
      roles: [this.role],
      statements: [
        // The managed policy's ELBReadOperations: these Describe actions support no resource-level permissions.
        new iam.PolicyStatement({
          sid: 'ReadLoadBalancer',
          actions: [
            'elasticloadbalancing:DescribeListeners',
            'elasticloadbalancing:DescribeRules',
            'elasticloadbalancing:DescribeTargetGroups',
            'elasticloadbalancing:DescribeTargetHealth',
          ],
          resources: ['*'],
        }),
        // The managed policy's ALBModifyRules, on this service's production rule only.
        new iam.PolicyStatement({
          sid: 'ShiftOwnRule',
          actions: ['elasticloadbalancing:ModifyRule'],
          resources: [props.productionRule.listenerRuleArn],
        }),
        // The managed policy's TargetGroupOperations, on this service's target groups only.
        new iam.PolicyStatement({
          sid: 'RegisterInOwnTargetGroups',
          actions: ['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'],
          resources: props.targetGroups.map((tg) => tg.targetGroupArn),
        }),
      ],
    }));
    acknowledge(policy, {
      'AwsSolutions-IAM5[Resource::*]':
        'Only the four elasticloadbalancing Describe actions, which support no resource-level permissions; every write names this service rule or target groups',
    });
  }
}
