import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ServiceVpc } from '../../constructs/service-vpc';
import { CDK_JSON_CONTEXT } from '../support/example';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { handler, cleanUp } = require('../../constructs/handlers/guardduty-endpoint-cleanup/index.js');

/**
 * GuardDuty User Guide, "Using Infrastructure as Code (IaC) with GuardDuty automated security agents": GuardDuty
 * "automatically creates a VPC endpoint and a security group associated with this VPC endpoint" and deletes them
 * "only after you disable Runtime Monitoring"; a stack delete then fails ("The subnet ... has dependencies and cannot
 * be deleted"). "Disabling, uninstalling, and cleaning up resources in Runtime Monitoring" names them by the tag
 * GuardDutyManaged:true; the endpoint's service is com.amazonaws.REGION.guardduty-data
 * (AmazonGuardDutyServiceRolePolicy).
 */
const VPC = 'vpc-0aaa';
const REGION = 'ap-northeast-1';

interface FakeEndpoint {
  id: string;
  vpc: string;
  service: string;
  tags: Record<string, string>;
  state: string;
}
interface FakeGroup {
  id: string;
  vpc: string;
  tags: Record<string, string>;
}
type Filter = { Name: string; Values: string[] };

/** A fake EC2 client: filters like EC2, endpoints take `deleteChecks` describes to disappear. */
function fakeEc2(endpoints: FakeEndpoint[], groups: FakeGroup[], opts: { deleteChecks?: number; busy?: number } = {}) {
  const calls: string[] = [];
  let checksLeft = opts.deleteChecks ?? 1;
  let busy = opts.busy ?? 0;
  const matches = (filters: Filter[], item: { vpc: string; tags: Record<string, string>; service?: string }) =>
    filters.every((f) => {
      if (f.Name === 'vpc-id') return f.Values.includes(item.vpc);
      if (f.Name === 'service-name') return item.service !== undefined && f.Values.includes(item.service);
      if (f.Name.startsWith('tag:')) return f.Values.includes(item.tags[f.Name.slice(4)]);
      throw new Error(`unexpected filter ${f.Name}`);
    });
  return {
    calls,
    endpoints,
    groups,
    async describeVpcEndpoints(input: { Filters: Filter[] }) {
      calls.push('describeVpcEndpoints');
      for (const e of endpoints.filter((x) => x.state === 'deleting')) {
        if (--checksLeft < 0) e.state = 'deleted';
      }
      return {
        VpcEndpoints: endpoints
          .filter((e) => matches(input.Filters, e))
          .map((e) => ({ VpcEndpointId: e.id, State: e.state, ServiceName: e.service })),
      };
    },
    async deleteVpcEndpoints(input: {
      VpcEndpointIds: string[];
    }): Promise<{ Unsuccessful: Array<{ ResourceId: string; Error: { Code: string; Message: string } }> }> {
      calls.push(`deleteVpcEndpoints ${input.VpcEndpointIds.join(',')}`);
      for (const e of endpoints.filter((x) => input.VpcEndpointIds.includes(x.id))) e.state = 'deleting';
      return { Unsuccessful: [] };
    },
    async describeSecurityGroups(input: { Filters: Filter[] }) {
      calls.push('describeSecurityGroups');
      return { SecurityGroups: groups.filter((g) => matches(input.Filters, g)).map((g) => ({ GroupId: g.id })) };
    },
    async deleteSecurityGroup(input: { GroupId: string }) {
      calls.push(`deleteSecurityGroup ${input.GroupId}`);
      if (busy-- > 0) throw Object.assign(new Error('has a dependent object'), { name: 'DependencyViolation' });
      groups.splice(
        groups.findIndex((g) => g.id === input.GroupId),
        1,
      );
      return {};
    },
  };
}

const guardDutyEndpoint = (id: string, vpc = VPC): FakeEndpoint => ({
  id,
  vpc,
  service: `com.amazonaws.${REGION}.guardduty-data`,
  tags: { GuardDutyManaged: 'true' },
  state: 'available',
});
const guardDutyGroup = (id: string, vpc = VPC): FakeGroup => ({ id, vpc, tags: { GuardDutyManaged: 'true' } });
const fast = { sleep: async () => undefined, attempts: 5, intervalMs: 0, log: () => undefined };
const deleteEvent = {
  RequestType: 'Delete',
  PhysicalResourceId: `guardduty-endpoint-cleanup-${VPC}`,
  ResourceProperties: { VpcId: VPC },
};

