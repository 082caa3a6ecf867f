import type { Attempt, Principal } from './adversary';
import { attempt } from './adversary';
import { referencePlatform, validate } from '../support/example';
import { logBucketName } from '../../lib/naming';

/**
 * A log archive nobody erases (issue 10, item 2): the log-archive account's own administrators cannot delete
 * landfall's log buckets or their object versions, change their policy, lifecycle, versioning, encryption, logging
 * or Object Lock, or bypass governance retention. Deployments may change the settings (the LogBuckets stack owns
 * them); only break-glass may destroy.
 */
const model = validate(referencePlatform());
const { platform, accounts } = model;
const CLOUDTRAIL = `arn:aws:s3:::${logBucketName('cloudtrail', platform.organization.name, accounts.logArchive.id, platform.homeRegion)}`;
const CONFIG = `arn:aws:s3:::${logBucketName('config', platform.organization.name, accounts.logArchive.id, platform.homeRegion)}`;
const ALB = `arn:aws:s3:::${logBucketName('alb', platform.organization.name, accounts.logArchive.id, platform.homeRegion)}`;
/** The server access log bucket: named by CloudFormation after the LogBuckets stack. */
const ACCESS_LOGS = 'arn:aws:s3:::landfall-log-archive-log-buckets-accesslogsbucket1a2b3c-0a1b2c3d4e5f';
const OBJECT = `${CLOUDTRAIL}/AWSLogs/o-exampleorg1/111111111111/CloudTrail/ap-northeast-1/2026/12/01/log.json.gz`;

const at = (who: Principal, action: string, resource: string): Attempt => ({
  who,
  account: 'log-archive',
  action,
  resource,
});

const DESTRUCTION: ReadonlyArray<[string, string]> = [
  ['s3:DeleteBucket', CLOUDTRAIL],
  ['s3:DeleteBucket', CONFIG],
  ['s3:DeleteBucket', ACCESS_LOGS],
  ['s3:DeleteObjectVersion', OBJECT],
  ['s3:BypassGovernanceRetention', OBJECT],
  ['s3:PutBucketObjectLockConfiguration', CLOUDTRAIL],
  ['s3:PutBucketPolicy', CLOUDTRAIL],
  ['s3:DeleteBucketPolicy', CONFIG],
  ['s3:PutLifecycleConfiguration', CLOUDTRAIL],
  ['s3:PutLifecycleConfiguration', ALB],
  ['s3:PutBucketVersioning', CONFIG],
  ['s3:PutEncryptionConfiguration', CLOUDTRAIL],
  ['s3:PutBucketLogging', CLOUDTRAIL],
  ['s3:PutBucketPublicAccessBlock', ALB],
];

describe('the log archive under its own administrators', () => {
  it.each(DESTRUCTION)("the log-archive administrator's %s on %s is denied", async (action, resource) => {
    await expect(attempt(model, at('platform-admin', action, resource))).resolves.toBe('denied');
  });

  it.each(['s3:DeleteObjectVersion', 's3:BypassGovernanceRetention'])(
    'a deployment cannot %s either (CloudFormation never needs to)',
    async (action) => {
      await expect(attempt(model, at('cfn-exec-role', action, OBJECT))).resolves.toBe('denied');
    },
  );

  it('OrganizationAccountAccessRole cannot delete object versions (only the dedicated break-glass role may)', async () => {
    await expect(attempt(model, at('org-access-role', 's3:DeleteObjectVersion', OBJECT))).resolves.toBe('denied');
  });

  it('a deployment cannot delete a log bucket (the stack retains them)', async () => {
    await expect(attempt(model, at('cfn-exec-role', 's3:DeleteBucket', CLOUDTRAIL))).resolves.toBe('denied');
  });

  it('a workload account administrator cannot delete the log-archive bucket either', async () => {
    await expect(
      attempt(model, { who: 'platform-admin', account: 'prod', action: 's3:DeleteBucket', resource: ALB }),
    ).resolves.toBe('denied');
  });

  it('break-glass may delete an object version (the dedicated role)', async () => {
    await expect(attempt(model, at('break-glass', 's3:DeleteObjectVersion', OBJECT))).resolves.toBe('allowed');
  });

  it.each(['s3:PutBucketPolicy', 's3:PutLifecycleConfiguration'])(
    'a deployment may %s (the LogBuckets stack owns the settings)',
    async (action) => {
      await expect(attempt(model, at('cfn-exec-role', action, CLOUDTRAIL))).resolves.toBe('allowed');
    },
  );

  it("the log-archive administrator may still delete a bucket of the team's own", async () => {
    await expect(
      attempt(model, at('platform-admin', 's3:DeleteBucket', 'arn:aws:s3:::acme-athena-results')),
    ).resolves.toBe('allowed');
  });
});
