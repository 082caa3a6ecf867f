import type { Construct } from 'constructs';
import type { LandfallModel } from '../config';
import { logBucketName, ORGANIZATION_RESOURCE_NAMES, ROLE_NAMES, STACKS, stackName } from '../naming';
import {
  linkedRegions,
  loadBalancerLogWriter,
  organizationTrailArn,
  securityHubStandardArns,
} from '../org/security-services';
import { FindingsStack } from '../stacks/findings-stack';
import { GuardDutyStack } from '../stacks/guardduty-stack';
import { LogBucketsStack } from '../stacks/log-buckets-stack';
import { SecurityHubStack } from '../stacks/security-hub-stack';

const protectedStack = (stageName: string, stack: string, description: string) => ({
  stackName: stackName(stageName, stack),
  description,
  terminationProtection: true,
});

/** The log-archive account's central log buckets. */
export function addLogBuckets(stage: Construct, stageName: string, model: LandfallModel): LogBucketsStack {
  const { platform, accounts } = model;
  const name = (kind: 'cloudtrail' | 'config' | 'alb') =>
    logBucketName(kind, platform.organization.name, accounts.logArchive.id, platform.homeRegion);
  const { noncurrentVersionExpireAfterDays } = platform.logArchive;
  const lifecycle = (kind: 'cloudtrail' | 'config' | 'alb' | 'accessLogs') => ({
    ...platform.logArchive[kind],
    noncurrentVersionExpireAfterDays,
  });
  return new LogBucketsStack(stage, STACKS.logBuckets, {
    ...protectedStack(
      stageName,
      STACKS.logBuckets,
      'landfall log archive: CloudTrail, Config and load balancer log buckets (retained)',
    ),
    organizationId: platform.organization.id,
    managementAccountId: accounts.management.id,
    bucketNames: { cloudtrail: name('cloudtrail'), config: name('config'), alb: name('alb') },
    lifecycles: { cloudtrail: lifecycle('cloudtrail'), config: lifecycle('config'), alb: lifecycle('alb') },
    accessLogsLifecycle: lifecycle('accessLogs'),
    trailArn: organizationTrailArn(model),
    configRoleName: ROLE_NAMES.configRecorder,
    loadBalancerLogWriter: loadBalancerLogWriter(platform.homeRegion),
    memberAccountIds: platform.accounts.filter((a) => a.role !== 'management').map((a) => a.id),
  });
}

export interface SecurityServiceStacks {
  readonly guardDuty: GuardDutyStack;
  readonly securityHub: SecurityHubStack;
  readonly findings: FindingsStack;
}

/** The security account as delegated administrator: GuardDuty, Security Hub central configuration, findings. */
export function addSecurityServices(stage: Construct, stageName: string, model: LandfallModel): SecurityServiceStacks {
  const { platform } = model;
  const guardDuty = new GuardDutyStack(stage, STACKS.guardDuty, {
    ...protectedStack(stageName, STACKS.guardDuty, 'landfall GuardDuty: detector and organization auto-enable'),
    findingPublishingFrequency: platform.guardDuty.findingPublishingFrequency,
    configuratorRoleName: ROLE_NAMES.guardDutyConfigurator,
  });
  const securityHub = new SecurityHubStack(stage, STACKS.securityHub, {
    ...protectedStack(
      stageName,
      STACKS.securityHub,
      'landfall Security Hub central configuration for the organization',
    ),
    policyName: ORGANIZATION_RESOURCE_NAMES.securityHubPolicy,
    standardArns: securityHubStandardArns(model),
    disabledControls: platform.securityHub.disabledControls,
    linkedRegions: linkedRegions(model),
    rootId: platform.organization.rootId,
  });
  const findings = new FindingsStack(stage, STACKS.findings, {
    ...protectedStack(stageName, STACKS.findings, 'landfall security findings to the security notification topic'),
    emails: platform.notifications.emails,
    guardDutyMinSeverity: platform.guardDuty.notifySeverityAtLeast,
  });
  return { guardDuty, securityHub, findings };
}
