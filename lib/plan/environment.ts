/**
 * One environment resolved once: everything its stacks take, as data. The environment stage maps this plan to stack
 * props and nothing more; no stack or stage reads the tier profile, the service files or `retainData` itself.
 */
import * as path from 'node:path';
import type {
  CloudWatchRetentionDays,
  LandfallModel,
  ResolvedDeployment,
  ResolvedEnvironment,
  ResolvedRoute,
  ResolvedWorkerOperations,
  ServiceConfig,
  Tier,
} from '../config';
import {
  resolveDeployment,
  resolveNotifications,
  resolveWebOperations,
  resolveWorkerOperations,
  secretsFor,
  taskBounds,
} from '../config';
import {
  alarmTopicName,
  clusterName,
  deadLetterQueueName,
  logBucketName,
  operationsPrefix,
  queueName,
  queueUrlVariable,
  serviceLogGroupName,
  serviceStackId,
  sharedParameterName,
  stackName,
  taskFamily,
} from '../naming';
import type { ServiceAlarmNames } from './alarm-names';
import type { DatabaseConnectionPlan, DatabasePlan } from './database';
import { databaseConnections, databasePlan } from './database';
import { serviceAlarmNames } from './alarm-names';
import { observabilityParts } from './observability';
import type { ObservabilityPlan } from './observability';
import { partitionOf } from './regions';
import { listenerPriorities } from './routing';

/** What happens to stateful resources (queues, log groups, keys, Elastic IPs) when their stack deletes them. */
export type RemovalPolicyKind = 'retain' | 'destroy';

/**
 * The SSM parameters through which Network and Platform hand the IDs nothing can derive to the stacks deployed after
 * them (read at deploy time; see `sharedParameterName`).
 */
export interface SharedParameters {
  readonly vpcId: string;
  /** One per availability zone, in zone order. */
  readonly privateSubnetIds: readonly string[];
  readonly logKeyArn: string;
  /** The listener services add their rules to: HTTPS with a domain, HTTP without. */
  readonly listenerArn: string;
  readonly loadBalancerSecurityGroupId: string;
}

/** What a service stack finds of its environment: derived names and the shared parameters. */
export interface EnvironmentReferences {
  readonly availabilityZones: readonly string[];
  readonly clusterName: string;
  readonly topicNames: { readonly page: string; readonly ticket: string };
  readonly parameters: SharedParameters;
}

export interface NetworkPlan {
  readonly availabilityZones: readonly string[];
  /** NAT gateways (or instances): at most one per zone, checked by the config. */
  readonly natGateways: number;
  readonly natProvider: 'gateway' | 'instance';
}

export interface PlatformPlan {
  readonly clusterName: string;
  /** Built from the environment's account and the home region: a load balancer uses certificates of its own. */
  readonly certificateArn?: string;
  readonly accessLogBucketName: string;
  readonly accessLogPrefix: string;
  readonly loadBalancerDeletionProtection: boolean;
  readonly alarmTopics: {
    readonly namePrefix: string;
    readonly page: ResolvedRoute;
    readonly ticket: ResolvedRoute;
    readonly slackWorkspaceId?: string;
  };
}

/** The working hours of a service that scales to zero outside them. */
export interface WorkingHoursPlan {
  readonly timeZone: string;
  readonly days: string;
  readonly startHour: number;
  readonly endHour: number;
}

interface ServicePlanBase {
  readonly name: string;
  readonly owner?: string;
  readonly stackId: string;
  readonly stackName: string;
  readonly description: string;
  /** A directory resolved against the repository root, or a registry image. */
  readonly image: { readonly directory: string } | { readonly registry: string };
  /** Secret names or complete ARNs, by environment variable (see `secretsFor`). */
  readonly secrets: Readonly<Record<string, string>>;
  /** Rotation schedules the team supplies for some of `secrets`, by environment variable. */
  readonly secretRotation: Readonly<Record<string, { readonly functionName: string; readonly everyDays: number }>>;
  readonly sendsTo: ReadonlyArray<{ readonly queueName: string; readonly environmentVariable: string }>;
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly ecsServiceName: string;
  readonly family: string;
  readonly logGroupName: string;
  readonly minTasks: number;
  readonly maxTasks: number;
  readonly alarmNames: ServiceAlarmNames;
  /** The databases the service connects to: its own first, then those whose `access` names it. */
  readonly databases: readonly DatabaseConnectionPlan[];
}

