/**
 * What `landfall github check` verifies: every GitHub environment a deploy role trusts (the workload
 * environments', and the shared accounts' `platformGithubEnvironment`) must exist, require reviewers and deploy
 * from main only. Pure: the REST answers come in, findings go out.
 */
import type { LandfallModel } from '../../config';
import { REQUIRED_REVIEW_BY_TIER } from '../../plan/rollout/environment-steps';

/** A GitHub environment and the accounts whose deploy role trusts it. */
export interface TrustedEnvironment {
  readonly name: string;
  readonly accounts: readonly string[];
  /**
   * Whether deployments wait for a reviewer: by tier (REQUIRED_REVIEW_BY_TIER, the same data as the rollout plan's
   * github-environments step), always for the shared accounts' environment.
   */
  readonly requiresReviewers: boolean;
}

/** The environments the Baseline stacks' deploy roles trust, in config order, with their accounts. */
export function trustedEnvironments(model: LandfallModel): TrustedEnvironment[] {
  const byName = new Map<string, { accounts: string[]; requiresReviewers: boolean }>();
  const add = (env: string, account: string, requiresReviewers: boolean) => {
    const seen = byName.get(env);
    byName.set(env, {
      accounts: [...(seen?.accounts ?? []), account],
      requiresReviewers: (seen?.requiresReviewers ?? false) || requiresReviewers,
    });
  };
  for (const e of model.environments) add(e.name, e.account.name, REQUIRED_REVIEW_BY_TIER[e.tier]);
  const shared = model.platform.deploy.platformGithubEnvironment;
  add(shared, model.accounts.security.name, true);
  add(shared, model.accounts.logArchive.name, true);
  return [...byName].map(([name, v]) => ({ name, ...v }));
}

/**
 * The parts of `GET /repos/{owner}/{repo}/environments/{environment_name}` the check reads (GitHub REST API,
 * "Get an environment").
 */
export interface GithubEnvironment {
  readonly protection_rules?: ReadonlyArray<{
    readonly type: string;
    readonly reviewers?: readonly unknown[];
    readonly prevent_self_review?: boolean;
  }>;
  readonly deployment_branch_policy?: {
    readonly protected_branches: boolean;
    readonly custom_branch_policies: boolean;
  } | null;
}

/** A deployment branch or tag policy (`GET .../environments/{env}/deployment-branch-policies`). */
export interface BranchPolicy {
  readonly name: string;
  /** `branch` or `tag`; GitHub omits it for branch policies made before tag policies existed. */
  readonly type?: string;
}

/** One thing to set on an environment. */
export interface Finding {
  readonly environment: string;
  readonly problem: string;
  readonly fix: string;
}

const settings = (repo: string, env: string) =>
  `https://github.com/${repo}/settings/environments (environment "${env}")`;

/**
 * Findings for one environment: missing, no required reviewers, or deployments allowed from more than main.
 * `environment` is `undefined` when GitHub answered 404 (the environment does not exist: GitHub would create it,
 * unprotected, the first time a workflow names it).
 */
export function environmentFindings(
  repository: string,
  env: TrustedEnvironment,
  environment: GithubEnvironment | undefined,
  branchPolicies: readonly BranchPolicy[] | undefined,
): Finding[] {
  const where = settings(repository, env.name);
  const trusted = `trusted by the deploy role of ${env.accounts.join(', ')}`;
  if (environment === undefined) {
    return [
      {
        environment: env.name,
        problem: `does not exist (${trusted}); GitHub creates it without protection the first time a workflow names it`,
        fix: `create it at ${where} with required reviewers and deployment branches limited to main`,
      },
    ];
  }
  const findings: Finding[] = [];
  const reviewers = environment.protection_rules?.find((r) => r.type === 'required_reviewers');
  if (env.requiresReviewers && (reviewers === undefined || (reviewers.reviewers ?? []).length === 0)) {
    findings.push({
      environment: env.name,
      problem: `has no required reviewers (${trusted})`,
      fix: `at ${where}: Deployment protection rules > Required reviewers, add at least one reviewer (and tick "Prevent self-review")`,
    });
  }
  const policy = environment.deployment_branch_policy ?? null;
  const mainOnly =
    policy !== null &&
    policy.custom_branch_policies &&
    !policy.protected_branches &&
    branchPolicies !== undefined &&
    branchPolicies.length === 1 &&
    branchPolicies[0].name === 'main' &&
    (branchPolicies[0].type ?? 'branch') === 'branch';
  if (!mainOnly) {
    const now =
      policy === null
        ? 'any branch or tag can deploy'
        : policy.protected_branches
          ? 'every protected branch can deploy'
          : `the deployment branch and tag rules are ${(branchPolicies ?? []).map((b) => `${b.type ?? 'branch'} "${b.name}"`).join(', ') || 'empty'}`;
    findings.push({
      environment: env.name,
      problem: `deploys from more than main: ${now}`,
      fix: `at ${where}: Deployment branches and tags > Selected branches and tags, with the single branch rule "main"`,
    });
  }
  return findings;
}
