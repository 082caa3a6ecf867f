import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { CDK_JSON_CONTEXT } from '../support/example';

/** A small app for construct tests: one stack with a VPC, a cluster and an HTTP listener. */
export function serviceFixture() {
  const app = new App({ context: CDK_JSON_CONTEXT });
  const stack = new Stack(app, 'Test', { env: { account: '123456789012', region: 'ap-northeast-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', { availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'], natGateways: 1 });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
  const loadBalancer = new elbv2.ApplicationLoadBalancer(stack, 'Lb', { vpc, internetFacing: true });
  const listener = loadBalancer.addListener('Http', {
    port: 80,
    defaultAction: elbv2.ListenerAction.fixedResponse(404),
  });
  const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/docker/library/nginx:1.27');
  const task = {
    image,
    cpu: 256,
    memoryMiB: 512,
    logRetention: logs.RetentionDays.TWO_WEEKS,
    logRemovalPolicy: RemovalPolicy.DESTROY,
  };
  return { app, stack, vpc, cluster, listener, image, task };
}