describe('GuardDuty endpoint cleanup handler', () => {
  it.each(['Create', 'Update'])('does nothing on %s and names the VPC in the physical ID', async (RequestType) => {
    const ec2 = fakeEc2([guardDutyEndpoint('vpce-1')], [guardDutyGroup('sg-1')]);
    const result = await handler({ RequestType, ResourceProperties: { VpcId: VPC } }, { ec2, region: REGION });
    expect(result).toEqual({ PhysicalResourceId: `guardduty-endpoint-cleanup-${VPC}` });
    expect(ec2.calls).toEqual([]);
  });

  it('on Delete removes GuardDuty’s endpoint, waits until it is gone, then removes GuardDuty’s security group', async () => {
    const ec2 = fakeEc2([guardDutyEndpoint('vpce-1')], [guardDutyGroup('sg-1')], { deleteChecks: 2 });
    const result = await handler(deleteEvent, { ec2, region: REGION, options: fast });
    expect(result).toEqual({ PhysicalResourceId: `guardduty-endpoint-cleanup-${VPC}` });
    expect(ec2.calls).toEqual([
      'describeVpcEndpoints',
      'deleteVpcEndpoints vpce-1',
      'describeVpcEndpoints',
      'describeVpcEndpoints',
      'describeVpcEndpoints',
      'describeSecurityGroups',
      'deleteSecurityGroup sg-1',
    ]);
    expect(ec2.groups).toEqual([]);
  });

  it('leaves endpoints and groups of other VPCs, other services or without the GuardDuty tag', async () => {
    const otherVpc = guardDutyEndpoint('vpce-other-vpc', 'vpc-0bbb');
    const ours = { ...guardDutyEndpoint('vpce-s3'), service: `com.amazonaws.${REGION}.s3` };
    const untagged = { ...guardDutyEndpoint('vpce-untagged'), tags: {} };
    const groups = [guardDutyGroup('sg-other', 'vpc-0bbb'), { id: 'sg-app', vpc: VPC, tags: {} }];
    const ec2 = fakeEc2([otherVpc, ours, untagged], groups);
    expect(await cleanUp(ec2, { vpcId: VPC, region: REGION }, fast)).toEqual({ endpoints: [], securityGroups: [] });
    expect(ec2.calls.filter((c) => c.startsWith('delete'))).toEqual([]);
  });

  it('succeeds when GuardDuty created nothing (Runtime Monitoring off, or already cleaned up)', async () => {
    const ec2 = fakeEc2([], []);
    expect(await cleanUp(ec2, { vpcId: VPC, region: REGION }, fast)).toEqual({ endpoints: [], securityGroups: [] });
  });

  it('retries the security group while the endpoint’s network interfaces still hold it (DependencyViolation)', async () => {
    const ec2 = fakeEc2([], [guardDutyGroup('sg-1')], { busy: 2 });
    expect(await cleanUp(ec2, { vpcId: VPC, region: REGION }, fast)).toEqual({
      endpoints: [],
      securityGroups: ['sg-1'],
    });
    expect(ec2.calls.filter((c) => c.startsWith('deleteSecurityGroup'))).toHaveLength(3);
  });

  it('fails the delete, naming the endpoint, when the endpoint does not go away', async () => {
    const ec2 = fakeEc2([guardDutyEndpoint('vpce-1')], [guardDutyGroup('sg-1')], { deleteChecks: 100 });
    await expect(cleanUp(ec2, { vpcId: VPC, region: REGION }, fast)).rejects.toThrow(
      `the GuardDuty VPC endpoints vpce-1 of ${VPC} were still deleting after 5 checks`,
    );
    expect(ec2.calls).not.toContain('deleteSecurityGroup sg-1');
  });

  it('fails the delete with EC2’s reason when an endpoint cannot be deleted', async () => {
    const ec2 = fakeEc2([guardDutyEndpoint('vpce-1')], []);
    ec2.deleteVpcEndpoints = async () => ({
      Unsuccessful: [{ ResourceId: 'vpce-1', Error: { Code: 'UnauthorizedOperation', Message: 'not allowed' } }],
    });
    await expect(cleanUp(ec2, { vpcId: VPC, region: REGION }, fast)).rejects.toThrow(
      `could not delete the GuardDuty VPC endpoints of ${VPC}: vpce-1: UnauthorizedOperation not allowed`,
    );
  });
});

