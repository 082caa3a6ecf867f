import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { allStacks, buildApp, REPO_ROOT } from './support/example';

const built = buildApp();
const stacks = allStacks(built.app);
const byPath = (p: string): Stack => {
  const s = stacks.find((x) => x.node.path === p);
  if (!s) throw new Error(`no stack ${p}`);
  return s;
};

describe('the example platform', () => {
  it('has exactly these stacks (a change that adds or drops one shows here)', () => {
    expect(stacks.map((s) => `${s.node.path} -> ${s.stackName} @ ${s.account}/${s.region}`)).toEqual([
      'dev/Baseline -> landfall-dev-baseline @ 444444444444/ap-northeast-1',
      'dev/Database-api -> landfall-dev-database-api @ 444444444444/ap-northeast-1',
      'dev/Network -> landfall-dev-network @ 444444444444/ap-northeast-1',
      'dev/Observability -> landfall-dev-observability @ 444444444444/ap-northeast-1',
      'dev/Platform -> landfall-dev-platform @ 444444444444/ap-northeast-1',
      'dev/RegionalBaseline-us-east-1 -> landfall-dev-regional-baseline-us-east-1 @ 444444444444/us-east-1',
      'dev/Service-api -> landfall-dev-service-api @ 444444444444/ap-northeast-1',
      'dev/Service-jobs -> landfall-dev-service-jobs @ 444444444444/ap-northeast-1',
      'LogArchive/Baseline -> landfall-log-archive-baseline @ 333333333333/ap-northeast-1',
      'LogArchive/LogBuckets -> landfall-log-archive-log-buckets @ 333333333333/ap-northeast-1',
      'LogArchive/RegionalBaseline-us-east-1 -> landfall-log-archive-regional-baseline-us-east-1 @ 333333333333/us-east-1',
      'Org/Baseline -> landfall-org-baseline @ 111111111111/ap-northeast-1',
      'Org/Billing -> landfall-org-billing @ 111111111111/us-east-1',
      'Org/Cost -> landfall-org-cost @ 111111111111/ap-northeast-1',
      'Org/IdentityCenter -> landfall-org-identity-center @ 111111111111/ap-northeast-1',
      'Org/Organization -> landfall-org-organization @ 111111111111/us-east-1',
      'Org/RegionalBaseline-us-east-1 -> landfall-org-regional-baseline-us-east-1 @ 111111111111/us-east-1',
      'Org/Trail -> landfall-org-trail @ 111111111111/ap-northeast-1',
      'prod/Baseline -> landfall-prod-baseline @ 666666666666/ap-northeast-1',
      'prod/Database-api -> landfall-prod-database-api @ 666666666666/ap-northeast-1',
      'prod/Network -> landfall-prod-network @ 666666666666/ap-northeast-1',
      'prod/Observability -> landfall-prod-observability @ 666666666666/ap-northeast-1',
      'prod/Platform -> landfall-prod-platform @ 666666666666/ap-northeast-1',
      'prod/RegionalBaseline-us-east-1 -> landfall-prod-regional-baseline-us-east-1 @ 666666666666/us-east-1',
      'prod/Service-api -> landfall-prod-service-api @ 666666666666/ap-northeast-1',
      'prod/Service-jobs -> landfall-prod-service-jobs @ 666666666666/ap-northeast-1',
      'Security/Baseline -> landfall-security-baseline @ 222222222222/ap-northeast-1',
      'Security/Findings -> landfall-security-findings @ 222222222222/ap-northeast-1',
      'Security/GuardDuty -> landfall-security-guard-duty @ 222222222222/ap-northeast-1',
      'Security/GuardDuty-us-east-1 -> landfall-security-guard-duty-us-east-1 @ 222222222222/us-east-1',
      'Security/RegionalBaseline-us-east-1 -> landfall-security-regional-baseline-us-east-1 @ 222222222222/us-east-1',
      'Security/SecurityHub -> landfall-security-security-hub @ 222222222222/ap-northeast-1',
      'stg/Baseline -> landfall-stg-baseline @ 555555555555/ap-northeast-1',
      'stg/Database-api -> landfall-stg-database-api @ 555555555555/ap-northeast-1',
      'stg/Network -> landfall-stg-network @ 555555555555/ap-northeast-1',
      'stg/Observability -> landfall-stg-observability @ 555555555555/ap-northeast-1',
      'stg/Platform -> landfall-stg-platform @ 555555555555/ap-northeast-1',
      'stg/RegionalBaseline-us-east-1 -> landfall-stg-regional-baseline-us-east-1 @ 555555555555/us-east-1',
      'stg/Service-api -> landfall-stg-service-api @ 555555555555/ap-northeast-1',
      'stg/Service-jobs -> landfall-stg-service-jobs @ 555555555555/ap-northeast-1',
    ]);
  });

  it('protects Org, shared-account and prod stacks from deletion, and not dev or stg', () => {
    const unprotected = stacks.filter((s) => !s.terminationProtection).map((s) => s.node.path);
    expect(unprotected).toEqual(
      ['dev', 'stg'].flatMap((e) =>
        [
          'Baseline',
          'Database-api',
          'Network',
          'Observability',
          'Platform',
          'RegionalBaseline-us-east-1',
          'Service-api',
          'Service-jobs',
        ].map((s) => `${e}/${s}`),
      ),
    );
  });

  it('tags every taggable resource with its environment and owner', () => {
    for (const [stackPath, environment] of [
      ['prod/Baseline', 'prod'],
      ['Security/Baseline', 'security'],
    ] as const) {
      const resources = Template.fromStack(byPath(stackPath)).toJSON().Resources as Record<
        string,
        { Type: string; Properties?: { Tags?: unknown } }
      >;
      const tagged = Object.values(resources).filter((r) => Array.isArray(r.Properties?.Tags));
      expect(tagged.length).toBeGreaterThan(0);
      for (const r of tagged) {
        expect(r.Properties?.Tags).toEqual(
          expect.arrayContaining([
            { Key: 'landfall:environment', Value: environment },
            { Key: 'landfall:owner', Value: 'platform-team' },
          ]),
        );
      }
    }
  });
});

describe('cdk synth', () => {
  it('needs no credentials, no network and no context lookups', () => {
    const contextFile = path.join(REPO_ROOT, 'cdk.context.json');
    const before = fs.existsSync(contextFile) ? fs.readFileSync(contextFile, 'utf8') : undefined;
    const outdir = fs.mkdtempSync(path.join(REPO_ROOT, 'cdk.out.test-'));
    try {
      const env = {
        ...process.env,
        AWS_ACCESS_KEY_ID: '',
        AWS_SECRET_ACCESS_KEY: '',
        AWS_PROFILE: 'landfall-no-such-profile',
        AWS_EC2_METADATA_DISABLED: 'true',
      };
      const result = spawnSync('npx', ['cdk', 'synth', '--quiet', '--output', outdir], {
        cwd: REPO_ROOT,
        env,
        encoding: 'utf8',
      });
      expect(result.stderr).not.toMatch(/Unable to resolve AWS account|lookup|Need to perform AWS calls/i);
      expect(result.status).toBe(0);
      const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
        missing?: unknown[];
      };
      expect(manifest.missing ?? []).toEqual([]);
      expect(fs.existsSync(contextFile) ? fs.readFileSync(contextFile, 'utf8') : undefined).toBe(before);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
