import type { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/** Tasks replaced in place (ECS `ROLLING`), guarded by the deployment circuit breaker. */
export interface RollingWebDeployment {
  readonly strategy: 'rolling';
}

/**
 * The new revision starts beside the old one and ECS moves load balancer traffic to it (ECS `CANARY` or `LINEAR`):
 * a canary gets `stepPercent` of the traffic for `interval`, then all of it; a linear deployment moves `stepPercent`
 * every `interval`. Both revisions then run for `bakeTime`, during which a rollback only moves traffic back.
 */
export interface TrafficShiftWebDeployment {
  readonly strategy: 'canary' | 'linear';
  /** Canary: the canary share; linear: the share of each step (percent, multiples of 0.1). */
  readonly stepPercent: number;
  /** Canary: how long the canary share runs; linear: the wait between steps (0-1440 minutes). */
  readonly interval: Duration;
  /** How long both revisions run after all traffic moved. */
  readonly bakeTime: Duration;
}

export type WebDeployment = RollingWebDeployment | TrafficShiftWebDeployment;

/** The settings every landfall Fargate service shares: private subnets without public IPs, tags from the service. */
const COMMON = {
  assignPublicIp: false,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
  propagateTags: ecs.PropagatedTagSource.SERVICE,
  enableECSManagedTags: true,
} satisfies Partial<ecs.FargateServiceProps>;

/**
 * The deployment settings of a landfall Fargate service. Rolling (the default, and every worker): an update that
 * keeps full capacity, the circuit breaker with rollback, and a deployment alarm that rolls back a running deployment
 * when it fires (`ROLLBACK_ON_ALARM`). Canary and linear: ECS's native traffic shifting with the same alarm rollback
 * and the bake time; the circuit breaker is left out, since the ECS API reference says "The deployment circuit
 * breaker can only be used for services using the rolling update (ECS) deployment type" (DeploymentConfiguration).
 */
export function safeDeployment(rollbackAlarm: cloudwatch.IAlarm, deployment: WebDeployment = { strategy: 'rolling' }) {
  const alarms = {
    deploymentAlarms: { alarmNames: [rollbackAlarm.alarmName], behavior: ecs.AlarmBehavior.ROLLBACK_ON_ALARM },
  };
  // Rolling: full capacity during the update. Canary and linear start the whole new revision beside the old one.
  const bounds = { minHealthyPercent: 100, maxHealthyPercent: 200 };
  if (deployment.strategy === 'rolling') {
    return {
      ...COMMON,
      ...bounds,
      ...alarms,
      deploymentStrategy: ecs.DeploymentStrategy.ROLLING,
      circuitBreaker: { enable: true, rollback: true },
    } satisfies Partial<ecs.FargateServiceProps>;
  }
  const shift = { stepPercent: deployment.stepPercent, stepBakeTime: deployment.interval };
  return {
    ...COMMON,
    ...bounds,
    ...alarms,
    bakeTime: deployment.bakeTime,
    ...(deployment.strategy === 'canary'
      ? { deploymentStrategy: ecs.DeploymentStrategy.CANARY, canaryConfiguration: shift }
      : { deploymentStrategy: ecs.DeploymentStrategy.LINEAR, linearConfiguration: shift }),
  } satisfies Partial<ecs.FargateServiceProps>;
}
