import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp, configErrorOf, referencePlatform, stackAt, validate } from '../support/example';

/**
 * Object Lock on the log buckets (issue 10, item 2). Amazon S3 User Guide, "Configuring S3 Object Lock": "Before
 * you lock any objects, you must enable S3 Versioning and Object Lock on a general purpose bucket", and "S3
 * buckets with Object Lock can't be used as destination buckets for server access logs". CloudFormation replaces a
 * bucket whose ObjectLockEnabled changes (cloudformation-coverage-roadmap#1929: "requiresRecreation: Always"), so
 * existing buckets opt out with `logArchive.objectLock.enabled: false`.
 */
const NAMES = [
  'acme-landfall-cloudtrail-333333333333-ap-northeast-1',
  'acme-landfall-config-333333333333-ap-northeast-1',
  'acme-landfall-alb-333333333333-ap-northeast-1',
];

function logBuckets(change?: (p: ReturnType<typeof referencePlatform>) => void): Template {
  const platform = referencePlatform();
  change?.(platform);
  return Template.fromStack(stackAt(buildApp({ model: validate(platform) }), 'LogArchive/LogBuckets'));
}

describe('Object Lock on the log buckets', () => {
  const template = logBuckets();

  it.each(NAMES)('locks %s in governance mode for 365 days, versioned', (name) => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: name,
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 365 } },
      },
      VersioningConfiguration: { Status: 'Enabled' },
    });
  });

  it('leaves Object Lock off the server access log bucket (S3 rejects access logs into a locked bucket)', () => {
    const unnamed = Object.values(template.findResources('AWS::S3::Bucket')).filter(
      (b) => b.Properties.BucketName === undefined,
    );
    expect(unnamed).toHaveLength(1);
    expect(unnamed[0].Properties.ObjectLockEnabled).toBeUndefined();
  });

  it('takes the retention from logArchive.objectLock.retentionDays', () => {
    logBuckets((p) => {
      (p as Record<string, unknown>).logArchive = { objectLock: { retentionDays: 90 } };
    }).hasResourceProperties('AWS::S3::Bucket', {
      BucketName: NAMES[0],
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 90 } } },
    });
  });

  it('creates the buckets without Object Lock when logArchive.objectLock.enabled is false', () => {
    logBuckets((p) => {
      (p as Record<string, unknown>).logArchive = { objectLock: { enabled: false } };
    }).hasResourceProperties('AWS::S3::Bucket', {
      BucketName: NAMES[0],
      ObjectLockEnabled: Match.absent(),
      ObjectLockConfiguration: Match.absent(),
    });
  });

  it('rejects a retention longer than the shortest expiry of a locked bucket', () => {
    const p = referencePlatform();
    (p as Record<string, unknown>).logArchive = { objectLock: { retentionDays: 500 } };
    expect(configErrorOf(p)).toBe(
      'config/platform.ts has 1 problem:\n  * logArchive.objectLock.retentionDays: 500 is longer than logArchive.alb.expireAfterDays 400 (locked versions outlive their expiry; allowed: 1 to 400)',
    );
  });
});
