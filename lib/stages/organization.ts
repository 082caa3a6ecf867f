import type { Construct } from 'constructs';
import type { LandfallModel } from '../config';
import { OU_PATHS } from '../config/schema/organization';
import { logBucketName, ORGANIZATION_RESOURCE_NAMES, PREFIX, STACKS, stackName, TAGS } from '../naming';
import { accessPlan } from '../plan/access';
import { platformScps } from '../plan/guardrails';
import { landfallDeclarativePolicies, landfallRcps, organizationPolicyValues } from '../plan/organization-policies';
import { managedMemberAccounts } from '../plan/placement';
import { ORGANIZATIONS_REGION } from '../plan/regions';
import { IdentityCenterStack } from '../stacks/identity-center-stack';
import { OrganizationStack } from '../stacks/organization-stack';
import { TrailStack } from '../stacks/trail-stack';
import { loadBalancerLogAccounts } from './principals';

export interface OrganizationStacks {
  readonly organization: OrganizationStack;
  readonly identityCenter: IdentityCenterStack;
  readonly trail: TrailStack;
}

/** The management account's governance stacks: Organization, IdentityCenter and Trail. All termination-protected. */
export function addOrganizationStacks(stage: Construct, stageName: string, model: LandfallModel): OrganizationStacks {
  const { platform, accounts } = model;
  const management = accounts.management.id;
  const common = (stack: string, description: string) => ({
    stackName: stackName(stageName, stack),
    description,
    terminationProtection: true,
  });

  const policyValues = organizationPolicyValues(platform, PREFIX, loadBalancerLogAccounts(platform.allowedRegions));
  const organization = new OrganizationStack(stage, STACKS.organization, {
    ...common(STACKS.organization, 'landfall organization: OUs, member accounts (retained) and SCP guardrails'),
    env: { account: management, region: ORGANIZATIONS_REGION },
    rootId: platform.organization.rootId,
    organizationalUnits: OU_PATHS,
    accounts: managedMemberAccounts(model).map(({ account, ou }) => ({
      name: account.name,
      email: account.email,
      parent: ou,
      // An account is tagged with its environment (or its role), not with the management account's tags.
      tags: {
        [TAGS.environment]: model.environments.find((e) => e.account.name === account.name)?.name ?? account.role,
      },
    })),
    serviceControlPolicies: platformScps(platform, PREFIX),
    organizationPolicies: [...landfallRcps(policyValues), ...landfallDeclarativePolicies(policyValues)],
  });

  const plan = accessPlan(model);
  const identityCenter = new IdentityCenterStack(stage, STACKS.identityCenter, {
    ...common(STACKS.identityCenter, 'landfall access: Identity Center permission sets per tier and group assignments'),
    env: { account: management, region: platform.identityCenter.region ?? platform.homeRegion },
    instanceArn: platform.identityCenter.instanceArn,
    permissionSets: plan.permissionSets.map((p) => ({
      name: p.name,
      description: p.spec.description,
      sessionDurationHours: p.sessionDurationHours,
      managedPolicies: p.spec.managedPolicies,
      inlinePolicy: p.spec.inlinePolicy,
    })),
    assignments: plan.assignments.map((a) => ({
      id: `${a.group}.${a.account}.${a.permissionSet}`,
      groupId: a.groupId,
      accountId: a.accountId,
      permissionSet: a.permissionSet,
    })),
  });

  const trail = new TrailStack(stage, STACKS.trail, {
    ...common(STACKS.trail, 'landfall organization trail: every account and region, to the log-archive bucket'),
    trailName: ORGANIZATION_RESOURCE_NAMES.trail,
    bucketName: logBucketName('cloudtrail', platform.organization.name, accounts.logArchive.id, platform.homeRegion),
    readerAccountIds: [accounts.logArchive.id, accounts.security.id],
    logGroupName: ORGANIZATION_RESOURCE_NAMES.trailLogGroup,
    logGroupRetentionDays: platform.logArchive.trailCloudWatchLogsRetentionDays,
    keyChangeTopic: {
      topicName: ORGANIZATION_RESOURCE_NAMES.trailKeyChangeTopic,
      emails: platform.notifications.emails,
    },
  });

  return { organization, identityCenter, trail };
}
