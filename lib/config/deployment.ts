/**
 * A web service's deployment in one environment: the environment's profile with the service's `deployment` on top,
 * reduced to what its strategy uses. Pure; the deployment check and the environment plan both resolve through here.
 */
import type { DeploymentStrategy, TierProfile } from './profiles';
import type { WebServiceConfig } from './schema/service';

/** A deployment that shifts load balancer traffic between two target groups (ECS `CANARY` or `LINEAR`). */
export interface TrafficShiftDeployment {
  readonly strategy: Exclude<DeploymentStrategy, 'rolling'>;
  /** Canary: the share of the canary phase; linear: the share of each step (percent). */
  readonly stepPercent: number;
  /** Canary: minutes of the canary phase; linear: minutes between steps. */
  readonly intervalMinutes: number;
  /** Minutes both revisions run after all traffic moved. */
  readonly bakeMinutes: number;
}

/** Tasks replaced in place behind one target group, guarded by the circuit breaker. */
export interface RollingDeployment {
  readonly strategy: 'rolling';
}

export type ResolvedDeployment = TrafficShiftDeployment | RollingDeployment;

/**
 * CloudFormation rejects a canary or linear deployment whose computed time exceeds 33 hours
 * (AWS::ECS::Service CanaryConfiguration / LinearConfiguration: "CloudFormation rejects deployments when the
 * calculated deployment time exceeds 33 hours based on your template configuration").
 */
export const MAX_DEPLOYMENT_MINUTES = 33 * 60;

type DeploymentFields = Pick<
  TierProfile,
  | 'deploymentStrategy'
  | 'canaryPercent'
  | 'canaryIntervalMinutes'
  | 'linearStepPercent'
  | 'linearIntervalMinutes'
  | 'deploymentBakeMinutes'
>;

export function resolveDeployment(
  profile: DeploymentFields,
  service: Pick<WebServiceConfig, 'deployment'>,
): ResolvedDeployment {
  const fields: DeploymentFields = { ...profile, ...service.deployment };
  switch (fields.deploymentStrategy) {
    case 'rolling':
      return { strategy: 'rolling' };
    case 'canary':
      return {
        strategy: 'canary',
        stepPercent: fields.canaryPercent,
        intervalMinutes: fields.canaryIntervalMinutes,
        bakeMinutes: fields.deploymentBakeMinutes,
      };
    case 'linear':
      return {
        strategy: 'linear',
        stepPercent: fields.linearStepPercent,
        intervalMinutes: fields.linearIntervalMinutes,
        bakeMinutes: fields.deploymentBakeMinutes,
      };
  }
}

/**
 * The deployment time CloudFormation computes: bake time plus the canary interval, or plus the step interval times
 * the steps before 100 % (`100 / step - 1` when the step divides 100, otherwise `floor(100 / step)`).
 */
export function deploymentMinutes(deployment: TrafficShiftDeployment): number {
  if (deployment.strategy === 'canary') return deployment.bakeMinutes + deployment.intervalMinutes;
  const steps = 100 / deployment.stepPercent;
  const waits = Math.abs(steps - Math.round(steps)) < 1e-9 ? Math.round(steps) - 1 : Math.floor(steps);
  return deployment.bakeMinutes + deployment.intervalMinutes * waits;
}
