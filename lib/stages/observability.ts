import type { Construct } from 'constructs';
import { RUNBOOKS } from '../../constructs/alarm-conventions';
import type { DatabasePlan } from '../plan/database';
import type { EnvironmentPlan, ServicePlan } from '../plan/environment';
import type { DatabaseAlarmKind } from '../plan/alarm-names';
import { alarmName } from '../plan/alarm-names';
import type { DashboardDatabase, DashboardService } from '../stacks/observability-stack';
import { ObservabilityStack } from '../stacks/observability-stack';
import { removalPolicy, retentionDays } from './cdk-values';

/** What the dashboard needs of a service: names, all derived. */
function dashboardService(service: ServicePlan, environment: string, db?: DatabasePlan): DashboardService {
  const notifying = service.alarmNames.notifying;
  const database = db === undefined ? {} : { database: dashboardDatabase(db) };
  if (service.kind === 'web') {
    const name = (kind: string) => alarmName(environment, service.name, kind);
    return {
      ...database,
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
    ...database,
    kind: 'worker',
    name: service.name,
    ecsServiceName: service.ecsServiceName,
    queueName: service.queueName,
    deadLetterQueueName: service.deadLetterQueueName,
    alarms: { notifying },
  };
}

/** A database's alarms by kind; the plan leaves out the kinds that do not apply. */
function dashboardDatabase(db: DatabasePlan): DashboardDatabase {
  const names = db.alarmNames;
  const required = (kind: DatabaseAlarmKind): string => {
    const name = names[kind];
    if (name === undefined) throw new Error(`database of ${db.service}: no ${kind} alarm in the plan`);
    return name;
  };
  const capacity = names['capacity-at-max'];
  const replicaLag = names['replica-lag'];
  return {
    alarms: {
      'cpu-high': required('cpu-high'),
      'freeable-memory-low': required('freeable-memory-low'),
      'connections-high': required('connections-high'),
      ...(capacity === undefined ? {} : { 'capacity-at-max': capacity }),
      ...(replicaLag === undefined ? {} : { 'replica-lag': replicaLag }),
      deadlocks: required('deadlocks'),
      'slow-queries': required('slow-queries'),
    },
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
      return dashboardService(
        service,
        plan.name,
        plan.databases.find((db) => db.service === name),
      );
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
      releaseMarker: {
        logGroupName: part.releaseLogGroupName,
        retention: retentionDays(plan.logRetentionDays),
        removalPolicy: removalPolicy(plan.removalPolicy),
      },
      ...(part.oomWatch
        ? {
            secretAgeWatch: {
              ruleName: part.secretAgeRuleName,
              maxAgeDays: plan.secretMaxAgeDays,
              runbookUrl: `${plan.runbookBaseUrl}/${RUNBOOKS.secretAge}.md`,
            },
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
