import * as path from 'node:path';
import { CustomResource, CustomResourceProvider, CustomResourceProviderRuntime, Duration, Stack } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeLint } from './acknowledge';

export interface GuardDutyEndpointCleanupProps {
  /** The VPC whose GuardDuty-created endpoint and security group are removed before it is deleted. */
  readonly vpc: ec2.IVpc;
}

const RESOURCE_TYPE = 'Custom::LandfallGuardDutyEndpointCleanup';
const TAG_CONDITION = { 'aws:ResourceTag/GuardDutyManaged': 'true' };

/**
 * Lets CloudFormation delete a VPC in which GuardDuty Runtime Monitoring created a VPC endpoint and a security group
 * (they block the subnets and the VPC with DependencyViolation; GuardDuty removes them only when Runtime Monitoring is
 * disabled). On stack delete only, a Lambda removes the endpoint tagged `GuardDutyManaged: true` for the
 * `guardduty-data` service in this VPC, waits for it, then the security group tagged `GuardDutyManaged: true` in this
 * VPC. It depends on the whole VPC, so CloudFormation deletes it first. Create and update do nothing.
 */
export class GuardDutyEndpointCleanup extends Construct {
  public readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: GuardDutyEndpointCleanupProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const arn = (resource: string) => `arn:${stack.partition}:ec2:${stack.region}:${stack.account}:${resource}`;
    const provider = CustomResourceProvider.getOrCreateProvider(this, RESOURCE_TYPE, {
      codeDirectory: path.join(__dirname, 'handlers', 'guardduty-endpoint-cleanup'),
      runtime: CustomResourceProviderRuntime.NODEJS_22_X,
      timeout: Duration.minutes(15),
      description: 'Removes the GuardDuty-created VPC endpoint and security group of a VPC before it is deleted',
      policyStatements: [
        // Describe calls have no resource-level permissions (Service Authorization Reference: no resource types).
        {
          Effect: 'Allow',
          Action: ['ec2:DescribeVpcEndpoints', 'ec2:DescribeSecurityGroups'],
          Resource: '*',
        },
        // DeleteVpcEndpoints supports aws:ResourceTag and ec2:VpceServiceName on vpc-endpoint (no ec2:Vpc key): only
        // GuardDuty-tagged endpoints of the guardduty-data service, in this account and region.
        {
          Effect: 'Allow',
          Action: 'ec2:DeleteVpcEndpoints',
          Resource: arn('vpc-endpoint/*'),
          Condition: {
            StringEquals: TAG_CONDITION,
            StringLike: { 'ec2:VpceServiceName': `com.amazonaws.${stack.region}.guardduty-data*` },
          },
        },
        // DeleteSecurityGroup supports aws:ResourceTag and ec2:Vpc on security-group: only GuardDuty-tagged groups
        // of this VPC.
        {
          Effect: 'Allow',
          Action: 'ec2:DeleteSecurityGroup',
          Resource: arn('security-group/*'),
          Condition: { StringEquals: { ...TAG_CONDITION, 'ec2:Vpc': arn(`vpc/${props.vpc.vpcId}`) } },
        },
      ],
    });
    this.resource = new CustomResource(this, 'Resource', {
      resourceType: RESOURCE_TYPE,
      serviceToken: provider.serviceToken,
      properties: { VpcId: props.vpc.vpcId },
    });
    // Deleted before every subnet, route and gateway of the VPC: the endpoint's network interfaces sit in the subnets.
    this.resource.node.addDependency(props.vpc);
    acknowledgeLint(this.resource, {
      W3005:
        'DependsOn covers every resource of the VPC construct, the VPC included beside its Ref: the delete order needs the subnets and routes, not only the VPC',
    });

    const handler = stack.node.tryFindChild(`${RESOURCE_TYPE}CustomResourceProvider`);
    if (handler) {
      acknowledge(handler, {
        'AwsSolutions-IAM5[Resource::*]':
          'ec2:DescribeVpcEndpoints and ec2:DescribeSecurityGroups have no resource-level permissions; the deletes are scoped by the GuardDutyManaged tag, the service name and the VPC',
        'guard:lambda_inside_vpc_check':
          'CT.LAMBDA.PR.3: the handler runs only when the stack is deleted and calls only the EC2 API; inside the VPC it would depend on the NAT it helps delete',
      });
      acknowledgeLint(handler.node.findChild('Handler'), {
        W3005:
          'aws-cdk-lib adds DependsOn on the provider role beside the GetAtt of its ARN; the duplicate ordering is harmless and generated',
      });
    }
  }
}