export interface WebServicePlan extends ServicePlanBase {
  readonly kind: 'web';
  readonly listenerPriority: number;
  /** Full host names, when the service is routed by host. */
  readonly hostHeaders?: readonly string[];
  readonly paths: readonly string[];
  readonly port: number;
  readonly healthCheckPath: string;
  readonly deregistrationDelaySeconds: number;
  readonly cpuTargetPercent?: number;
  readonly memoryTargetPercent?: number;
  readonly requestsPerTarget?: number;
  /** Scale to zero outside these hours. @default always on */
  readonly workingHours?: WorkingHoursPlan;
  /** How a new revision reaches traffic: the environment's profile with the service's `deployment` on top. */
  readonly deployment: ResolvedDeployment;
  readonly objectives: {
    readonly availabilityPercent: number;
    readonly latencyTargetMs: number;
    readonly latencyPercent: number;
  };
  readonly thresholds: {
    readonly p99LatencyMs: number;
    readonly server5xxPercent: number;
    readonly cpuPercent: number;
    readonly memoryPercent: number;
  };
}

export interface WorkerPlan extends ServicePlanBase {
  readonly kind: 'worker';
  readonly queueName: string;
  readonly deadLetterQueueName: string;
  readonly maxProcessingSeconds: number;
  readonly maxReceiveCount: number;
  readonly messagesPerTask?: number;
  readonly thresholds: ResolvedWorkerOperations;
}

export type ServicePlan = WebServicePlan | WorkerPlan;

/** One environment, resolved. */
export interface EnvironmentPlan {
  readonly name: string;
  readonly tier: Tier;
  readonly accountId: string;
  readonly region: string;
  readonly partition: string;
  readonly terminationProtection: boolean;
  readonly configRecordingFrequency: 'CONTINUOUS' | 'DAILY';
  /** Retention of every log group of the environment (flow logs, containers, OOM events). */
  readonly logRetentionDays: CloudWatchRetentionDays;
  /** Days a secret may stay unchanged before the secret-age watch reports it (profile `secretMaxAgeDays`). */
  readonly secretMaxAgeDays: number;
  /** From the profile's `retainData`: the one place it is read. */
  readonly removalPolicy: RemovalPolicyKind;
  readonly containerInsights: boolean;
  /** Whether alarms notify (their actions are off otherwise; they still change state). */
  readonly alarmActionsEnabled: boolean;
  /** Prefix of alarm, topic and dashboard names: `landfall-<environment>`. */
  readonly namePrefix: string;
  readonly runbookBaseUrl: string;
  readonly references: EnvironmentReferences;
  readonly network: NetworkPlan;
  readonly platform: PlatformPlan;
  readonly services: readonly ServicePlan[];
  /** One per service with a database, each in its own stack beside Platform. */
  readonly databases: readonly DatabasePlan[];
  readonly observability: readonly ObservabilityPlan[];
}

/** The environment's SSM parameter names (see `SharedParameters`). */
export function sharedParameters(environment: string, availabilityZones: readonly string[]): SharedParameters {
  const name = (key: string) => sharedParameterName(environment, key);
  return {
    vpcId: name('network/vpc-id'),
    privateSubnetIds: availabilityZones.map((_, i) => name(`network/private-subnet-${i + 1}-id`)),
    logKeyArn: name('network/log-key-arn'),
    listenerArn: name('platform/listener-arn'),
    loadBalancerSecurityGroupId: name('platform/load-balancer-security-group-id'),
  };
}

/**
 * Resolve one environment of a validated model. Anything the config checks reject (more NAT gateways than zones, a
 * minimum above a maximum) throws here as an internal error instead of being clamped: it never reaches a stack.
 */
export function environmentPlan(model: LandfallModel, environment: ResolvedEnvironment): EnvironmentPlan {
  const { platform } = model;
  const { profile, name } = environment;
  const region = platform.homeRegion;
  const zones = platform.availabilityZones;
  if (profile.natGateways < 1 || profile.natGateways > zones.length) {
    throw new Error(
      `environment ${name}: ${profile.natGateways} NAT gateways for ${zones.length} zones (the network check should have reported this)`,
    );
  }
  const notifications = resolveNotifications(platform);
  const namePrefix = operationsPrefix(name);
  const partition = partitionOf(region);
  const domain = environment.config.domain;
  const hostOf = (host: string | undefined) =>
    host === undefined || domain === undefined ? undefined : `${host}.${domain.name}`;
  const priorities = listenerPriorities(
    model.services.flatMap((s) =>
      s.kind === 'web' ? [{ service: s.name, host: hostOf(s.host), paths: s.paths, priority: s.listenerPriority }] : [],
    ),
  );
  const services = model.services.map((service) =>
    servicePlan(model, environment, service, {
      listenerPriority: priorities.get(service.name),
      host: service.kind === 'web' ? hostOf(service.host) : undefined,
    }),
  );
  return {
    name,
    tier: environment.tier,
    accountId: environment.account.id,
    region,
    partition,
    terminationProtection: profile.terminationProtection,
    configRecordingFrequency: profile.configRecordingFrequency,
    logRetentionDays: profile.logRetentionDays,
    secretMaxAgeDays: profile.secretMaxAgeDays,
    removalPolicy: profile.retainData ? 'retain' : 'destroy',
    containerInsights: profile.containerInsights,
    alarmActionsEnabled: profile.alarmActionsEnabled,
    namePrefix,
    runbookBaseUrl: notifications.runbookBaseUrl,
    references: {
      availabilityZones: zones,
      clusterName: clusterName(name),
      topicNames: { page: alarmTopicName(name, 'page'), ticket: alarmTopicName(name, 'ticket') },
      parameters: sharedParameters(name, zones),
    },
    network: { availabilityZones: zones, natGateways: profile.natGateways, natProvider: profile.natProvider },
    platform: {
      clusterName: clusterName(name),
      ...(domain === undefined
        ? {}
        : {
            certificateArn: `arn:${partition}:acm:${region}:${environment.account.id}:certificate/${domain.certificateId}`,
          }),
      accessLogBucketName: logBucketName('alb', platform.organization.name, model.accounts.logArchive.id, region),
      accessLogPrefix: name,
      loadBalancerDeletionProtection: profile.loadBalancerDeletionProtection,
      alarmTopics: {
        namePrefix,
        page: notifications.page,
        ticket: notifications.ticket,
        ...(notifications.slackWorkspaceId === undefined ? {} : { slackWorkspaceId: notifications.slackWorkspaceId }),
      },
    },
    services,
    databases: model.services.flatMap((service) => databasePlan(environment, service) ?? []),
    observability: observabilityParts(name, services),
  };
}

