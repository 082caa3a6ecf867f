import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeLint } from './acknowledge';
import { GuardDutyEndpointCleanup } from './guardduty-endpoint-cleanup';
import { MIN_EVIDENCE_RETENTION_DAYS, shortRetentionReason } from './log-retention';

const ZONES_FROM_CONFIG =
  'Availability zones come from the validated config (in the home region) on purpose: synth never looks them up and stays offline';

/** How private subnets reach the internet: managed NAT gateways, or NAT instances (a cost option for dev). */
export type NatKind = 'gateway' | 'instance';

export interface ServiceVpcProps {
  /** Availability zones to span, explicit so synth never looks them up. */
  readonly availabilityZones: readonly string[];
  /**
   * NAT gateways or instances; capped at one per zone. Each gets an Elastic IP that partners can allow-list.
   * @default 1
   */
  readonly natCount?: number;
  /** @default 'gateway' */
  readonly natKind?: NatKind;
  /**
   * Instance type of NAT instances (ARM, to match the AMI landfall picks).
   * @default t4g.nano
   */
  readonly natInstanceType?: ec2.InstanceType;
  /** @default '10.0.0.0/16' */
  readonly cidr?: string;
  /** Retention of the VPC flow log group. */
  readonly flowLogRetention: logs.RetentionDays;
  /**
   * Key that encrypts the flow log group.
   * @default CloudWatch Logs' own encryption
   */
  readonly logEncryptionKey?: kms.IKey;
  /**
   * Removal policy of the flow log group and the egress Elastic IPs (partners allow-list the IPs: keep them in prod).
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * On stack delete, remove the VPC endpoint and security group GuardDuty Runtime Monitoring created in the VPC,
   * which otherwise block deleting it (GuardDutyEndpointCleanup).
   * @default true
   */
  readonly cleanUpGuardDutyEndpoint?: boolean;
}

/**
 * A VPC for Fargate services: public subnets hold only the load balancer and NAT (no automatic public IPs),
 * private subnets with egress hold every task. Fixed egress Elastic IPs, flow logs of all traffic to CloudWatch Logs,
 * and an S3 gateway endpoint (image layers from ECR are served from S3 without NAT charges).
 */
