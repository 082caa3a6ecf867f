import type { Construct } from 'constructs';
import { RUNBOOKS } from '../../constructs/alarm-conventions';
import type { EnvironmentPlan, ServicePlan } from '../plan/environment';
import { alarmName } from '../plan/alarm-names';
import type { DashboardService } from '../stacks/observability-stack';
import { ObservabilityStack } from '../stacks/observability-stack';
import { removalPolicy, retentionDays } from './cdk-values';

/** What the dashboard needs of a service: names, all derived. */
function dashboardService(service: ServicePlan, environment: string): DashboardService {
  const notifying = service.alarmNames.notifying;
  if (service.kind === 'web') {
    const name = (kind: string) => alarmName(environment, service.name, kind);
    return {
      kind: 'web',
      name: service.name,
      ecsServiceName: service.ecsServiceName,
      alarms: {
        notifying,
        serverErrors: name('server-errors'),
        p99Latency: name('p99-latency'),
        unhealthyTargets: name('unhealthy-targets'),
      },
    };
  }
  return {
    kind: 'worker',
    name: service.name,
    ecsServiceName: service.ecsServiceName,
    queueName: service.queueName,
    deadLetterQueueName: service.deadLetterQueueName,
    alarms: { notifying },
  };
}

/**
 * The environment's Observability stacks (one per 25 services, `plan.observability`): the OOM watch in the first,
 * a dashboard in each. They take nothing from the service stacks, so they deploy in the same wave.
 */
export function addObservability(stage: Construct, plan: EnvironmentPlan): ObservabilityStack[] {
  const byName = new Map(plan.services.map((s) => [s.name, s]));
  return plan.observability.map((part) => {
    const services = part.services.map((name) => {
      const service = byName.get(name);
      if (service === undefined) throw new Error(`observability of ${plan.name}: no service ${name} in the plan`);
      return dashboardService(service, plan.name);
    });
    return new ObservabilityStack(stage, part.stackId, {
      stackName: part.stackName,
      description: part.description,
      terminationProtection: plan.terminationProtection,
      environment: plan.name,
      references: plan.references,
      dashboardName: part.dashboardName,
      services,
      containerInsights: plan.containerInsights,
      ...(part.oomWatch
        ? {
            oomWatch: {
              logGroupName: part.oomLogGroupName,
              retention: retentionDays(plan.logRetentionDays),
              removalPolicy: removalPolicy(plan.removalPolicy),
              runbookUrl: `${plan.runbookBaseUrl}/${RUNBOOKS.outOfMemory}.md`,
            },
          }
        : {}),
    });
  });
}
