import { Duration } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { LandfallModel } from '../config';
import { logBucketName, ROLE_NAMES, STACKS } from '../naming';
import { organizationTrailArn } from '../plan/security-services';
import { LogBucketsStack } from '../stacks/log-buckets-stack';
import { loadBalancerLogWriter } from './principals';
import { protectedStack } from './security-services';

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
    configAccountIds: platform.accounts.map((a) => a.id),
    loadBalancerLogWriter: loadBalancerLogWriter(platform.homeRegion),
    memberAccountIds: platform.accounts.filter((a) => a.role !== 'management').map((a) => a.id),
    objectLockRetention: platform.logArchive.objectLock.enabled
      ? Duration.days(platform.logArchive.objectLock.retentionDays)
      : undefined,
  });
}
