import type { Fetch } from '../../../lib/cli/github/api';
import { makeGithubCheckCommand } from '../../../lib/cli/github/command';
import { trustedEnvironments } from '../../../lib/cli/github/environments';
import { runIn as runCli } from '../../support/cli';
import { referenceModel } from '../../support/example';

/**
 * `landfall github check` over a fake GitHub REST API (GitHub REST API, "Get an environment":
 * GET /repos/{owner}/{repo}/environments/{environment_name}, with `protection_rules` and
 * `deployment_branch_policy`; "List deployment branch policies").
 */
const model = referenceModel();
const repo = model.platform.deploy.githubRepository;
const API = 'https://api.github.com';

type Env = { protection_rules?: unknown[]; deployment_branch_policy?: unknown };
const PROTECTED: Env = {
  protection_rules: [{ type: 'required_reviewers', prevent_self_review: true, reviewers: [{ type: 'Team' }] }],
  deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
};

/** A fake GitHub: environments by name (absent: 404) and their branch policies; records the requests. */
function github(environments: Record<string, Env>, policies: Record<string, unknown[]> = {}, status?: number) {
  const requests: Array<{ url: string; headers: Record<string, string> }> = [];
  const fetch: Fetch = async (url, init) => {
    requests.push({ url, headers: init.headers });
    if (status !== undefined) return { status, json: async () => ({}) };
    const m = /\/repos\/[^/]+\/[^/]+\/environments\/([^/?]+)(\/deployment-branch-policies)?/.exec(url);
    const name = decodeURIComponent(m?.[1] ?? '');
    const env = environments[name];
    if (env === undefined) return { status: 404, json: async () => ({ message: 'Not Found' }) };
    if (m?.[2])
      return {
        status: 200,
        json: async () => ({ branch_policies: policies[name] ?? [{ name: 'main', type: 'branch' }] }),
      };
    return { status: 200, json: async () => env };
  };
  return { fetch, requests };
}

const allProtected = () =>
  Object.fromEntries(trustedEnvironments(model).map((e) => [e.name, PROTECTED])) as Record<string, Env>;

function check(
  fake: { fetch: Fetch },
  args: string[] = [],
  env: Record<string, string> = { GITHUB_TOKEN: 'ghs_test' },
) {
  return runCli([makeGithubCheckCommand({ fetch: fake.fetch })], ['github', 'check', ...args], { env });
}

