// @ts-check
'use strict';
/**
 * Custom resource handler: on Delete only, removes the VPC endpoint and the security group that GuardDuty Runtime
 * Monitoring created in one VPC, so CloudFormation can then delete the VPC's subnets and the VPC.
 *
 * GuardDuty User Guide, "Using Infrastructure as Code (IaC) with GuardDuty automated security agents": "GuardDuty
 * automatically creates a VPC endpoint and a security group associated with this VPC endpoint ... GuardDuty will
 * delete the VPC endpoint and the associated security group only after you disable Runtime Monitoring", and an IaC
 * tool cannot delete a VPC that depends on them. They are identified the way GuardDuty identifies them ("Disabling,
 * uninstalling, and cleaning up resources in Runtime Monitoring": "the VPC endpoint that has the GuardDutyManaged:true
 * tag", "the security group that was tagged as GuardDutyManaged:true"), in this VPC, and the endpoint by its service
 * name com.amazonaws.REGION.guardduty-data (AmazonGuardDutyServiceRolePolicy creates no other).
 *
 * Plain JavaScript on the Lambda runtime's AWS SDK v3: no bundling at synth. `cleanUp` takes the EC2 client, so
 * test/constructs/guardduty-endpoint-cleanup.test.ts runs it against a fake.
 */

const { setTimeout: wait } = require('node:timers/promises');

const TAG = 'GuardDutyManaged';

/**
 * @typedef {{ VpcEndpointId?: string; State?: string; ServiceName?: string }} Endpoint
 * @typedef {{ GroupId?: string; GroupName?: string }} Group
 * @typedef {{
 *   describeVpcEndpoints(input: object): Promise<{ VpcEndpoints?: Endpoint[] }>;
 *   deleteVpcEndpoints(input: { VpcEndpointIds: string[] }): Promise<{ Unsuccessful?: Array<{ ResourceId?: string; Error?: { Code?: string; Message?: string } }> }>;
 *   describeSecurityGroups(input: object): Promise<{ SecurityGroups?: Group[] }>;
 *   deleteSecurityGroup(input: { GroupId: string }): Promise<unknown>;
 * }} Ec2
 * @typedef {{ sleep?: (ms: number) => Promise<void>; attempts?: number; intervalMs?: number; log?: (line: string) => void }} Options
 */

/** @param {string} region */
const serviceNames = (region) => [
  `com.amazonaws.${region}.guardduty-data`,
  `com.amazonaws.${region}.guardduty-data-fips`,
];

/**
 * GuardDuty's endpoints of the VPC that are not deleted yet.
 * @param {Ec2} ec2 @param {string} vpcId @param {string} region @returns {Promise<string[]>}
 */
async function guardDutyEndpoints(ec2, vpcId, region) {
  const { VpcEndpoints = [] } = await ec2.describeVpcEndpoints({
    Filters: [
      { Name: 'vpc-id', Values: [vpcId] },
      { Name: `tag:${TAG}`, Values: ['true'] },
      { Name: 'service-name', Values: serviceNames(region) },
    ],
  });
  return VpcEndpoints.filter((e) => e.State !== 'deleted' && e.VpcEndpointId).map((e) => String(e.VpcEndpointId));
}

/**
 * Delete GuardDuty's endpoint of the VPC, wait until it is gone (its network interfaces hold the security group),
 * then delete GuardDuty's security group of the VPC. Idempotent: nothing to delete is success.
 * @param {Ec2} ec2 @param {{ vpcId: string; region: string }} target @param {Options} [options]
 * @returns {Promise<{ endpoints: string[]; securityGroups: string[] }>}
 */
async function cleanUp(ec2, target, options = {}) {
  const { vpcId, region } = target;
  const attempts = options.attempts ?? 60;
  const intervalMs = options.intervalMs ?? 10000;
  const sleep = options.sleep ?? ((ms) => wait(ms).then(() => undefined));
  const log = options.log ?? ((line) => console.log(line));

  const endpoints = await guardDutyEndpoints(ec2, vpcId, region);
  if (endpoints.length > 0) {
    log(`deleting GuardDuty VPC endpoints ${endpoints.join(', ')} of ${vpcId}`);
    const { Unsuccessful = [] } = await ec2.deleteVpcEndpoints({ VpcEndpointIds: endpoints });
    const failed = Unsuccessful.filter((u) => u.Error && u.Error.Code !== 'InvalidVpcEndpoint.NotFound');
    if (failed.length > 0) {
      const why = failed.map((u) => `${u.ResourceId}: ${u.Error?.Code} ${u.Error?.Message ?? ''}`.trim()).join('; ');
      throw new Error(`could not delete the GuardDuty VPC endpoints of ${vpcId}: ${why}`);
    }
    for (let attempt = 1; ; attempt++) {
      const left = await guardDutyEndpoints(ec2, vpcId, region);
      if (left.length === 0) break;
      if (attempt >= attempts) {
        throw new Error(
          `the GuardDuty VPC endpoints ${left.join(', ')} of ${vpcId} were still deleting after ${attempts} checks`,
        );
      }
      await sleep(intervalMs);
    }
  }

  const { SecurityGroups = [] } = await ec2.describeSecurityGroups({
    Filters: [
      { Name: 'vpc-id', Values: [vpcId] },
      { Name: `tag:${TAG}`, Values: ['true'] },
    ],
  });
  const groups = SecurityGroups.filter((g) => g.GroupId).map((g) => String(g.GroupId));
  for (const groupId of groups) {
    for (let attempt = 1; ; attempt++) {
      try {
        log(`deleting GuardDuty security group ${groupId} of ${vpcId}`);
        await ec2.deleteSecurityGroup({ GroupId: groupId });
        break;
      } catch (err) {
        const name =
          /** @type {{ name?: string; Code?: string }} */ (err).name ?? /** @type {{ Code?: string }} */ (err).Code;
        if (name === 'InvalidGroup.NotFound') break;
        // The endpoint's network interfaces may still be detaching from the group.
        if (name !== 'DependencyViolation' || attempt >= attempts) throw err;
        await sleep(intervalMs);
      }
    }
  }
  return { endpoints, securityGroups: groups };
}

/**
 * The custom resource handler (aws-cdk-lib CustomResourceProvider protocol: return the physical ID, throw to fail).
 * Create and Update do nothing; the physical ID names the VPC, so a replaced VPC's old resource is deleted, and
 * cleans up, before that VPC is.
 * @param {{ RequestType: 'Create' | 'Update' | 'Delete'; PhysicalResourceId?: string; ResourceProperties: { VpcId: string } }} event
 * @param {{ ec2?: Ec2; region?: string; options?: Options }} [deps]
 */
async function handler(event, deps = {}) {
  const vpcId = event.ResourceProperties.VpcId;
  const physicalResourceId = `guardduty-endpoint-cleanup-${vpcId}`;
  if (event.RequestType !== 'Delete') return { PhysicalResourceId: physicalResourceId };
  const region = deps.region ?? String(process.env.AWS_REGION);
  // The Lambda Node.js runtime ships the AWS SDK v3; the EC2 aggregated client has the methods `Ec2` names.
  const ec2 = deps.ec2 ?? new (require('@aws-sdk/client-ec2').EC2)({});
  const result = await cleanUp(ec2, { vpcId, region }, deps.options);
  console.log(JSON.stringify({ vpcId, deleted: result }));
  return { PhysicalResourceId: event.PhysicalResourceId ?? physicalResourceId };
}

module.exports = { handler, cleanUp };