export class ServiceVpc extends Construct {
  public readonly vpc: ec2.Vpc;
  /** The Elastic IPs all egress leaves from, one per NAT. */
  public readonly egressIps: ec2.CfnEIP[];
  public readonly flowLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ServiceVpcProps) {
    super(scope, id);
    const natCount = Math.max(1, Math.min(props.natCount ?? 1, props.availabilityZones.length));
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.egressIps = Array.from({ length: natCount }, (_, i) => {
      const eip = new ec2.CfnEIP(this, `EgressIp${i + 1}`, { domain: 'vpc' });
      eip.applyRemovalPolicy(removalPolicy);
      return eip;
    });

    const natKind = props.natKind ?? 'gateway';
    const natInstances =
      natKind === 'instance'
        ? ec2.NatProvider.instanceV2({
            instanceType: props.natInstanceType ?? ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.NANO),
            defaultAllowedTraffic: ec2.NatTrafficDirection.OUTBOUND_ONLY,
            // A public address at boot lets the instance install iptables before its Elastic IP is associated.
            associatePublicIpAddress: true,
          })
        : undefined;

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.cidr ?? '10.0.0.0/16'),
      availabilityZones: [...props.availabilityZones],
      natGateways: natCount,
      natGatewayProvider:
        natInstances ?? ec2.NatProvider.gateway({ eipAllocationIds: this.egressIps.map((e) => e.attrAllocationId) }),
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24, mapPublicIpOnLaunch: false },
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 20 },
      ],
      gatewayEndpoints: {
        S3: {
          service: ec2.GatewayVpcEndpointAwsService.S3,
          subnets: [{ subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS }],
        },
      },
    });

    if (natInstances) this.hardenNatInstances(natInstances);
    if (props.cleanUpGuardDutyEndpoint ?? true) {
      new GuardDutyEndpointCleanup(this, 'GuardDutyEndpointCleanup', { vpc: this.vpc });
    }
    const restrictDefaultSg = Stack.of(this).node.tryFindChild('Custom::VpcRestrictDefaultSGCustomResourceProvider');
    if (restrictDefaultSg) {
      acknowledge(restrictDefaultSg, {
        'guard:lambda_inside_vpc_check':
          'CT.LAMBDA.PR.3: aws-cdk-lib runs this provider once per deployment to strip the default security group rules; it calls only the EC2 API',
      });
      acknowledgeLint(restrictDefaultSg.node.findChild('Handler'), {
        W3005:
          'aws-cdk-lib adds DependsOn on the provider role beside the GetAtt of its ARN; the duplicate ordering is harmless and generated',
      });
    }
    for (const subnet of [...this.vpc.publicSubnets, ...this.vpc.privateSubnets]) {
      acknowledgeLint(subnet, { W3010: ZONES_FROM_CONFIG });
    }
    // landfall's EC2 declarative policy sets VPC Block Public Access to block_ingress with exclusions allowed:
    // "All internet traffic to the VPCs (except for VPCs or subnets which are excluded) is blocked" (Organizations
    // "Declarative policy syntax and examples"). The public subnets hold the internet-facing load balancer (and NAT
    // instances), so they are the only exclusions; "You can create BPA exclusions for VPCs and subnets even when BPA
    // is not enabled on the account" (CloudFormation, AWS::EC2::VPCBlockPublicAccessExclusion).
    this.vpc.publicSubnets.forEach((subnet) => {
      new ec2.CfnVPCBlockPublicAccessExclusion(subnet, 'BlockPublicAccessExclusion', {
        subnetId: subnet.subnetId,
        internetGatewayExclusionMode: 'allow-bidirectional',
      });
    });
    this.vpc.publicSubnets.forEach((subnet) => {
      const route = subnet.node.tryFindChild('DefaultRoute');
      if (route) {
        acknowledge(route, {
          'NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW':
            'Public subnets hold only the load balancer and NAT; their route to the internet gateway is what makes them public. Tasks run in private subnets',
        });
      }
    });

    this.flowLogGroup = new logs.LogGroup(this, 'FlowLogGroup', {
      retention: props.flowLogRetention,
      encryptionKey: props.logEncryptionKey,
      removalPolicy,
    });
    if (props.flowLogRetention < MIN_EVIDENCE_RETENTION_DAYS) {
      acknowledge(this.flowLogGroup, {
        'guard:cloudwatch_log_group_retention_period_check': shortRetentionReason(props.flowLogRetention),
      });
    }
    const flowLog = this.vpc.addFlowLog('FlowLog', {
      destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
    acknowledge(flowLog, {
      'NIST.800.53.R5-IAMNoInlinePolicy':
        'aws-cdk-lib generates the flow log role policy inline; it allows writing to this one flow log group and passing this one role',
    });
  }

  /** Lock the NAT instances down: traffic from the VPC only, IMDSv2, encrypted root volume, the fixed Elastic IPs. */
  private hardenNatInstances(provider: ec2.NatInstanceProviderV2): void {
    provider.connections.allowFrom(
      ec2.Peer.ipv4(this.vpc.vpcCidrBlock),
      ec2.Port.allTraffic(),
      'Traffic of the private subnets to NAT',
    );
    provider.gatewayInstances.forEach((instance, i) => {
      // IMDSv2 through a launch template CloudFormation names itself: aws-cdk-lib's InstanceRequireImdsv2Aspect
      // names it after the instance's construct ID (`NatInstanceLaunchTemplate`), a name that collides with any other
      // environment in the same account and region and blocks a replacement (EC2 launch template names are unique
      // per account and region).
      const imdsv2 = new ec2.CfnLaunchTemplate(instance, 'LaunchTemplate', {
        launchTemplateData: { metadataOptions: { httpTokens: 'required' } },
      });
      instance.instance.launchTemplate = {
        launchTemplateId: imdsv2.ref,
        version: imdsv2.attrLatestVersionNumber,
      };
      (instance.node.defaultChild as ec2.CfnInstance).blockDeviceMappings = [
        {
          deviceName: '/dev/xvda',
          ebs: { encrypted: true, volumeSize: 8, volumeType: 'gp3', deleteOnTermination: true },
        },
      ];
      new ec2.CfnEIPAssociation(this, `EgressIpAssociation${i + 1}`, {
        allocationId: this.egressIps[i].attrAllocationId,
        instanceId: instance.instanceId,
      });
      acknowledgeLint(instance, { W3010: ZONES_FROM_CONFIG });
      acknowledge(instance, {
        'AwsSolutions-EC28':
          'A NAT instance is the dev cost option (t4g.nano); detailed monitoring would cost about as much as the instance, and 5-minute metrics suffice',
        'AwsSolutions-EC29':
          'Termination protection would block CloudFormation from replacing the NAT instance when its AMI is updated; the Elastic IP is kept separately',
        'NIST.800.53.R5-EC2InstanceNoPublicIp':
          'A NAT instance forwards the private subnets to the internet: it needs a public address (its Elastic IP); it admits traffic from the VPC only',
        'NIST.800.53.R5-EC2InstancesInVPC':
          'The NAT instance is in the VPC: aws-cdk-lib places its subnet inside NetworkInterfaces (for the public address), where the rule does not look',
        'guard:ec2_instance_no_public_ip_check':
          'CT.EC2.PR.9: a NAT instance forwards the private subnets to the internet and needs a public address; it admits traffic from the VPC only',
        'guard:ec2_instance_detailed_monitoring_enabled_check':
          'CT.EC2.PR.16: the NAT instance is the dev cost option (t4g.nano); detailed monitoring would cost about as much as the instance',
        'guard:ec2_launch_template_monitoring_enabled_check':
          'CT.EC2.PR.2: this launch template only enforces IMDSv2 on the dev NAT instance; basic 5-minute monitoring is the cost choice there',
        'guard:ec2_instance_nitro_encryption_in_transit_check':
          'CT.EC2.PR.19: in-transit encryption between instances is irrelevant for a NAT instance; t4g.nano is the cheapest Graviton (Nitro) type',
      });
    });
    acknowledge(provider.securityGroup, {
      'AwsSolutions-EC23':
        'The NAT security group admits traffic from the VPC CIDR only (an Fn::GetAtt the rule cannot resolve), never from the internet',
      'NIST.800.53.R5-EC2RestrictedCommonPorts':
        'The NAT security group admits all ports from the VPC CIDR only (an Fn::GetAtt the rule cannot resolve); NAT forwards whatever tasks send',
      'NIST.800.53.R5-EC2RestrictedSSH':
        'Port 22 is open to the VPC CIDR only, as part of forwarding all traffic of the private subnets; the instance has no SSH key pair',
    });
  }
}
