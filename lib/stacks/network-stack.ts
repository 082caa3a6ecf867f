import type { RemovalPolicy, StackProps } from 'aws-cdk-lib';
import { CfnOutput, Stack } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { LogEncryptionKey } from '../../constructs/log-encryption-key';
import type { NatKind } from '../../constructs/service-vpc';
import { ServiceVpc } from '../../constructs/service-vpc';

export interface NetworkStackProps extends StackProps {
  /** Availability zones of the VPC (also what the stack reports, so nothing is looked up). */
  readonly availabilityZones: readonly string[];
  readonly natCount: number;
  readonly natKind: NatKind;
  readonly logRetention: logs.RetentionDays;
  /** Removal policy of the log key, the flow logs and the egress Elastic IPs. */
  readonly removalPolicy: RemovalPolicy;
  /**
   * SSM parameters this stack writes for the stacks deployed after it (they read them at deploy time instead of
   * importing exports): the VPC ID, the private subnet IDs in zone order, the log key's ARN.
   */
  readonly parameters: {
    readonly vpcId: string;
    readonly privateSubnetIds: readonly string[];
    readonly logKeyArn: string;
  };
}

/**
 * The environment's VPC, its fixed egress IPs (stack outputs) and the key that encrypts every log group; the IDs
 * later stacks need are SSM parameters, never exports.
 */
export class NetworkStack extends Stack {
  public readonly vpc: ec2.Vpc;
  public readonly logKey: LogEncryptionKey;
  public readonly serviceVpc: ServiceVpc;
  private readonly zones: string[];

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    this.zones = [...props.availabilityZones];
    this.logKey = new LogEncryptionKey(this, 'LogKey', {
      description: `Encrypts the CloudWatch Logs of ${this.stackName}'s environment`,
      removalPolicy: props.removalPolicy,
    });
    this.serviceVpc = new ServiceVpc(this, 'Network', {
      availabilityZones: props.availabilityZones,
      natCount: props.natCount,
      natKind: props.natKind,
      flowLogRetention: props.logRetention,
      logEncryptionKey: this.logKey.key,
      removalPolicy: props.removalPolicy,
    });
    this.vpc = this.serviceVpc.vpc;
    const privateSubnets = this.vpc.privateSubnets;
    if (privateSubnets.length !== props.parameters.privateSubnetIds.length) {
      throw new Error(
        `${this.node.path}: ${privateSubnets.length} private subnets for ${props.parameters.privateSubnetIds.length} subnet parameters`,
      );
    }
    const write = (id: string, parameterName: string, stringValue: string, description: string) =>
      new ssm.StringParameter(this, id, { parameterName, stringValue, description });
    write('VpcIdParameter', props.parameters.vpcId, this.vpc.vpcId, 'VPC of the environment (landfall)');
    privateSubnets.forEach((subnet, i) =>
      write(
        `PrivateSubnet${i + 1}IdParameter`,
        props.parameters.privateSubnetIds[i],
        subnet.subnetId,
        `Private subnet ${i + 1} of the environment's VPC, ${subnet.availabilityZone} (landfall)`,
      ),
    );
    write(
      'LogKeyArnParameter',
      props.parameters.logKeyArn,
      this.logKey.key.keyArn,
      "Key that encrypts the environment's log groups (landfall)",
    );
    this.serviceVpc.egressIps.forEach((eip, i) => {
      new CfnOutput(this, `EgressIp${i + 1}`, {
        value: eip.attrPublicIp,
        description: `Egress Elastic IP ${i + 1}: traffic of every task leaves from these addresses (give them to partners to allow-list)`,
      });
    });
  }

  /** The configured zones: never a lookup, so synth stays offline. */
  override get availabilityZones(): string[] {
    return this.zones;
  }
}
