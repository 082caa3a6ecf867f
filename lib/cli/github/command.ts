import type { Command } from '../command';
import { defineCommand } from '../command';
import { loadModel } from '../config-option';
import type { CommandDeps } from '../deps';
import { withDeps } from '../deps';
import { CliError, EXIT } from '../errors';
import { CONFIG_OPTION, RESULT_FORMAT_OPTION } from '../options';
import { githubApi } from './api';
import type { Finding } from './environments';
import { environmentFindings, trustedEnvironments } from './environments';

const DEFAULT_API_URL = 'https://api.github.com';

/**
 * `landfall github check`: every GitHub environment the deploy roles trust exists, has required reviewers and
 * deploys from main only. The deploy roles trust `repo:OWNER/NAME:environment:ENV` of deploy.yml on main; whoever
 * may deploy to the environment may deploy to the account, so the environment's protection rules are the approval.
 */
export function makeGithubCheckCommand(overrides: Partial<CommandDeps> = {}): Command {
  const deps = withDeps(overrides);
  return defineCommand({
    name: ['github', 'check'],
    summary:
      'check that every GitHub environment the deploy roles trust has required reviewers and deploys from main only',
    description:
      "Reads, with the token in GITHUB_TOKEN (GITHUB_API_URL for GitHub Enterprise Server), every GitHub environment of the repository in `deploy.githubRepository` that a deploy role trusts: each workload environment's, and `deploy.platformGithubEnvironment` for the security and log-archive accounts. Each must exist (GitHub creates a missing one, unprotected, the first time a workflow names it) and allow deployments from the single branch `main`; the shared accounts' environment and those of tiers whose deploys wait for approval (prod) must have required reviewers. Prints what to set for each finding; exits 1 when there is one. The token needs read access to the repository's administration.",
    options: { format: RESULT_FORMAT_OPTION, config: CONFIG_OPTION },
    aws: 'none (GitHub REST API: GET /repos/{owner}/{repo}/environments/{name} and its deployment-branch-policies)',
    examples: ['GITHUB_TOKEN=$(gh auth token) npx landfall github check'],
    async run({ options }, io) {
      const { model } = loadModel(io, options.config);
      const token = io.env.GITHUB_TOKEN;
      if (token === undefined || token === '') {
        throw new CliError(
          'GITHUB_TOKEN is not set: landfall github check reads the repository environments with it',
          EXIT.aws,
          'export GITHUB_TOKEN=$(gh auth token), or a fine-grained token with "Administration: read" on the repository',
        );
      }
      const repository = model.platform.deploy.githubRepository;
      const api = githubApi(deps.fetch, repository, token, io.env.GITHUB_API_URL ?? DEFAULT_API_URL);
      const results: Array<{
        environment: string;
        accounts: readonly string[];
        requiresReviewers: boolean;
        findings: Finding[];
      }> = [];
      for (const env of trustedEnvironments(model)) {
        const environment = await api.environment(env.name);
        const custom = environment?.deployment_branch_policy?.custom_branch_policies ?? false;
        const policies = environment !== undefined && custom ? await api.branchPolicies(env.name) : undefined;
        results.push({
          environment: env.name,
          accounts: env.accounts,
          requiresReviewers: env.requiresReviewers,
          findings: environmentFindings(repository, env, environment, policies),
        });
      }
      const findings = results.flatMap((r) => r.findings);
      if (options.format === 'json') {
        io.out(JSON.stringify({ repository, environments: results }, null, 2));
      } else {
        const lines = [`GitHub environments of ${repository} that the deploy roles trust:`];
        for (const r of results) {
          if (r.findings.length === 0)
            lines.push(
              `  ok  ${r.environment} (${r.accounts.join(', ')}): ${r.requiresReviewers ? 'required reviewers, ' : ''}main only`,
            );
          for (const f of r.findings) lines.push(`  !!  ${f.environment} ${f.problem}`, `      set: ${f.fix}`);
        }
        lines.push(
          findings.length === 0
            ? 'Every trusted environment is protected.'
            : `${findings.length} finding${findings.length === 1 ? '' : 's'}: until they are fixed, anyone who can run a workflow in these environments can deploy.`,
        );
        io.out(lines.join('\n'));
      }
      return findings.length === 0 ? EXIT.ok : EXIT.problems;
    },
  });
}

export const githubCheckCommand = makeGithubCheckCommand();
