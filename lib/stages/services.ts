import { Duration } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { EnvironmentPlan, ServicePlan, WebServicePlan, WorkerPlan } from '../plan/environment';
import type { ServiceAlarmSettings } from '../stacks/service-alarm-settings';
import type { WebServiceStackProps } from '../stacks/web-service-stack';
import { WebServiceStack } from '../stacks/web-service-stack';
import { WorkerStack } from '../stacks/worker-stack';
import { removalPolicy, retentionDays } from './cdk-values';
import { tagService } from './tagging';

/** Stacks of an environment's services, by service name. */
export type ServiceStacks = Map<string, WebServiceStack | WorkerStack>;

/**
 * One stack per service, tagged with the service. Service stacks depend on nothing but what the stage adds (the
 * Platform stack): producers find a worker's queue by its derived name, so every service deploys side by side.
 */
export function addServiceStacks(stage: Construct, plan: EnvironmentPlan): ServiceStacks {
  const stacks: ServiceStacks = new Map();
  for (const service of plan.services) {
    const common = {
      stackName: service.stackName,
      description: service.description,
      terminationProtection: plan.terminationProtection,
      references: plan.references,
      inputs: {
        image: service.image,
        secrets: service.secrets,
        secretRotation: service.secretRotation,
        sendsTo: service.sendsTo,
      },
      databases: service.databases,
    };
    const stack =
      service.kind === 'web'
        ? new WebServiceStack(stage, service.stackId, {
            ...common,
            service: webProps(service, plan),
            alarms: {
              ...alarmSettings(service, plan),
              objectives: service.objectives,
              thresholds: service.thresholds,
            },
          })
        : new WorkerStack(stage, service.stackId, {
            ...common,
            worker: workerProps(service, plan),
            alarms: { ...alarmSettings(service, plan), thresholds: service.thresholds },
          });
    tagService(stack, service.name, service.owner);
    stacks.set(service.name, stack);
  }
  return stacks;
}

function alarmSettings(service: ServicePlan, plan: EnvironmentPlan): ServiceAlarmSettings {
  return {
    serviceName: service.name,
    environment: plan.name,
    namePrefix: plan.namePrefix,
    actionsEnabled: plan.alarmActionsEnabled,
    runbookBaseUrl: plan.runbookBaseUrl,
    containerInsights: plan.containerInsights,
  };
}

function taskProps(service: ServicePlan, plan: EnvironmentPlan) {
  return {
    cpu: service.cpu,
    memoryMiB: service.memoryMiB,
    environment: service.environment,
    serviceName: service.ecsServiceName,
    family: service.family,
    logGroupName: service.logGroupName,
    logRetention: retentionDays(plan.logRetentionDays),
    logRemovalPolicy: removalPolicy(plan.removalPolicy),
    minTasks: service.minTasks,
    maxTasks: service.maxTasks,
    alarmLinks: { service: service.name, environment: plan.name, runbookBaseUrl: plan.runbookBaseUrl },
  };
}

function webProps(service: WebServicePlan, plan: EnvironmentPlan) {
  return {
    ...taskProps(service, plan),
    listenerPriority: service.listenerPriority,
    hostHeaders: service.hostHeaders,
    pathPatterns: service.paths,
    containerPort: service.port,
    healthCheckPath: service.healthCheckPath,
    deregistrationDelay: Duration.seconds(service.deregistrationDelaySeconds),
    cpuTargetPercent: service.cpuTargetPercent,
    memoryTargetPercent: service.memoryTargetPercent,
    requestsPerTarget: service.requestsPerTarget,
    workingHours: service.workingHours,
    deployment: webDeployment(service.deployment),
  };
}

type WebDeployment = NonNullable<WebServiceStackProps['service']['deployment']>;

/** The plan's deployment as the construct takes it (durations). */
function webDeployment(deployment: WebServicePlan['deployment']): WebDeployment {
  if (deployment.strategy === 'rolling') return { strategy: 'rolling' };
  return {
    strategy: deployment.strategy,
    stepPercent: deployment.stepPercent,
    interval: Duration.minutes(deployment.intervalMinutes),
    bakeTime: Duration.minutes(deployment.bakeMinutes),
  };
}

function workerProps(service: WorkerPlan, plan: EnvironmentPlan) {
  return {
    ...taskProps(service, plan),
    maxProcessingSeconds: service.maxProcessingSeconds,
    maxReceiveCount: service.maxReceiveCount,
    queueName: service.queueName,
    deadLetterQueueName: service.deadLetterQueueName,
    queueRemovalPolicy: removalPolicy(plan.removalPolicy),
    messagesPerTask: service.messagesPerTask,
  };
}
