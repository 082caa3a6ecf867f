import * as fs from 'node:fs';
import type { ResolvedEnvironment } from '../config';
import { ROLE_NAMES } from '../naming';
import { defineCommand, flag } from './command';
import { environmentArg, loadModel } from './config-option';
import { CliError, EXIT, UsageError } from './errors';
import { accountIdPath, refusePlaceholders } from './placeholder-guard';
import { CONFIG_OPTION, ENV_ARGUMENT, JSON_ALIAS_OPTION, RESULT_FORMAT_OPTION } from './options';

/** Where an environment deploys: its account, the home region and the Baseline stack's GitHub deploy role. */
export function deployTarget(env: ResolvedEnvironment, region: string) {
  return {
    environment: env.name,
    accountId: env.account.id,
    region,
    roleArn: `arn:aws:iam::${env.account.id}:role/${ROLE_NAMES.githubDeploy}`,
    stacks: `${env.name}/*`,
  };
}

/**
 * `landfall deploy-target ENV`: the account, region and deploy role of an environment, from the config (with
 * `discovered.json`), so the deploy workflow never hard-codes an account ID. `--github-output` appends them to
 * `$GITHUB_OUTPUT` as `account-id`, `region`, `role-arn` and `stacks`.
 */
export const deployTargetCommand = defineCommand({
  name: ['deploy-target'],
  summary: "print an environment's account, region and GitHub deploy role (for the deploy workflow)",
  description:
    "Prints where an environment deploys, from the config and discovered.json: `account-id`, `region` (the home region), `role-arn` (the Baseline stack's GitHub deploy role) and `stacks` (the selector for `cdk deploy`), one `key=value` line each.",
  arguments: [ENV_ARGUMENT],
  options: {
    githubOutput: flag({
      description: 'also append the lines to the file named by $GITHUB_OUTPUT (a GitHub Actions step output)',
    }),
    format: RESULT_FORMAT_OPTION,
    json: JSON_ALIAS_OPTION,
    config: CONFIG_OPTION,
  },
  examples: ['landfall deploy-target prod', 'landfall deploy-target prod --github-output'],
  async run({ args, options }, io) {
    if (options.format === 'json' && options.githubOutput)
      throw new UsageError('--format json and --github-output exclude each other');
    const { model, dir } = loadModel(io, options.config);
    const env = environmentArg(model, args.env);
    refusePlaceholders(io, model, dir, `deploy-target ${env.name}`, [accountIdPath(model, env.account)]);
    const target = deployTarget(env, model.platform.homeRegion);
    const lines = [
      `account-id=${target.accountId}`,
      `region=${target.region}`,
      `role-arn=${target.roleArn}`,
      `stacks=${target.stacks}`,
    ];
    if (options.githubOutput) {
      const file = io.env.GITHUB_OUTPUT;
      if (!file)
        throw new CliError(
          '--github-output needs the GITHUB_OUTPUT environment variable (set in GitHub Actions steps)',
          EXIT.precondition,
        );
      fs.appendFileSync(file, `${lines.join('\n')}\n`);
    }
    io.out(options.format === 'json' ? JSON.stringify(target, null, 2) : lines.join('\n'));
    return EXIT.ok;
  },
});
