import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { DEPLOY_SESSION_SECONDS, DEPLOY_WORKFLOW } from '../../constructs/github-deploy-role';
import { ROLE_NAMES } from '../../lib/naming';
import { referenceModel, REPO_ROOT } from '../support/example';

const WORKFLOWS = path.join(REPO_ROOT, '.github', 'workflows');
const workflowFiles = fs
  .readdirSync(WORKFLOWS)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

describe('GitHub workflows', () => {
  it('include the deploy workflow', () => {
    expect(workflowFiles).toContain('deploy.yml');
  });

  it.each(workflowFiles)('%s is a valid workflow (action-validator)', (file) => {
    const state = validateWorkflow(fs.readFileSync(path.join(WORKFLOWS, file), 'utf8'));
    expect(state.errors).toEqual([]);
  });
});

interface Step {
  name?: string;
  env?: Record<string, string>;
  'continue-on-error'?: boolean;
  uses?: string;
  run?: string;
  id?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string;
  if?: string;
  environment?: string;
  'runs-on': string;
  'timeout-minutes': number;
  steps: Step[];
}
const deploy = parse(fs.readFileSync(path.join(WORKFLOWS, 'deploy.yml'), 'utf8')) as {
  on: { push: { branches: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};
const environments = referenceModel().environments.map((e) => e.name);
const stepIndex = (job: Job, test: (s: Step) => boolean) => job.steps.findIndex(test);

describe('deploy.yml', () => {
  it('runs on pushes to main', () => {
    expect(deploy.on.push.branches).toEqual(['main']);
  });

  it('deploys every configured environment, each after the one before it: dev, then stg, then prod', () => {
    expect(Object.keys(deploy.jobs)).toEqual(environments);
    expect(environments.map((e) => deploy.jobs[e].needs ?? null)).toEqual([null, 'dev', 'stg']);
  });

  it.each(environments)(
    'runs the %s job in the GitHub environment of the same name (where prod gets its approval)',
    (env) => {
      expect(deploy.jobs[env].environment).toBe(env);
    },
  );

  it('applies the error budget policy of prod with its credentials, before cdk deploy', () => {
    const prod = deploy.jobs.prod;
    const credentials = stepIndex(prod, (s) => Boolean(s.uses?.startsWith('aws-actions/configure-aws-credentials@')));
    const gate = stepIndex(prod, (s) => Boolean(s.run?.includes('deploy-window check prod --error-budgets')));
    const cdkDeploy = stepIndex(prod, (s) => Boolean(s.run?.startsWith("npx cdk deploy 'prod/*'")));
    expect([credentials > -1, gate > credentials, cdkDeploy > gate]).toEqual([true, true, true]);
  });

  const releaseCheck = (env: string) => {
    const job = deploy.jobs[env];
    const index = stepIndex(job, (s) => Boolean(s.run?.includes(`npx landfall review release ${env} `)));
    return { job, index, step: job.steps[index] };
  };

  it.each(environments)('%s: checks the release after cdk deploy and writes it to the job summary', (env) => {
    const { job, index, step } = releaseCheck(env);
    const cdkDeploy = stepIndex(job, (s) => Boolean(s.run?.startsWith(`npx cdk deploy '${env}/*'`)));
    expect([cdkDeploy > -1, index > cdkDeploy]).toEqual([true, true]);
    expect(step.run?.trim().split('\n')).toEqual([
      'if [ -n "$FORCE_REASON" ]; then',
      `  npx landfall review release ${env} --since 15m --wait --format md --force --reason "$FORCE_REASON" >> "$GITHUB_STEP_SUMMARY"`,
      'else',
      `  npx landfall review release ${env} --since 15m --wait --format md >> "$GITHUB_STEP_SUMMARY"`,
      'fi',
    ]);
    expect(step.env).toEqual({ FORCE_REASON: '${{ inputs.force-reason }}' });
  });

  // GitHub Docs, "Workflow syntax for GitHub Actions", jobs.<job_id>.needs: "If a job fails or is skipped, all jobs that need it are skipped unless
  // the jobs use a conditional expression that causes the job to continue." A failed stg check fails the stg job.
  it("starts prod only when stg's release check passed (or was forced)", () => {
    const { job, step } = releaseCheck('stg');
    expect(step['continue-on-error']).toBeUndefined();
    expect(job.steps[job.steps.length - 1]).toBe(step);
    expect(deploy.jobs.prod.needs).toBe('stg');
    expect(deploy.jobs.prod.if).toBe("github.ref == 'refs/heads/main'");
  });

  it('may request the GitHub OIDC token and only read the repository', () => {
    expect(deploy.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  });

  // Node.js 20 reached end of life on 2026-04-30; 24 is an LTS line until April 2028 (22 ends in April 2027).
  it.each(environments)('%s: Node.js 24 LTS and npm ci before anything else', (env) => {
    const job = deploy.jobs[env];
    const setupNode = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setupNode?.with?.['node-version']).toBe(24);
    expect(stepIndex(job, (s) => s.run === 'npm ci')).toBeLessThan(
      stepIndex(job, (s) => Boolean(s.run?.includes('landfall'))),
    );
  });

  // actions/setup-node README: "a poisoned cache may expose credentials (including OIDC tokens) to attacker-controlled
  // code"; these jobs hold the deploy role's credentials.
  it.each(environments)('%s: restores no dependency cache into a job that holds deploy credentials', (env) => {
    const setupNode = deploy.jobs[env].steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setupNode?.with?.cache).toBeUndefined();
    expect(setupNode?.with?.['package-manager-cache']).toBe(false);
  });

  // The deploy roles trust job_workflow_ref `OWNER/NAME/.github/workflows/deploy.yml@refs/heads/main`: renaming
  // the file, or moving the deploy jobs to another workflow, would lock every deploy out.
  it('is the workflow file the deploy roles trust', () => {
    expect(fs.existsSync(path.join(REPO_ROOT, DEPLOY_WORKFLOW))).toBe(true);
    expect(path.join(REPO_ROOT, DEPLOY_WORKFLOW)).toBe(path.join(WORKFLOWS, 'deploy.yml'));
  });

  it.each(environments)(
    '%s: runs in the GitHub environment of the same name, the one its deploy role trusts',
    (env) => {
      expect(deploy.jobs[env].environment).toBe(env);
    },
  );

  it.each(environments)('%s: deploys only from main, also when run by hand (workflow_dispatch)', (env) => {
    expect(deploy.jobs[env].if).toBe("github.ref == 'refs/heads/main'");
  });

  // Fargate runs the images on linux/arm64 and the runner is x86: without emulation RUN steps of an arm64 build fail
  // with "exec format error". QEMU works on every GitHub plan; arm64 runners are the faster option (the header says).
  it.each(environments)('%s: registers arm64 emulation before cdk deploy builds the image assets', (env) => {
    const job = deploy.jobs[env];
    const qemu = stepIndex(job, (s) => Boolean(s.uses?.startsWith('docker/setup-qemu-action@')));
    expect(qemu).toBeGreaterThan(-1);
    expect(job.steps[qemu].with?.platforms).toBe('arm64');
    expect(qemu).toBeLessThan(stepIndex(job, (s) => Boolean(s.run?.startsWith('npx cdk deploy'))));
    expect(job['runs-on']).toBe('ubuntu-latest');
  });

  // IAM User Guide, "Role chaining": chained sessions (the CDK CLI into the bootstrap roles) last at most 1 hour; the
  // CLI renews them while the OIDC session is valid (aws/aws-cdk#32354). The OIDC session is what bounds a deploy: it
  // must outlast the job, and the deploy role must allow it (AssumeRoleWithWebIdentity fails above MaxSessionDuration).
  it.each(environments)('%s: holds an OIDC session the deploy role allows and that outlasts the job', (env) => {
    const job = deploy.jobs[env];
    const credentials = job.steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    const seconds = credentials?.with?.['role-duration-seconds'];
    expect(seconds).toBe(DEPLOY_SESSION_SECONDS);
    expect(job['timeout-minutes'] * 60).toBeLessThan(DEPLOY_SESSION_SECONDS);
    expect(job['timeout-minutes']).toBeGreaterThan(60);
  });

  it.each(environments)('%s: checks the deploy window before it gets credentials', (env) => {
    const job = deploy.jobs[env];
    const check = stepIndex(job, (s) => Boolean(s.run?.includes(`npx landfall deploy-window check ${env}`)));
    const credentials = stepIndex(job, (s) => Boolean(s.uses?.startsWith('aws-actions/configure-aws-credentials@')));
    expect(check).toBeGreaterThan(-1);
    expect(check).toBeLessThan(credentials);
  });

  it.each(environments)('%s: assumes the Baseline deploy role of its account through OIDC', (env) => {
    const job = deploy.jobs[env];
    const credentials = job.steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(credentials?.with?.['role-to-assume']).toBe(
      `arn:aws:iam::\${{ steps.target.outputs.account-id }}:role/${ROLE_NAMES.githubDeploy}`,
    );
    expect(credentials?.with?.['aws-region']).toBe('${{ steps.target.outputs.region }}');
    expect(job.steps.find((s) => s.id === 'target')?.run).toBe(`npx landfall deploy-target ${env} --github-output`);
  });

  it.each(environments)('%s: deploys the stacks of its stage without prompting', (env) => {
    const job = deploy.jobs[env];
    // The release check follows it (the last step).
    expect(job.steps[job.steps.length - 2].run).toBe(`npx cdk deploy '${env}/*' --require-approval never`);
  });
});

/**
 * Every action pinned to a full commit SHA, the release tag in a comment. The SHAs were read from the actions'
 * repositories (`git rev-parse TAG^{commit}`), never typed by hand; bump a pin here and in the workflows together.
 */
const PINS: Record<string, { sha: string; tag: string }> = {
  'actions/checkout': { sha: '3d3c42e5aac5ba805825da76410c181273ba90b1', tag: 'v7.0.1' },
  'actions/setup-node': { sha: '820762786026740c76f36085b0efc47a31fe5020', tag: 'v7.0.0' },
  'actions/setup-python': { sha: '5fda3b95a4ea91299a34e894583c3862153e4b97', tag: 'v7.0.0' },
  'aws-actions/configure-aws-credentials': { sha: 'e6de054238d6b7531b4efff3b6587d9aade6a06c', tag: 'v6.2.3' },
  'docker/setup-qemu-action': { sha: '96fe6ef7f33517b61c61be40b68a1882f3264fb8', tag: 'v4.2.0' },
};
const usesLines = workflowFiles.flatMap((file) =>
  fs
    .readFileSync(path.join(WORKFLOWS, file), 'utf8')
    .split('\n')
    .filter((line) => /^\s*(-\s+)?uses:/.test(line))
    .map((line): [string, string] => [file, line.trim().replace(/^-\s+/, '')]),
);

describe('actions', () => {
  it('are used by the workflows', () => {
    expect(usesLines.length).toBeGreaterThan(10);
  });

  it.each(usesLines)('%s: %s is pinned to the full commit SHA of the release in its comment', (_file, line) => {
    const match = /^uses: ([\w.-]+\/[\w.-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)$/.exec(line);
    expect(match).not.toBeNull();
    const [, action, sha, tag] = match as RegExpExecArray;
    expect({ action, sha, tag }).toEqual({ action, ...PINS[action] });
  });
});

const pr = parse(fs.readFileSync(path.join(WORKFLOWS, 'pr.yml'), 'utf8')) as { jobs: Record<string, Job> };

describe('pr.yml', () => {
  it('runs the checks on Node.js 24 LTS', () => {
    const setupNode = pr.jobs.checks.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setupNode?.with?.['node-version']).toBe(24);
  });

  // ECS Developer Guide, "Use bind mounts with Amazon ECS": the image's VOLUME content and permissions are copied into
  // the bind mount; docker run does the same for an anonymous volume, so this proves /tmp is writable as Fargate runs it.
  it('builds every service image for linux/arm64 and writes /tmp as uid 1000 on a read-only root', () => {
    const job = pr.jobs.images;
    const qemu = job.steps.find((s) => s.uses?.startsWith('docker/setup-qemu-action@'));
    expect(qemu?.with?.platforms).toBe('arm64');
    const run = job.steps.map((s) => s.run ?? '').join('\n');
    expect(run).toContain('for dir in services/*/; do');
    expect(run).toContain('docker build --platform linux/arm64');
    expect(run).toMatch(/docker run --rm --platform linux\/arm64 --read-only --user 1000:1000 .*\n.*touch \/tmp\//);
  });
});

type PrStep = Step & { if?: string; env?: Record<string, string> };

describe('pr.yml cost estimate', () => {
  const steps = pr.jobs.checks.steps as PrStep[];
  const at = (test: (s: PrStep) => boolean) => steps.findIndex(test);
  const synth = at((s) => Boolean(s.run?.startsWith('npx cdk synth --quiet -c landfall:guard=true')));
  const base = steps.find((s) => s.id === 'base');

  it("writes the pull request's estimate to the job summary after synth", () => {
    const estimate = at((s) => s.run === 'npx landfall cost estimate --format md >> "$GITHUB_STEP_SUMMARY"');
    expect([synth > -1, estimate > synth]).toEqual([true, true]);
  });

  it("synthesizes the pull request's base commit into ../base.out, in a worktree of its own", () => {
    expect(base?.if).toBe("github.event_name == 'pull_request'");
    expect(base?.env).toEqual({ BASE_SHA: '${{ github.event.pull_request.base.sha }}' });
    expect(base?.run?.trim().split('\n')).toEqual([
      'git fetch --no-tags --depth=1 origin "$BASE_SHA"',
      'git worktree add --detach ../base "$BASE_SHA"',
      'cd ../base',
      'npm ci --no-audit --no-fund',
      'npx cdk synth --quiet -o ../base.out',
    ]);
  });

  it('adds what the change costs to the job summary when the base synthesized', () => {
    const compare = steps.find((s) => s.run?.includes('--compare'));
    expect(compare?.run).toBe('npx landfall cost estimate --compare ../base.out --format md >> "$GITHUB_STEP_SUMMARY"');
    expect(compare?.if).toBe("steps.base.outcome == 'success'");
    expect(steps.indexOf(compare as (typeof steps)[number])).toBeGreaterThan(
      steps.indexOf(base as (typeof steps)[number]),
    );
  });
});
