import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ServiceVpc } from '../../constructs/service-vpc';
import { CDK_JSON_CONTEXT } from '../support/example';

const ZONES = ['ap-northeast-1a', 'ap-northeast-1c'];

/**
 * landfall's EC2 declarative policy turns VPC Block Public Access to block_ingress: "All internet traffic to the
 * VPCs (except for VPCs or subnets which are excluded) is blocked" (Organizations, "Declarative policy syntax and
 * examples"). The internet-facing load balancer lives in the public subnets, so exactly those are excluded.
 */
describe('ServiceVpc and VPC Block Public Access', () => {
  const app = new App({ context: CDK_JSON_CONTEXT, builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Net', { env: { account: '123456789012', region: 'ap-northeast-1' } });
  const network = new ServiceVpc(stack, 'Network', {
    availabilityZones: ZONES,
    flowLogRetention: logs.RetentionDays.ONE_YEAR,
  });
  const template = Template.fromStack(stack);
  const exclusions = Object.values(template.findResources('AWS::EC2::VPCBlockPublicAccessExclusion'));
  const subnetRef = (s: { subnetId: string }) => stack.resolve(s.subnetId);

  it('excludes every public subnet, allowing traffic both ways through the internet gateway', () => {
    expect(
      exclusions.map(({ Properties: { SubnetId, InternetGatewayExclusionMode } }) => ({
        SubnetId,
        InternetGatewayExclusionMode,
      })),
    ).toEqual(
      network.vpc.publicSubnets.map((s) => ({
        SubnetId: subnetRef(s),
        InternetGatewayExclusionMode: 'allow-bidirectional',
      })),
    );
  });

  it('excludes no private subnet (tasks reach the internet through NAT, which block_ingress allows)', () => {
    const excluded = exclusions.map((e) => JSON.stringify(e.Properties.SubnetId));
    for (const s of network.vpc.privateSubnets) expect(excluded).not.toContain(JSON.stringify(subnetRef(s)));
  });
});
