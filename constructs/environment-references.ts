import { ArnFormat, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import type { Severity } from './alarm-conventions';

/** Names of the SSM parameters the environment's Network and Platform stacks write. */
export interface SharedParameterNames {
  readonly vpcId: string;
  /** One per availability zone, in zone order. */
  readonly privateSubnetIds: readonly string[];
  readonly logKeyArn: string;
  readonly listenerArn: string;
  readonly loadBalancerSecurityGroupId: string;
}

export interface EnvironmentReferencesProps {
  /** Zones of the VPC, in the order of `parameters.privateSubnetIds`. */
  readonly availabilityZones: readonly string[];
  /** Name of the environment's ECS cluster (fixed, so its ARN is known without a lookup). */
  readonly clusterName: string;
  /** Names of the page and ticket topics (fixed, so their ARNs are known). */
  readonly topicNames: Readonly<Record<Severity, string>>;
  readonly parameters: SharedParameterNames;
}

/**
 * What a stack finds of its environment without a single `Fn::ImportValue`: the cluster and the alarm topics by
 * their derived names, and the IDs nothing can derive (VPC, subnets, log key, listener, load balancer security group)
 * from SSM parameters, which CloudFormation resolves at each deploy. The writing stack may then change a value (a
 * listener replaced when a domain is added) or stop existing consumers without CloudFormation refusing the update,
 * as it refuses to change or delete an export another stack imports. Each value is read only when first used.
 */
export class EnvironmentReferences extends Construct {
  private readonly props: EnvironmentReferencesProps;
  private vpcRef?: ec2.IVpc;
  private clusterRef?: ecs.ICluster;
  private logKeyRef?: kms.IKey;
  private listenerRef?: elbv2.IApplicationListener;
  private topicRefs?: Readonly<Record<Severity, sns.ITopic>>;

  constructor(scope: Construct, id: string, props: EnvironmentReferencesProps) {
    super(scope, id);
    if (props.parameters.privateSubnetIds.length !== props.availabilityZones.length) {
      throw new Error(
        `${this.node.path}: ${props.parameters.privateSubnetIds.length} private subnet parameters for ${props.availabilityZones.length} availability zones`,
      );
    }
    this.props = props;
  }

  private parameter(name: string): string {
    return ssm.StringParameter.valueForStringParameter(this, name);
  }

  /** The environment's VPC, with its private subnets. */
  public get vpc(): ec2.IVpc {
    this.vpcRef ??= ec2.Vpc.fromVpcAttributes(this, 'Vpc', {
      vpcId: this.parameter(this.props.parameters.vpcId),
      availabilityZones: [...this.props.availabilityZones],
      privateSubnetIds: this.props.parameters.privateSubnetIds.map((name) => this.parameter(name)),
    });
    return this.vpcRef;
  }

  /** The ARN of the environment's ECS cluster, from its name (no VPC needed). */
  public get clusterArn(): string {
    return Stack.of(this).formatArn({
      service: 'ecs',
      resource: 'cluster',
      resourceName: this.props.clusterName,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
  }

  /** The environment's ECS cluster. */
  public get cluster(): ecs.ICluster {
    this.clusterRef ??= ecs.Cluster.fromClusterAttributes(this, 'Cluster', {
      clusterName: this.props.clusterName,
      clusterArn: this.clusterArn,
      vpc: this.vpc,
      securityGroups: [],
    });
    return this.clusterRef;
  }

  /** The key that encrypts every log group of the environment (the Network stack's). */
  public get logKey(): kms.IKey {
    // Fn::Sub around the parameter's Ref: the same value at deploy time, but CT.CLOUDWATCH.PR.3 (cfn-guard) then
    // reports a key from another stack as an ordinary finding (acknowledged where the log group is built). A bare
    // Ref to a template parameter makes cdk-validator-cfnguard 0.0.62 crash while formatting the result ("Cannot
    // read properties of undefined (reading 'to')"), and a crashed plugin checks nothing.
    const arn = Fn.sub('${LogKeyArn}', { LogKeyArn: this.parameter(this.props.parameters.logKeyArn) });
    this.logKeyRef ??= kms.Key.fromKeyArn(this, 'LogKey', arn);
    return this.logKeyRef;
  }

  /** The shared load balancer's listener services add their rules to, with the load balancer's security group. */
  public get listener(): elbv2.IApplicationListener {
    this.listenerRef ??= elbv2.ApplicationListener.fromApplicationListenerAttributes(this, 'Listener', {
      listenerArn: this.parameter(this.props.parameters.listenerArn),
      securityGroup: ec2.SecurityGroup.fromSecurityGroupId(
        this,
        'LoadBalancerSecurityGroup',
        this.parameter(this.props.parameters.loadBalancerSecurityGroupId),
        { allowAllOutbound: false },
      ),
    });
    return this.listenerRef;
  }

  /** The page and ticket topics of the environment. */
  public get topics(): Readonly<Record<Severity, sns.ITopic>> {
    const stack = Stack.of(this);
    const topic = (id: string, name: string) =>
      sns.Topic.fromTopicArn(
        this,
        id,
        stack.formatArn({ service: 'sns', resource: name, arnFormat: ArnFormat.NO_RESOURCE_NAME }),
      );
    this.topicRefs ??= {
      page: topic('PageTopic', this.props.topicNames.page),
      ticket: topic('TicketTopic', this.props.topicNames.ticket),
    };
    return this.topicRefs;
  }
}
