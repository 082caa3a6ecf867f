import type { StageProps } from 'aws-cdk-lib';
import { RemovalPolicy, Stage } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { LandfallModel, ResolvedEnvironment } from '../config';
import { clusterName, logBucketName, STACKS, stackName } from '../naming';
import type { BaselineStack } from '../stacks/baseline-stack';
import { NetworkStack } from '../stacks/network-stack';
import { PlatformStack } from '../stacks/platform-stack';
import { addBaseline } from './baseline';
import type { ServiceStacks } from './services';
import { addServiceStacks } from './services';
import { tagScope } from './tagging';

export interface EnvironmentStageProps extends StageProps {
  readonly model: LandfallModel;
  readonly environment: ResolvedEnvironment;
}

/**
 * One environment (dev, stg, prod) in its own account: Baseline, Network, Platform and one stack per service.
 * Differences between tiers come from `environment.profile`.
 */
export class EnvironmentStage extends Stage {
  public readonly baseline: BaselineStack;
  public readonly network: NetworkStack;
  public readonly platform: PlatformStack;
  public readonly services: ServiceStacks;

  constructor(scope: Construct, id: string, props: EnvironmentStageProps) {
    super(scope, id, props);
    const { model, environment } = props;
    const { profile } = environment;
    const { platform: config } = model;
    const retain = profile.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    tagScope(this, environment.name, config.organization.owner);
    this.baseline = addBaseline(this, model, {
      stageName: id,
      account: environment.account,
      recordingFrequency: profile.configRecordingFrequency,
      githubEnvironment: environment.name,
      terminationProtection: profile.terminationProtection,
    });

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
      description: `landfall platform of environment ${environment.name}: ECS cluster, shared load balancer, alarm topic`,
      terminationProtection: profile.terminationProtection,
      vpc: this.network.vpc,
      clusterName: clusterName(environment.name),
      containerInsights: profile.containerInsights,
      certificateArn: environment.config.domain?.certificateArn,
      accessLogBucketName: logBucketName('alb', config.organization.name, model.accounts.logArchive.id, config.homeRegion),
      accessLogPrefix: environment.name,
      loadBalancerDeletionProtection: profile.loadBalancerDeletionProtection,
      alarmEmails: config.notifications.emails,
      keyRemovalPolicy: retain,
    });

    this.services = addServiceStacks(this, model, { stageName: id, environment, network: this.network, platform: this.platform });
  }
}
