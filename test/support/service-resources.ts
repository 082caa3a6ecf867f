import type { CfnElement } from 'aws-cdk-lib';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { AlarmPolicy } from '../../constructs/alarm-conventions';
import { CDK_JSON_CONTEXT } from './example';

/** Real resources for construct tests: a cluster, a web service behind a load balancer, a worker with its queues. */
export interface ServiceResources {
  readonly stack: Stack;
  readonly cluster: ecs.Cluster;
  readonly webService: ecs.FargateService;
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  readonly workerService: ecs.FargateService;
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly pageTopic: sns.Topic;
  readonly ticketTopic: sns.Topic;
  readonly policy: (overrides?: Partial<AlarmPolicy>) => AlarmPolicy;
}

export const RUNBOOK_BASE = 'https://github.com/acme/platform/blob/main/docs/runbooks';

export function serviceResources(): ServiceResources {
  const app = new App({ context: CDK_JSON_CONTEXT });
  const stack = new Stack(app, 'Test', { env: { account: '666666666666', region: 'ap-northeast-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', { availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'], natGateways: 0 });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, clusterName: 'landfall-prod' });
  const service = (name: string) => {
    const task = new ecs.FargateTaskDefinition(stack, `${name}Task`, {
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.ARM64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    task.addContainer('app', {
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/nginx:stable'),
      portMappings: [{ containerPort: 8080 }],
    });
    return new ecs.FargateService(stack, `${name}Service`, {
      cluster,
      taskDefinition: task,
      serviceName: `landfall-prod-${name}`,
    });
  };
  const webService = service('api');
  const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc });
  const listener = alb.addListener('Http', { port: 80, defaultAction: elbv2.ListenerAction.fixedResponse(404) });
  const targetGroup = new elbv2.ApplicationTargetGroup(stack, 'ApiTargets', {
    vpc,
    port: 8080,
    protocol: elbv2.ApplicationProtocol.HTTP,
    targets: [webService],
  });
  listener.addTargetGroups('Api', {
    targetGroups: [targetGroup],
    priority: 1,
    conditions: [elbv2.ListenerCondition.pathPatterns(['/*'])],
  });
  const workerService = service('jobs');
  const deadLetterQueue = new sqs.Queue(stack, 'JobsDlq');
  const queue = new sqs.Queue(stack, 'JobsQueue', { deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: 5 } });
  const pageTopic = new sns.Topic(stack, 'Page');
  const ticketTopic = new sns.Topic(stack, 'Ticket');
  return {
    stack,
    cluster,
    webService,
    targetGroup,
    workerService,
    queue,
    deadLetterQueue,
    pageTopic,
    ticketTopic,
    policy: (overrides = {}) => ({
      environment: 'prod',
      topics: { page: pageTopic, ticket: ticketTopic },
      actionsEnabled: true,
      runbookBaseUrl: RUNBOOK_BASE,
      namePrefix: 'landfall-prod',
      ...overrides,
    }),
  };
}

/** Logical ID of a resource, for comparing `{ Ref }` values. */
export function refTo(stack: Stack, construct: { node: { defaultChild?: unknown } } | unknown): { Ref: string } {
  const resource = (construct as { node: { defaultChild?: unknown } }).node.defaultChild ?? construct;
  return { Ref: stack.getLogicalId(resource as CfnElement) };
}
