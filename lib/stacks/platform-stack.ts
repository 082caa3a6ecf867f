import type { StackProps } from 'aws-cdk-lib';
import { CfnOutput, Stack } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { acknowledge } from '../../constructs/acknowledge';
import type { AlarmTopicsProps } from '../../constructs/alarm-topics';
import { AlarmTopics } from '../../constructs/alarm-topics';
import { SharedLoadBalancer } from '../../constructs/shared-load-balancer';

export interface PlatformStackProps extends StackProps {
  readonly vpc: ec2.IVpc;
  readonly clusterName: string;
  readonly containerInsights: boolean;
  /** @default HTTP only */
  readonly certificateArn?: string;
  readonly accessLogBucketName: string;
  readonly accessLogPrefix: string;
  readonly loadBalancerDeletionProtection: boolean;
  /** The page and ticket topics: names, email subscribers, optional Slack channels. */
  readonly alarmTopics: AlarmTopicsProps;
  /**
   * SSM parameters this stack writes for the service stacks (read at deploy time, never exported): the listener
   * services add their rules to, which a new domain replaces by an HTTPS listener, and the load balancer's
   * security group.
   */
  readonly parameters: { readonly listenerArn: string; readonly loadBalancerSecurityGroupId: string };
}

/**
 * What every service of an environment shares: the ECS cluster, the load balancer and the page and ticket topics.
 * Services find them by derived name (cluster, topics) and SSM parameter (listener, security group), never by export.
 */
export class PlatformStack extends Stack {
  public readonly cluster: ecs.Cluster;
  public readonly loadBalancer: SharedLoadBalancer;
  public readonly topics: AlarmTopics;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc: props.vpc,
      clusterName: props.clusterName,
      containerInsightsV2: props.containerInsights ? ecs.ContainerInsights.ENABLED : ecs.ContainerInsights.DISABLED,
    });
    if (!props.containerInsights) {
      acknowledge(this.cluster, {
        'AwsSolutions-ECS4':
          'This environment profile turns Container Insights off to save its per-task metric cost; services still publish CPU and memory metrics',
        'guard:ecs_container_insights_enabled_check':
          'CT.ECS.PR.1: this environment profile turns Container Insights off to save its per-task metric cost; CPU and memory metrics remain',
      });
    }
    this.loadBalancer = new SharedLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      certificateArn: props.certificateArn,
      accessLogBucketName: props.accessLogBucketName,
      accessLogPrefix: props.accessLogPrefix,
      deletionProtection: props.loadBalancerDeletionProtection,
    });
    this.topics = new AlarmTopics(this, 'AlarmTopics', props.alarmTopics);
    new ssm.StringParameter(this, 'ListenerArnParameter', {
      parameterName: props.parameters.listenerArn,
      stringValue: this.loadBalancer.listener.listenerArn,
      description: `Listener the services of the environment add their rules to (${this.loadBalancer.https ? 'HTTPS' : 'HTTP'}; landfall)`,
    });
    new ssm.StringParameter(this, 'LoadBalancerSecurityGroupIdParameter', {
      parameterName: props.parameters.loadBalancerSecurityGroupId,
      stringValue: this.loadBalancer.securityGroup.securityGroupId,
      description: 'Security group of the shared load balancer (landfall)',
    });
    new CfnOutput(this, 'LoadBalancerDnsName', {
      value: this.loadBalancer.loadBalancer.loadBalancerDnsName,
      description: 'DNS name of the shared load balancer (point the environment domain and service hosts at it)',
    });
  }
}
