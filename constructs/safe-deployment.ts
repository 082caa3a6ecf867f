import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/**
 * The deployment settings every landfall Fargate service shares: private subnets without public IPs, a rolling
 * update that keeps full capacity, the circuit breaker with rollback, and a deployment alarm that rolls back a
 * running deployment when it fires (`ROLLBACK_ON_ALARM`).
 */
export function safeDeployment(rollbackAlarm: cloudwatch.IAlarm) {
  return {
    assignPublicIp: false,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    minHealthyPercent: 100,
    maxHealthyPercent: 200,
    circuitBreaker: { enable: true, rollback: true },
    deploymentAlarms: { alarmNames: [rollbackAlarm.alarmName], behavior: ecs.AlarmBehavior.ROLLBACK_ON_ALARM },
    propagateTags: ecs.PropagatedTagSource.SERVICE,
    enableECSManagedTags: true,
  } satisfies Partial<ecs.FargateServiceProps>;
}
