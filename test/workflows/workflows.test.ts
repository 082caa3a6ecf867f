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
