import type { StageProps } from 'aws-cdk-lib';
import { RemovalPolicy, Stage } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { LandfallModel, ResolvedEnvironment } from '../config';
import { resolveNotifications } from '../config';
import { clusterName, logBucketName, operationsPrefix, STACKS, stackName } from '../naming';
import type { BaselineStack } from '../stacks/baseline-stack';
import type { ObservabilityStack } from '../stacks/observability-stack';
import { WebServiceStack } from '../stacks/web-service-stack';
import { NetworkStack } from '../stacks/network-stack';
import { PlatformStack } from '../stacks/platform-stack';
import { addBaseline, addRegionalBaselines } from './baseline';
import type { ServiceHandles } from './observability';
import { addObservability } from './observability';
import type { ServiceStacks } from './services';
import { addServiceStacks } from './services';
import { tagScope } from './tagging';

export interface EnvironmentStageProps extends StageProps {
  readonly model: LandfallModel;
  readonly environment: ResolvedEnvironment;
}

/**
 * One environment (dev, stg, prod) in its own account: Baseline, Network, Platform, one stack per service, and
 * Observability (alarms, SLO burn rates, OOM watch, dashboard) over them.
 * Differences between tiers come from `environment.profile`.
 */
export class EnvironmentStage extends Stage {
  public readonly baseline: BaselineStack;
  public readonly network: NetworkStack;
  public readonly platform: PlatformStack;
  public readonly services: ServiceStacks;
  /** One Observability stack per 25 services (`SERVICES_PER_DASHBOARD`). */
  public readonly observability: ObservabilityStack[];

  constructor(scope: Construct, id: string, props: EnvironmentStageProps) {
    super(scope, id, props);
    const { model, environment } = props;
    const { profile } = environment;
    const { platform: config } = model;
    const notifications = resolveNotifications(config);
    const retain = profile.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    tagScope(this, environment.name, config.organization.owner);
    const baselineOptions = {
      stageName: id,
      account: environment.account,
      recordingFrequency: profile.configRecordingFrequency,
      githubEnvironment: environment.name,
      terminationProtection: profile.terminationProtection,
    };
    this.baseline = addBaseline(this, model, baselineOptions);
    addRegionalBaselines(this, model, baselineOptions, this.baseline);

    this.network = new NetworkStack(this, STACKS.network, {
      stackName: stackName(id, STACKS.network),
      description: `landfall network of environment ${environment.name}: VPC, NAT with fixed egress IPs, flow logs`,
      terminationProtection: profile.terminationProtection,
      availabilityZones: config.availabilityZones,
      natCount: profile.natGateways,
      natKind: profile.natProvider,
      logRetention: profile.logRetentionDays as logs.RetentionDays,
      removalPolicy: retain,
    });

    this.platform = new PlatformStack(this, STACKS.platform, {
      stackName: stackName(id, STACKS.platform),
      description: `landfall platform of environment ${environment.name}: ECS cluster, shared load balancer, page and ticket topics`,
      terminationProtection: profile.terminationProtection,
      vpc: this.network.vpc,
      clusterName: clusterName(environment.name),
      containerInsights: profile.containerInsights,
      certificateArn:
        environment.config.domain &&
        `arn:${this.network.partition}:acm:${config.homeRegion}:${environment.account.id}:certificate/${environment.config.domain.certificateId}`,
      accessLogBucketName: logBucketName(
        'alb',
        config.organization.name,
        model.accounts.logArchive.id,
        config.homeRegion,
      ),
      accessLogPrefix: environment.name,
      loadBalancerDeletionProtection: profile.loadBalancerDeletionProtection,
      alarmTopics: {
        namePrefix: operationsPrefix(environment.name),
        page: notifications.page,
        ticket: notifications.ticket,
        ...(notifications.slackWorkspaceId === undefined ? {} : { slackWorkspaceId: notifications.slackWorkspaceId }),
      },
    });

    this.services = addServiceStacks(this, model, {
      stageName: id,
      environment,
      network: this.network,
      platform: this.platform,
      runbookBaseUrl: notifications.runbookBaseUrl,
    });

    const handles: Record<string, ServiceHandles> = {};
    for (const [name, stack] of this.services) {
      handles[name] =
        stack instanceof WebServiceStack
          ? { service: stack.web.service, targetGroup: stack.web.targetGroup, alarmScope: stack }
          : {
              service: stack.worker.service,
              queue: stack.worker.queue,
              deadLetterQueue: stack.worker.deadLetterQueue,
              alarmScope: stack,
            };
    }
    this.observability = addObservability(this, id, model, environment, handles, this.platform.topics);
  }
}
