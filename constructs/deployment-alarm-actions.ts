import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { acknowledge } from './acknowledge';

/**
 * Give a deployment (rollback) alarm its notification actions; where an environment turns actions off, acknowledge
 * the alarm-action findings, since the alarm's job is the ECS rollback, which needs no action.
 */
export function addDeploymentAlarmActions(
  alarm: cloudwatch.Alarm,
  actions: readonly cloudwatch.IAlarmAction[] | undefined,
): void {
  for (const action of actions ?? []) alarm.addAlarmAction(action);
  if ((actions ?? []).length > 0) return;
  acknowledge(alarm, {
    'NIST.800.53.R5-CloudWatchAlarmAction':
      'Alarm actions are off in this environment (no actions given); the alarm still rolls back deployments as an ECS deployment alarm',
    'guard:cloudwatch_alarm_action_check':
      'CT.CLOUDWATCH.PR.1: alarm actions are off in this environment (no actions given); the alarm still rolls back deployments through ECS',
  });
}