function servicePlan(
  model: LandfallModel,
  environment: ResolvedEnvironment,
  service: ServiceConfig,
  routing: { listenerPriority: number | undefined; host: string | undefined },
): ServicePlan {
  const env = environment.name;
  const { profile } = environment;
  const bounds = taskBounds(service, environment.tier, profile);
  if (bounds.minTasks > bounds.maxTasks) {
    throw new Error(
      `service ${service.name} in ${env}: ${bounds.minTasks} to ${bounds.maxTasks} tasks (the scaling check should have reported this)`,
    );
  }
  const stackId = serviceStackId(service.name);
  const base = {
    name: service.name,
    ...(service.owner === undefined ? {} : { owner: service.owner }),
    stackId,
    stackName: stackName(env, stackId),
    description: `landfall ${service.kind} service ${service.name} of environment ${env}`,
    // Image directories are relative to the repository root (the config directory's parent).
    image:
      'directory' in service.image
        ? { directory: path.resolve(model.root ?? '.', service.image.directory) }
        : { registry: service.image.registry },
    secrets: secretsFor(service, env),
    secretRotation: Object.fromEntries(
      Object.entries(service.secretRotation ?? {}).map(([variable, r]) => [
        variable,
        { functionName: r.function, everyDays: r.everyDays },
      ]),
    ),
    sendsTo: (service.sendsTo ?? []).map((w) => ({
      queueName: queueName(env, w),
      environmentVariable: queueUrlVariable(w),
    })),
    cpu: service.cpu,
    memoryMiB: service.memoryMiB,
    environment: service.environment ?? {},
    ecsServiceName: service.name,
    family: taskFamily(env, service.name),
    logGroupName: serviceLogGroupName(env, service.name),
    minTasks: bounds.minTasks,
    maxTasks: bounds.maxTasks,
    alarmNames: serviceAlarmNames(env, service, profile.containerInsights),
    databases: databaseConnections(env, service, model.services),
  };
  if (service.kind === 'worker') {
    return {
      ...base,
      kind: 'worker',
      queueName: queueName(env, service.name),
      deadLetterQueueName: deadLetterQueueName(env, service.name),
      maxProcessingSeconds: service.maxProcessingSeconds,
      maxReceiveCount: service.maxReceiveCount,
      ...(service.scaling.messagesPerTask === undefined ? {} : { messagesPerTask: service.scaling.messagesPerTask }),
      thresholds: resolveWorkerOperations(service),
    };
  }
  if (routing.listenerPriority === undefined) throw new Error(`no listener priority for ${service.name}`);
  const hours = environment.config.workingHours;
  const scaleDown = profile.scheduledScaleDown && (service.scaling.scheduledScaleDown ?? true);
  const ops = resolveWebOperations(service);
  const { cpuTargetPercent, memoryTargetPercent, requestsPerTarget } = service.scaling;
  return {
    ...base,
    kind: 'web',
    listenerPriority: routing.listenerPriority,
    ...(routing.host === undefined ? {} : { hostHeaders: [routing.host] }),
    paths: service.paths,
    port: service.port,
    healthCheckPath: service.healthCheckPath,
    deregistrationDelaySeconds: service.deregistrationDelaySeconds,
    ...(cpuTargetPercent === undefined ? {} : { cpuTargetPercent }),
    ...(memoryTargetPercent === undefined ? {} : { memoryTargetPercent }),
    ...(requestsPerTarget === undefined ? {} : { requestsPerTarget }),
    ...(scaleDown
      ? {
          workingHours: {
            timeZone: hours.timeZone,
            days: hours.days,
            startHour: hours.startHour,
            endHour: hours.endHour,
          },
        }
      : {}),
    deployment: resolveDeployment(profile, service),
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
  };
}