describe('GuardDuty endpoint cleanup in the VPC template', () => {
  const app = new App({ context: CDK_JSON_CONTEXT });
  const stack = new Stack(app, 'Net', { env: { account: '123456789012', region: REGION } });
  new ServiceVpc(stack, 'Network', {
    availabilityZones: ['ap-northeast-1a', 'ap-northeast-1c'],
    flowLogRetention: logs.RetentionDays.ONE_YEAR,
  });
  const template = Template.fromStack(stack);
  const cleanup = Object.entries(template.findResources('Custom::LandfallGuardDutyEndpointCleanup'));

  it('has one cleanup resource for the VPC', () => {
    expect(cleanup).toHaveLength(1);
    expect(cleanup[0][1].Properties.VpcId).toEqual({ Ref: expect.stringMatching(/^NetworkVpc/) });
  });

  // CloudFormation deletes a resource before the resources it depends on: the cleanup runs before any subnet, route,
  // gateway or the VPC itself is deleted.
  it('depends on every subnet, route table, gateway and the VPC, so it is deleted first', () => {
    const dependsOn: string[] = cleanup[0][1].DependsOn;
    for (const type of ['AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::RouteTable', 'AWS::EC2::InternetGateway']) {
      for (const logicalId of Object.keys(template.findResources(type))) expect(dependsOn).toContain(logicalId);
    }
  });

  it('runs a Node.js 22 handler with 15 minutes to wait for the endpoint', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Timeout: 900,
      Description: 'Removes the GuardDuty-created VPC endpoint and security group of a VPC before it is deleted',
    });
  });

  // Service Authorization Reference (EC2): DeleteVpcEndpoints takes aws:ResourceTag and ec2:VpceServiceName on
  // vpc-endpoint; DeleteSecurityGroup takes aws:ResourceTag and ec2:Vpc on security-group; the describes take no
  // resource.
  it('may delete only GuardDuty-tagged endpoints of the guardduty-data service and GuardDuty-tagged groups of this VPC', () => {
    const roles = template.findResources('AWS::IAM::Role', {
      Properties: { Policies: Match.arrayWith([Match.objectLike({ PolicyName: 'Inline' })]) },
    });
    const statements = Object.values(roles).flatMap((r) =>
      r.Properties.Policies.flatMap((p: { PolicyDocument: { Statement: unknown[] } }) => p.PolicyDocument.Statement),
    );
    const arn = (resource: string) => `arn:aws:ec2:${REGION}:123456789012:${resource}`;
    expect(statements).toEqual(
      expect.arrayContaining([
        { Effect: 'Allow', Action: ['ec2:DescribeVpcEndpoints', 'ec2:DescribeSecurityGroups'], Resource: '*' },
        {
          Effect: 'Allow',
          Action: 'ec2:DeleteVpcEndpoints',
          Resource: arn('vpc-endpoint/*'),
          Condition: {
            StringEquals: { 'aws:ResourceTag/GuardDutyManaged': 'true' },
            StringLike: { 'ec2:VpceServiceName': `com.amazonaws.${REGION}.guardduty-data*` },
          },
        },
        {
          Effect: 'Allow',
          Action: 'ec2:DeleteSecurityGroup',
          Resource: arn('security-group/*'),
          Condition: {
            StringEquals: {
              'aws:ResourceTag/GuardDutyManaged': 'true',
              'ec2:Vpc': { 'Fn::Join': ['', [arn('vpc/'), { Ref: expect.stringMatching(/^NetworkVpc/) }]] },
            },
          },
        },
      ]),
    );
    const deletes = statements.filter((s: { Action: unknown }) => JSON.stringify(s.Action).includes('Delete'));
    expect(deletes).toHaveLength(2);
  });
});
