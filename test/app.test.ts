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
      'LogArchive/Baseline -> landfall-log-archive-baseline @ 333333333333/ap-northeast-1',
      'LogArchive/LogBuckets -> landfall-log-archive-log-buckets @ 333333333333/ap-northeast-1',
      'Org/Billing -> landfall-org-billing @ 111111111111/us-east-1',
      'Org/Cost -> landfall-org-cost @ 111111111111/ap-northeast-1',
      'Org/IdentityCenter -> landfall-org-identity-center @ 111111111111/ap-northeast-1',
      'Org/Organization -> landfall-org-organization @ 111111111111/us-east-1',
      'Org/Trail -> landfall-org-trail @ 111111111111/ap-northeast-1',
      'prod/Baseline -> landfall-prod-baseline @ 666666666666/ap-northeast-1',
      'Security/Baseline -> landfall-security-baseline @ 222222222222/ap-northeast-1',
      'Security/Findings -> landfall-security-findings @ 222222222222/ap-northeast-1',
      'Security/GuardDuty -> landfall-security-guard-duty @ 222222222222/ap-northeast-1',
      'Security/SecurityHub -> landfall-security-security-hub @ 222222222222/ap-northeast-1',
      'stg/Baseline -> landfall-stg-baseline @ 555555555555/ap-northeast-1',
    ]);
  });

  it('protects Org, shared-account and prod stacks from deletion, and not dev or stg', () => {
    const unprotected = stacks.filter((s) => !s.terminationProtection).map((s) => s.node.path);
    expect(unprotected).toEqual(['dev/Baseline', 'stg/Baseline']);
  });

  it('tags every taggable resource with its environment and owner', () => {
    for (const [stackPath, environment] of [
      ['prod/Baseline', 'prod'],
      ['Security/Baseline', 'security'],
    ] as const) {
      const resources = Template.fromStack(byPath(stackPath)).toJSON().Resources as Record<string, { Type: string; Properties?: { Tags?: unknown } }>;
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
      const env = { ...process.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: 'landfall-no-such-profile', AWS_EC2_METADATA_DISABLED: 'true' };
      const result = spawnSync('npx', ['cdk', 'synth', '--quiet', '--output', outdir], { cwd: REPO_ROOT, env, encoding: 'utf8' });
      expect(result.stderr).not.toMatch(/Unable to resolve AWS account|lookup|Need to perform AWS calls/i);
      expect(result.status).toBe(0);
      const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { missing?: unknown[] };
      expect(manifest.missing ?? []).toEqual([]);
      expect(fs.existsSync(contextFile) ? fs.readFileSync(contextFile, 'utf8') : undefined).toBe(before);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
