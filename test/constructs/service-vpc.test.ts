import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { ServiceVpcProps } from '../../constructs/service-vpc';
import { ServiceVpc } from '../../constructs/service-vpc';
import { CDK_JSON_CONTEXT } from '../support/example';

const ZONES = ['ap-northeast-1a', 'ap-northeast-1c', 'ap-northeast-1d'];

function vpc(props: Partial<ServiceVpcProps> = {}) {
  const app = new App({ context: CDK_JSON_CONTEXT, builtinCloudFormationValidation: false });
  const stack = new (class extends Stack {
    override get availabilityZones() {
      return ZONES;
    }
  })(app, 'Net', { env: { account: '123456789012', region: 'ap-northeast-1' } });
  const construct = new ServiceVpc(stack, 'Network', {
    availabilityZones: ZONES,
    flowLogRetention: logs.RetentionDays.ONE_YEAR,
    ...props,
  });
  return { app, stack, vpc: construct, template: Template.fromStack(stack) };
}

describe('ServiceVpc', () => {
  const { template, app } = vpc({ natCount: 3 });

  it('spans the configured zones with a public and a private subnet each', () => {
    const zones = Object.values(template.findResources('AWS::EC2::Subnet')).map((s) => s.Properties.AvailabilityZone);
    expect(zones.sort()).toEqual([...ZONES, ...ZONES].sort());
  });

  it('gives no automatic public IP in any subnet', () => {
    const flags = Object.values(template.findResources('AWS::EC2::Subnet')).map(
      (s) => s.Properties.MapPublicIpOnLaunch,
    );
    expect(flags).toEqual(Array(6).fill(false));
  });

  it('puts one NAT gateway per zone on its own Elastic IP when asked for three', () => {
    template.resourceCountIs('AWS::EC2::NatGateway', 3);
    template.resourceCountIs('AWS::EC2::EIP', 3);
    template.hasResourceProperties('AWS::EC2::NatGateway', {
      AllocationId: { 'Fn::GetAtt': [Match.stringLikeRegexp('EgressIp'), 'AllocationId'] },
    });
  });

  it('caps NAT at one per zone', () => {
    vpc({ natCount: 5 }).template.resourceCountIs('AWS::EC2::NatGateway', 3);
  });

  it('logs all traffic to CloudWatch Logs with the given retention', () => {
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
  });

  it('routes S3 through a gateway endpoint', () => {
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] },
    });
  });

  it('keeps the egress IPs and flow logs by default', () => {
    template.hasResource('AWS::EC2::EIP', { DeletionPolicy: 'Retain' });
    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
  });

  it('needs no context lookups', () => {
    expect(app.synth().manifest.missing ?? []).toEqual([]);
  });

  describe('with a NAT instance', () => {
    const nat = vpc({ natKind: 'instance', natCount: 1, removalPolicy: RemovalPolicy.DESTROY }).template;

    it('runs a t4g.nano instead of a NAT gateway', () => {
      nat.resourceCountIs('AWS::EC2::NatGateway', 0);
      nat.hasResourceProperties('AWS::EC2::Instance', { InstanceType: 't4g.nano', SourceDestCheck: false });
    });

    it('associates the egress Elastic IP with the instance', () => {
      nat.hasResourceProperties('AWS::EC2::EIPAssociation', {
        AllocationId: { 'Fn::GetAtt': [Match.stringLikeRegexp('EgressIp1'), 'AllocationId'] },
        InstanceId: { Ref: Match.stringLikeRegexp('NatInstance') },
      });
    });

    it('encrypts the root volume and requires IMDSv2', () => {
      nat.hasResourceProperties('AWS::EC2::Instance', {
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: Match.objectLike({ Encrypted: true }) }],
      });
      nat.hasResourceProperties('AWS::EC2::LaunchTemplate', {
        LaunchTemplateData: { MetadataOptions: { HttpTokens: 'required' } },
      });
    });

    // aws-cdk-lib's InstanceRequireImdsv2Aspect names the template `NatInstanceLaunchTemplate` (feature flag
    // @aws-cdk/aws-ec2:uniqueImdsv2TemplateName: "If another stack that has an Instance with the same construct ID is
    // deployed in the same account and region, the deployments would always fail as the generated Launch Template
    // names were the same"); CloudFormation also cannot replace a resource with a custom name. No name: CloudFormation
    // generates a unique one.
    it('leaves the IMDSv2 launch template unnamed, so environments sharing an account and region never collide', () => {
      const templates = Object.values(nat.findResources('AWS::EC2::LaunchTemplate'));
      expect(templates).toHaveLength(1);
      expect(templates[0].Properties.LaunchTemplateName).toBeUndefined();
      nat.hasResourceProperties('AWS::EC2::Instance', {
        LaunchTemplate: {
          LaunchTemplateId: { Ref: Match.stringLikeRegexp('NatInstanceLaunchTemplate') },
          Version: { 'Fn::GetAtt': [Match.stringLikeRegexp('NatInstanceLaunchTemplate'), 'LatestVersionNumber'] },
        },
      });
    });

    it('admits traffic from the VPC only', () => {
      nat.hasResourceProperties('AWS::EC2::SecurityGroup', {
        GroupDescription: 'Security Group for NAT instances',
        SecurityGroupIngress: [
          Match.objectLike({
            CidrIp: { 'Fn::GetAtt': [Match.stringLikeRegexp('Vpc'), 'CidrBlock'] },
            IpProtocol: '-1',
          }),
        ],
      });
    });

    it('deletes the egress IP with RemovalPolicy.DESTROY', () => {
      nat.hasResource('AWS::EC2::EIP', { DeletionPolicy: 'Delete' });
    });
  });
});
