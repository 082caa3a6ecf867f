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
export function observedServices(model: LandfallModel, environment: string, handles: Readonly<Record<string, ServiceHandles>>): ObservedService[] {
  return model.services.map((config): ObservedService => {
    const h = handles[config.name];
    const missing = (what: string) =>
      new Error(`operations of ${environment}: service "${config.name}" (${config.kind}) has no ${what}; pass it in the handles of addObservability`);
    if (h === undefined) throw missing('handles');
    if (config.kind === 'web') {
      if (h.targetGroup === undefined) throw missing('targetGroup');
      const ops = resolveWebOperations(config);
      return {
        kind: 'web',
        name: config.name,
        service: h.service,
        targetGroup: h.targetGroup,
        objectives: { availabilityPercent: ops.availabilityPercent, latencyTargetMs: ops.latencyTargetMs, latencyPercent: ops.latencyPercent },
        thresholds: { p99LatencyMs: ops.p99LatencyMs, server5xxPercent: ops.server5xxPercent, cpuPercent: ops.cpuPercent, memoryPercent: ops.memoryPercent },
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
 * The environment's `Observability` stack: OOM watch, every service's alarms and the dashboard, from config and
 * the environment's profile, notifying `topics` (the Platform stack's). Call it in the environment stage after the service stacks, with each
 * service's handles keyed by service name; the stack depends on them through their references.
 */
export function addObservability(
  stage: Construct,
  stageName: string,
  model: LandfallModel,
  environment: ResolvedEnvironment,
  handles: Readonly<Record<string, ServiceHandles>>,
  topics: AlarmTopics,
): ObservabilityStack {
  const notifications = resolveNotifications(model.platform);
  const { profile } = environment;
  return new ObservabilityStack(stage, STACKS.observability, {
    stackName: stackName(stageName, STACKS.observability),
    description: `landfall operations of ${environment.name}: alarm topics, SLO burn-rate and service alarms, OOM watch, dashboard`,
    terminationProtection: profile.terminationProtection,
    environment: environment.name,
    namePrefix: operationsPrefix(environment.name),
    services: observedServices(model, environment.name, handles),
    topics,
    alarmActionsEnabled: profile.alarmActionsEnabled,
    containerInsights: profile.containerInsights,
    logRetentionDays: profile.logRetentionDays,
    retainData: profile.retainData,
    runbookBaseUrl: notifications.runbookBaseUrl,
  });
}