describe('landfall github check', () => {
  it('checks the workload environments and the shared accounts’ platform environment, reviewers by tier', () => {
    expect(trustedEnvironments(model)).toEqual([
      { name: 'dev', accounts: ['dev'], requiresReviewers: false },
      { name: 'stg', accounts: ['stg'], requiresReviewers: false },
      { name: 'prod', accounts: ['prod'], requiresReviewers: true },
      { name: 'platform', accounts: ['security', 'log-archive'], requiresReviewers: true },
    ]);
  });

  it('passes (exit 0) when every trusted environment has reviewers and deploys from main only', async () => {
    const run = await check(github(allProtected()));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ok  platform (security, log-archive): required reviewers, main only');
    expect(run.stdout).toContain('Every trusted environment is protected.');
  });

  it('reads the environments of the configured repository with the token, as the REST API asks', async () => {
    const fake = github(allProtected());
    await check(fake);
    expect(fake.requests[0].url).toBe(`${API}/repos/${repo}/environments/dev`);
    expect(fake.requests[0].headers).toEqual(
      expect.objectContaining({ Authorization: 'Bearer ghs_test', Accept: 'application/vnd.github+json' }),
    );
    expect(fake.requests[1].url).toBe(
      `${API}/repos/${repo}/environments/dev/deployment-branch-policies?per_page=100&page=1`,
    );
  });

  it('reports an environment without required reviewers, with what to set, and exits 1', async () => {
    const envs = allProtected();
    envs.prod = { ...PROTECTED, protection_rules: [{ type: 'wait_timer', wait_timer: 5 }] };
    const run = await check(github(envs));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('!!  prod has no required reviewers (trusted by the deploy role of prod)');
    expect(run.stdout).toContain(
      `set: at https://github.com/${repo}/settings/environments (environment "prod"): Deployment protection rules > Required reviewers, add at least one reviewer (and tick "Prevent self-review")`,
    );
  });

  it('asks no reviewers of a tier that deploys without approval (dev), but still main only', async () => {
    const envs = allProtected();
    envs.dev = { deployment_branch_policy: PROTECTED.deployment_branch_policy };
    const run = await check(github(envs));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ok  dev (dev): main only');
  });

  it('reports an environment any branch may deploy to (no deployment branch policy)', async () => {
    const envs = allProtected();
    envs.stg = { ...PROTECTED, deployment_branch_policy: null };
    const run = await check(github(envs));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('!!  stg deploys from more than main: any branch or tag can deploy');
  });

  it('reports "protected branches" as more than main', async () => {
    const envs = allProtected();
    envs.dev = { ...PROTECTED, deployment_branch_policy: { protected_branches: true, custom_branch_policies: false } };
    const run = await check(github(envs));
    expect(run.stdout).toContain('!!  dev deploys from more than main: every protected branch can deploy');
  });

  it('reports branch rules other than the single branch main', async () => {
    const run = await check(
      github(allProtected(), { platform: [{ name: 'main' }, { name: 'release/*', type: 'branch' }] }),
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '!!  platform deploys from more than main: the deployment branch and tag rules are branch "main", branch "release/*"',
    );
  });

  it('reports a single branch rule that is not main', async () => {
    const run = await check(github(allProtected(), { prod: [{ name: 'develop', type: 'branch' }] }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '!!  prod deploys from more than main: the deployment branch and tag rules are branch "develop"',
    );
  });

  it('reports a tag rule named main as more than the branch main', async () => {
    const run = await check(github(allProtected(), { dev: [{ name: 'main', type: 'tag' }] }));
    expect(run.stdout).toContain(
      '!!  dev deploys from more than main: the deployment branch and tag rules are tag "main"',
    );
  });

  it('reports a trusted environment that does not exist yet (GitHub would create it unprotected)', async () => {
    const envs = allProtected();
    delete envs.platform;
    const run = await check(github(envs));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '!!  platform does not exist (trusted by the deploy role of security, log-archive); GitHub creates it without protection the first time a workflow names it',
    );
  });

  it('prints the findings as JSON with --format json', async () => {
    const envs = allProtected();
    envs.prod = { deployment_branch_policy: PROTECTED.deployment_branch_policy };
    const run = await check(github(envs), ['--format', 'json']);
    const report = JSON.parse(run.stdout);
    expect(report.repository).toBe(repo);
    expect(report.environments.find((e: { environment: string }) => e.environment === 'prod').findings).toHaveLength(1);
  });

  it('says how to provide a token when GITHUB_TOKEN is not set, in one line and a hint (exit 3)', async () => {
    const fake = github(allProtected());
    const run = await check(fake, [], {});
    expect(run.code).toBe(3);
    expect(run.stderr.split('\n')[0]).toBe(
      'landfall: GITHUB_TOKEN is not set: landfall github check reads the repository environments with it',
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('names the permission a token lacks when GitHub answers 403', async () => {
    const run = await check(github({}, {}, 403));
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`landfall: GitHub denied GET ${API}/repos/${repo}/environments/dev (403)`);
    expect(run.stderr).toContain('Administration: read');
  });

  it('uses GITHUB_API_URL for GitHub Enterprise Server', async () => {
    const fake = github(allProtected());
    await check(fake, [], { GITHUB_TOKEN: 't', GITHUB_API_URL: 'https://ghe.example.com/api/v3' });
    expect(fake.requests[0].url).toBe(`https://ghe.example.com/api/v3/repos/${repo}/environments/dev`);
  });

  it('refuses an unknown option as a usage error (exit 2)', async () => {
    const run = await check(github(allProtected()), ['--repo', 'x/y']);
    expect(run.code).toBe(2);
  });
});
