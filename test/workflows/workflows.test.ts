import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
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
  uses?: string;
  run?: string;
  id?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string;
  environment?: string;
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

  it('may request the GitHub OIDC token and only read the repository', () => {
    expect(deploy.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
  });

  it.each(environments)('%s: Node 20 and npm ci before anything else', (env) => {
    const job = deploy.jobs[env];
    const setupNode = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setupNode?.with?.['node-version']).toBe(20);
    expect(stepIndex(job, (s) => s.run === 'npm ci')).toBeLessThan(
      stepIndex(job, (s) => Boolean(s.run?.includes('landfall'))),
    );
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
    expect(job.steps[job.steps.length - 1].run).toBe(`npx cdk deploy '${env}/*' --require-approval never`);
  });
});

type PrStep = Step & { if?: string; env?: Record<string, string> };
const pr = parse(fs.readFileSync(path.join(WORKFLOWS, 'pr.yml'), 'utf8')) as {
  jobs: { checks: { steps: PrStep[] } };
};

describe('pr.yml cost estimate', () => {
  const steps = pr.jobs.checks.steps;
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
