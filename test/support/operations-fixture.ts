import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Duration, Stack, Stage } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { AlarmTopics } from '../../constructs/alarm-topics';
import { applyChecks } from '../../lib/checks';
import type { LandfallModel, ResolvedEnvironment } from '../../lib/config';
import { resolveNotifications } from '../../lib/config';
import { operationsPrefix } from '../../lib/naming';
import type { ObservabilityStack } from '../../lib/stacks/observability-stack';
import type { ServiceHandles } from '../../lib/stages/observability';
import { addObservability } from '../../lib/stages/observability';
import { CDK_JSON_CONTEXT, referenceModel } from './example';

/**
 * A stand-in for the environment's service stacks (issue 3) in tests: a VPC, a cluster, a load balancer with the
 * web services' target groups, and Fargate services with queues for the workers. Real resources, so the
 * observability stack is proven against the references it will get once the service stacks exist.
 */
export class ServicesFixtureStack extends Stack {
  public readonly handles: Record<string, ServiceHandles> = {};
  /** The page and ticket topics, as the Platform stack creates them. */
  public readonly topics: AlarmTopics;

  constructor(scope: Construct, id: string, model: LandfallModel, environment: ResolvedEnvironment) {
    super(scope, id);
    const notifications = resolveNotifications(model.platform);
    this.topics = new AlarmTopics(this, 'AlarmTopics', {
      namePrefix: operationsPrefix(environment.name),
      page: notifications.page,
      ticket: notifications.ticket,
      ...(notifications.slackWorkspaceId === undefined ? {} : { slackWorkspaceId: notifications.slackWorkspaceId }),
    });
    const vpc = new ec2.Vpc(this, 'Vpc', {
      availabilityZones: model.platform.availabilityZones.slice(0, 2),
      natGateways: 0,
    });
    const cluster = new ecs.Cluster(this, 'Cluster', {
      vpc,
      containerInsightsV2: environment.profile.containerInsights
        ? ecs.ContainerInsights.ENABLED
        : ecs.ContainerInsights.DISABLED,
    });
    const alb = new elbv2.ApplicationLoadBalancer(this, 'Alb', { vpc, internetFacing: true });
    const listener = alb.addListener('Http', { port: 80, defaultAction: elbv2.ListenerAction.fixedResponse(404) });
    const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/nginx:stable');
    model.services.forEach((config, i) => {
      const task = new ecs.FargateTaskDefinition(this, `${config.name}Task`, {
        cpu: config.cpu,
        memoryLimitMiB: config.memoryMiB,
        runtimePlatform: {
          cpuArchitecture: ecs.CpuArchitecture.ARM64,
          operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
        },
      });
      task.addContainer('app', { image, portMappings: config.kind === 'web' ? [{ containerPort: config.port }] : [] });
      const service = new ecs.FargateService(this, `${config.name}Service`, {
        cluster,
        taskDefinition: task,
        desiredCount: 1,
      });
      if (config.kind === 'web') {
        const targetGroup = new elbv2.ApplicationTargetGroup(this, `${config.name}Targets`, {
          vpc,
          port: config.port,
          protocol: elbv2.ApplicationProtocol.HTTP,
          targets: [service],
          healthCheck: { path: config.healthCheckPath },
          deregistrationDelay: Duration.seconds(30),
        });
        listener.addTargetGroups(`${config.name}Route`, {
          targetGroups: [targetGroup],
          priority: i + 1,
          conditions: [elbv2.ListenerCondition.pathPatterns(config.paths)],
        });
        this.handles[config.name] = { service, targetGroup };
      } else {
        const deadLetterQueue = new sqs.Queue(this, `${config.name}Dlq`, { enforceSSL: true });
        const queue = new sqs.Queue(this, `${config.name}Queue`, {
          enforceSSL: true,
          deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: config.maxReceiveCount },
        });
        this.handles[config.name] = { service, queue, deadLetterQueue };
      }
    });
  }
}

export interface OperationsFixture {
  readonly app: App;
  readonly stage: Stage;
  readonly services: ServicesFixtureStack;
  readonly observability: ObservabilityStack;
  readonly outdir: string;
}

/**
 * An environment stage (the example config's, `prod` by default) with the fixture services and the Observability
 * stack wired exactly as the environment stage will wire it, with the gates registered.
 */
export function buildOperationsFixture(
  options: { environment?: string; model?: LandfallModel; guard?: boolean } = {},
): OperationsFixture {
  const model = options.model ?? referenceModel();
  const name = options.environment ?? 'prod';
  const environment = model.environments.find((e) => e.name === name);
  if (environment === undefined) throw new Error(`no environment ${name} in the model`);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'landfall-ops-'));
  const app = new App({ outdir, context: { ...CDK_JSON_CONTEXT, '@aws-cdk/core:failSynthOnValidationErrors': false } });
  const stage = new Stage(app, name, { env: { account: environment.account.id, region: model.platform.homeRegion } });
  const services = new ServicesFixtureStack(stage, 'ServicesFixture', model, environment);
  const [observability] = addObservability(stage, name, model, environment, services.handles, services.topics);
  applyChecks(app, { guard: options.guard ?? false });
  return { app, stage, services, observability, outdir };
}
