import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { REVIEW_WORKFLOW } from '../../constructs/review-role';
import { REPO_ROOT } from '../support/example';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
const file = path.join(REPO_ROOT, REVIEW_WORKFLOW);
const workflow = parse(fs.readFileSync(file, 'utf8')) as {
  on: { schedule: Array<{ cron: string }>; workflow_dispatch: unknown };
  permissions: Record<string, string>;
  jobs: Record<string, { if?: string; environment?: string; steps: Step[] }>;
};
const job = workflow.jobs.review;
const index = (test: (s: Step) => boolean) => job.steps.findIndex(test);

describe('weekly-review.yml', () => {
  it('is the workflow file the review roles trust', () => {
    expect(fs.existsSync(file)).toBe(true);
  });

  it('runs every Monday at 00:00 UTC, and by hand', () => {
    expect(workflow.on.schedule).toEqual([{ cron: '0 0 * * 1' }]);
    expect(workflow.on).toHaveProperty('workflow_dispatch');
  });

  it('may request the OIDC token and read the repository, nothing else (it posts to its job summary)', () => {
    expect(workflow.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  });

  // The review role trusts the sub `repo:OWNER/NAME:ref:refs/heads/main`: a job in a GitHub environment gets
  // `repo:OWNER/NAME:environment:NAME` instead (GitHub Docs, "OpenID Connect reference", subject claims).
  it('runs only on main and in no GitHub environment, so its token has the subject the roles trust', () => {
    expect(Object.keys(workflow.jobs)).toEqual(['review']);
    expect(job.if).toBe("github.ref == 'refs/heads/main'");
    expect(job.environment).toBeUndefined();
  });

  it('runs on Node.js 24 LTS, with npm ci first and no dependency cache', () => {
    const node = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(node?.with).toEqual({ 'node-version': 24, 'package-manager-cache': false });
    expect(index((s) => s.run === 'npm ci')).toBeLessThan(index((s) => Boolean(s.run?.includes('landfall review'))));
  });

  it('asks GitHub for a token for the audience sts.amazonaws.com, then reviews with it into the job summary', () => {
    const token = index((s) => Boolean(s.run?.includes('audience=sts.amazonaws.com')));
    const review = index((s) => Boolean(s.run?.includes('landfall review weekly')));
    expect([token > -1, review > token]).toEqual([true, true]);
    expect(job.steps[review].run?.trim()).toBe(
      'npx landfall review weekly --since 7d --web-identity-token-file "$RUNNER_TEMP/oidc-token" --format md >> "$GITHUB_STEP_SUMMARY"',
    );
  });

  it('holds no access keys and does not use configure-aws-credentials', () => {
    expect(job.steps.some((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|secrets\./);
  });

  it('removes the token file even when the review fails', () => {
    const last = job.steps[job.steps.length - 1];
    expect([last.if, last.run]).toEqual(['always()', 'rm -f "$RUNNER_TEMP/oidc-token"']);
  });
});
