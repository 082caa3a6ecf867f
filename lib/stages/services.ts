import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { WorkingHours } from '../../constructs/arm-web-service';
import type { QueueReference } from '../../constructs/service-inputs';
import type { LandfallModel, ResolvedEnvironment, ServiceConfig } from '../config';
import { listenerPriorities, secretsFor, taskBounds } from '../config';
import {
  clusterName,
  deadLetterQueueName,
  queueName,
  queueUrlVariable,
  serviceLogGroupName,
  serviceStackId,
  stackName,
} from '../naming';
import type { NetworkStack } from '../stacks/network-stack';
import type { PlatformStack } from '../stacks/platform-stack';
import { WebServiceStack } from '../stacks/web-service-stack';
import { WorkerStack } from '../stacks/worker-stack';
import { tagService } from './tagging';

/** What every service stack of an environment shares. */
export interface EnvironmentBase {
  readonly stageName: string;
  readonly environment: ResolvedEnvironment;
  readonly network: NetworkStack;
  readonly platform: PlatformStack;
  /** Base URL of `docs/runbooks/`, linked from the services' own alarms. */
  readonly runbookBaseUrl: string;
}

/** Stacks of an environment's services, by service name. */
export type ServiceStacks = Map<string, WebServiceStack | WorkerStack>;

/** One stack per service, tagged with the service; producers deploy after the workers they send to. */
export function addServiceStacks(stage: Construct, model: LandfallModel, base: EnvironmentBase): ServiceStacks {
  const { environment } = base;
  const domain = environment.config.domain;
  const hostOf = (host: string | undefined) =>
    host === undefined || domain === undefined ? undefined : `${host}.${domain.name}`;
  const priorities = listenerPriorities(
    model.services.flatMap((s) =>
      s.kind === 'web' ? [{ service: s.name, host: hostOf(s.host), paths: s.paths, priority: s.listenerPriority }] : [],
    ),
  );

  const stacks: ServiceStacks = new Map();
  for (const service of model.services) {
    const id = serviceStackId(service.name);
    const common = {
      stackName: stackName(base.stageName, id),
      description: `landfall ${service.kind} service ${service.name} of environment ${environment.name}`,
      terminationProtection: environment.profile.terminationProtection,
      inputs: {
        // Image directories are relative to the repository root (the config directory's parent).
        image:
          'directory' in service.image
            ? { directory: path.resolve(model.root ?? '.', service.image.directory) }
            : service.image,
        secrets: secretsFor(service, environment.name),
        sendsTo: (service.sendsTo ?? []).map((w): QueueReference => ({
          queueName: queueName(environment.name, w),
          environmentVariable: queueUrlVariable(w),
        })),
      },
    };
    const stack =
      service.kind === 'web'
        ? new WebServiceStack(stage, id, {
            ...common,
            service: webProps(service, base, priorities, hostOf(service.host)),
          })
        : new WorkerStack(stage, id, { ...common, worker: workerProps(service, base) });
    tagService(stack, service.name, service.owner);
    stacks.set(service.name, stack);
  }
  for (const service of model.services) {
    if (service.kind !== 'web') continue; // only web -> worker edges: worker -> worker may be cyclic
    for (const worker of service.sendsTo ?? []) {
      const target = stacks.get(worker);
      if (target) (stacks.get(service.name) as Stack).addStackDependency(target, `${service.name} sends to ${worker}`);
    }
  }
  return stacks;
}

function taskProps(service: ServiceConfig, base: EnvironmentBase) {
  const { environment, network, platform } = base;
  const { profile } = environment;
  const bounds = taskBounds(service, environment.tier, profile);
  return {
    cluster: platform.cluster,
    cpu: service.cpu,
    memoryMiB: service.memoryMiB,
    environment: service.environment ?? {},
    serviceName: service.name,
    family: `${clusterName(environment.name)}-${service.name}`,
    logGroupName: serviceLogGroupName(environment.name, service.name),
    logRetention: profile.logRetentionDays as logs.RetentionDays,
    logEncryptionKey: network.logKey.key,
    logRemovalPolicy: profile.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    minTasks: bounds.minTasks,
    maxTasks: bounds.maxTasks,
    // A rollback heals itself: people hear of it through the ticket topic, not a page.
    alarmActions: profile.alarmActionsEnabled ? [new cloudwatchActions.SnsAction(platform.topics.ticket)] : [],
    alarmLinks: { service: service.name, environment: environment.name, runbookBaseUrl: base.runbookBaseUrl },
  };
}

function webProps(
  service: ServiceConfig & { kind: 'web' },
  base: EnvironmentBase,
  priorities: Map<string, number>,
  host: string | undefined,
) {
  const { environment, platform } = base;
  const hours = environment.config.workingHours;
  const scaleDown = environment.profile.scheduledScaleDown && (service.scaling.scheduledScaleDown ?? true);
  const workingHours: WorkingHours | undefined = scaleDown
    ? { timeZone: hours.timeZone, days: hours.days, startHour: hours.startHour, endHour: hours.endHour }
    : undefined;
  const priority = priorities.get(service.name);
  if (priority === undefined) throw new Error(`no listener priority for ${service.name}`);
  return {
    ...taskProps(service, base),
    listener: platform.loadBalancer.listener,
    listenerPriority: priority,
    hostHeaders: host === undefined ? undefined : [host],
    pathPatterns: service.paths,
    containerPort: service.port,
    healthCheckPath: service.healthCheckPath,
    deregistrationDelay: Duration.seconds(service.deregistrationDelaySeconds),
    cpuTargetPercent: service.scaling.cpuTargetPercent,
    memoryTargetPercent: service.scaling.memoryTargetPercent,
    requestsPerTarget: service.scaling.requestsPerTarget,
    workingHours,
  };
}

function workerProps(service: ServiceConfig & { kind: 'worker' }, base: EnvironmentBase) {
  const { environment } = base;
  return {
    ...taskProps(service, base),
    maxProcessingSeconds: service.maxProcessingSeconds,
    maxReceiveCount: service.maxReceiveCount,
    queueName: queueName(environment.name, service.name),
    deadLetterQueueName: deadLetterQueueName(environment.name, service.name),
    queueRemovalPolicy: environment.profile.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    messagesPerTask: service.scaling.messagesPerTask,
  };
}
