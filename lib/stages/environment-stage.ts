import type { StageProps } from 'aws-cdk-lib';
import { Stage } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { LandfallModel, ResolvedEnvironment } from '../config';
import { STACKS, stackName } from '../naming';
import type { EnvironmentPlan } from '../plan/environment';
import { environmentPlan } from '../plan/environment';
import type { BaselineStack } from '../stacks/baseline-stack';
import { NetworkStack } from '../stacks/network-stack';
import type { ObservabilityStack } from '../stacks/observability-stack';
import { PlatformStack } from '../stacks/platform-stack';
import { addBaseline, addRegionalBaselines } from './baseline';
import { addDatabaseStacks } from './databases';
import type { DatabaseStack } from '../stacks/database-stack';
import { removalPolicy, retentionDays } from './cdk-values';
import { addObservability } from './observability';
import type { ServiceStacks } from './services';
import { addServiceStacks } from './services';
import { tagScope } from './tagging';

export interface EnvironmentStageProps extends StageProps {
  readonly model: LandfallModel;
  readonly environment: ResolvedEnvironment;
}

/**
 * One environment (dev, stg, prod) in its own account: Baseline, Network, Platform, one stack per service (with its
 * alarms) and Observability (OOM watch, dashboards), mapped from the environment's plan. It deploys in three
 * dependency waves whatever its number of services: [Baseline, Network] -> [Platform, RegionalBaseline-<region>] ->
 * [every service and Observability stack]. Later stacks find earlier ones by derived name and SSM parameter, never by export, so the
 * order is the explicit dependencies below.
 */
export class EnvironmentStage extends Stage {
  public readonly plan: EnvironmentPlan;
  public readonly baseline: BaselineStack;
  public readonly network: NetworkStack;
  public readonly platform: PlatformStack;
  public readonly services: ServiceStacks;
  /** One stack per service database, by owning service name. */
  public readonly databases: Map<string, DatabaseStack>;
  /** One Observability stack per 25 services (`SERVICES_PER_DASHBOARD`). */
  public readonly observability: ObservabilityStack[];

  constructor(scope: Construct, id: string, props: EnvironmentStageProps) {
    super(scope, id, props);
    const { model, environment } = props;
    const plan = environmentPlan(model, environment);
    this.plan = plan;
    tagScope(this, plan.name, model.platform.organization.owner);
    const baselineOptions = {
      stageName: id,
      account: environment.account,
      recordingFrequency: plan.configRecordingFrequency,
      githubEnvironment: plan.name,
      // The weekly review reads the environment's alarms, metrics, releases and costs.
      review: { operations: true },
      releaseCluster: plan.platform.clusterName,
      terminationProtection: plan.terminationProtection,
    };
    this.baseline = addBaseline(this, model, baselineOptions);
    addRegionalBaselines(this, model, baselineOptions, this.baseline);

    const { parameters } = plan.references;
    this.network = new NetworkStack(this, STACKS.network, {
      stackName: stackName(id, STACKS.network),
      description: `landfall network of environment ${plan.name}: VPC, NAT with fixed egress IPs, flow logs`,
      terminationProtection: plan.terminationProtection,
      availabilityZones: plan.network.availabilityZones,
      natCount: plan.network.natGateways,
      natKind: plan.network.natProvider,
      logRetention: retentionDays(plan.logRetentionDays),
      removalPolicy: removalPolicy(plan.removalPolicy),
      parameters: {
        vpcId: parameters.vpcId,
        privateSubnetIds: parameters.privateSubnetIds,
        logKeyArn: parameters.logKeyArn,
      },
    });

    this.platform = new PlatformStack(this, STACKS.platform, {
      stackName: stackName(id, STACKS.platform),
      description: `landfall platform of environment ${plan.name}: ECS cluster, shared load balancer, page and ticket topics`,
      terminationProtection: plan.terminationProtection,
      vpc: this.network.vpc,
      clusterName: plan.platform.clusterName,
      containerInsights: plan.containerInsights,
      certificateArn: plan.platform.certificateArn,
      accessLogBucketName: plan.platform.accessLogBucketName,
      accessLogPrefix: plan.platform.accessLogPrefix,
      loadBalancerDeletionProtection: plan.platform.loadBalancerDeletionProtection,
      alarmTopics: plan.platform.alarmTopics,
      parameters: {
        listenerArn: parameters.listenerArn,
        loadBalancerSecurityGroupId: parameters.loadBalancerSecurityGroupId,
      },
    });

    // Databases need only Network (its SSM parameters): they deploy beside Platform, in the second wave.
    this.databases = addDatabaseStacks(this, plan);
    for (const stack of this.databases.values()) {
      stack.addStackDependency(this.network, 'reads the VPC, private subnets and log key from SSM parameters');
    }
    this.services = addServiceStacks(this, plan);
    for (const service of plan.services) {
      for (const connection of service.databases) {
        const database = this.databases.get(connection.owner);
        if (database === undefined) throw new Error(`no database stack of ${connection.owner}`);
        this.services
          .get(service.name)
          ?.addStackDependency(database, 'reads the database endpoint, secret and security group from SSM parameters');
      }
    }
    this.observability = addObservability(this, plan);
    // The third wave: everything after Platform, and after Network through it (their SSM parameters).
    for (const stack of [...this.services.values(), ...this.observability]) {
      stack.addStackDependency(this.platform, 'reads the SSM parameters and derived names of Network and Platform');
    }
    // An AWS Config rule needs the account's configuration recorder (PutConfigRule fails with
    // NoAvailableConfigurationRecorderException without one): the secret-age watch waits for Baseline.
    for (const stack of this.observability.filter((s) => s.secretAgeWatch !== undefined)) {
      stack.addStackDependency(this.baseline, "the secret-age watch's Config rule needs the configuration recorder");
    }
  }
}
