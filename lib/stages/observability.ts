import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { AlarmTopics } from '../../constructs/alarm-topics';
import type { LandfallModel, ResolvedEnvironment } from '../config';
import { resolveNotifications, resolveWebOperations, resolveWorkerOperations } from '../config';
import { operationsPrefix, STACKS, stackName } from '../naming';
import type { ObservedService } from '../stacks/observability-stack';
import { ObservabilityStack } from '../stacks/observability-stack';

/** What a service stack hands to operations: its ECS service and, by kind, its target group or queues. */
export interface ServiceHandles {
  readonly service: ecs.IBaseService;
  /** Web services: the target group on the environment's load balancer. */
  readonly targetGroup?: elbv2.IApplicationTargetGroup;
  /** Workers: the queue they consume. */
  readonly queue?: sqs.IQueue;
  /** Workers: the queue's dead-letter queue. */
  readonly deadLetterQueue?: sqs.IQueue;
  /** Where the service's alarms go (its own stack). @default the Observability stack */
  readonly alarmScope?: Construct;
}

/** Pair every configured service with its resources; names a service whose handles are missing. */
export function observedServices(
  model: LandfallModel,
  environment: string,
  handles: Readonly<Record<string, ServiceHandles>>,
): ObservedService[] {
  return model.services.map((config): ObservedService => {
    const h = handles[config.name];
    const missing = (what: string) =>
      new Error(
        `operations of ${environment}: service "${config.name}" (${config.kind}) has no ${what}; pass it in the handles of addObservability`,
      );
    if (h === undefined) throw missing('handles');
    if (config.kind === 'web') {
      if (h.targetGroup === undefined) throw missing('targetGroup');
      const ops = resolveWebOperations(config);
      return {
        kind: 'web',
        name: config.name,
        service: h.service,
        targetGroup: h.targetGroup,
        objectives: {
          availabilityPercent: ops.availabilityPercent,
          latencyTargetMs: ops.latencyTargetMs,
          latencyPercent: ops.latencyPercent,
        },
        thresholds: {
          p99LatencyMs: ops.p99LatencyMs,
          server5xxPercent: ops.server5xxPercent,
          cpuPercent: ops.cpuPercent,
          memoryPercent: ops.memoryPercent,
        },
        ...(config.owner === undefined ? {} : { owner: config.owner }),
        ...(h.alarmScope === undefined ? {} : { alarmScope: h.alarmScope }),
      };
    }
    if (h.queue === undefined) throw missing('queue');
    if (h.deadLetterQueue === undefined) throw missing('deadLetterQueue');
    return {
      kind: 'worker',
      name: config.name,
      service: h.service,
      queue: h.queue,
      deadLetterQueue: h.deadLetterQueue,
      thresholds: resolveWorkerOperations(config),
      ...(config.owner === undefined ? {} : { owner: config.owner }),
      ...(h.alarmScope === undefined ? {} : { alarmScope: h.alarmScope }),
    };
  });
}

/**
 * Services per Observability stack and dashboard: 25 services keep a dashboard far below CloudWatch's 500 widgets
 * and the stack's template far below CloudFormation's 1 MB, however many services an environment has.
 */
export const SERVICES_PER_DASHBOARD = 25;

/**
 * The environment's Observability stacks: the OOM watch, every service's alarms (in each service's stack when its
 * handles give an `alarmScope`) and the dashboards, from config and the environment's profile, notifying `topics`
 * (the Platform stack's). One stack and dashboard per 25 services: `Observability` (with the OOM watch and the
 * dashboard `landfall-<env>`), then `Observability-2` (`landfall-<env>-2`), ... Call it in the environment stage
 * after the service stacks, with each service's handles keyed by service name; the stacks depend on them through
 * their references.
 */
export function addObservability(
  stage: Construct,
  stageName: string,
  model: LandfallModel,
  environment: ResolvedEnvironment,
  handles: Readonly<Record<string, ServiceHandles>>,
  topics: AlarmTopics,
): ObservabilityStack[] {
  const notifications = resolveNotifications(model.platform);
  const { profile } = environment;
  const services = observedServices(model, environment.name, handles);
  const namePrefix = operationsPrefix(environment.name);
  const clusters = [...new Set(services.map((s) => s.service.cluster))];
  const stacks: ObservabilityStack[] = [];
  for (let start = 0; start === 0 || start < services.length; start += SERVICES_PER_DASHBOARD) {
    const part = stacks.length + 1;
    const id = part === 1 ? STACKS.observability : `${STACKS.observability}-${part}`;
    stacks.push(
      new ObservabilityStack(stage, id, {
        stackName: stackName(stageName, id),
        description: `landfall operations of ${environment.name}${part === 1 ? '' : ` (part ${part})`}: SLO burn-rate and service alarms, OOM watch, dashboard`,
        terminationProtection: profile.terminationProtection,
        environment: environment.name,
        namePrefix,
        dashboardName: part === 1 ? namePrefix : `${namePrefix}-${part}`,
        services: services.slice(start, start + SERVICES_PER_DASHBOARD),
        clusters,
        createOomWatch: part === 1,
        topics,
        alarmActionsEnabled: profile.alarmActionsEnabled,
        containerInsights: profile.containerInsights,
        logRetentionDays: profile.logRetentionDays,
        retainData: profile.retainData,
        runbookBaseUrl: notifications.runbookBaseUrl,
      }),
    );
  }
  return stacks;
}
