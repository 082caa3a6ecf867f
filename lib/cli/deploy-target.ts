import * as fs from 'node:fs';
import type { ResolvedEnvironment } from '../config';
import { ROLE_NAMES } from '../naming';
import { parseCommandArgs } from './args';
import type { Command } from './command';
import { CONFIG_OPTION, environmentArg, loadModel } from './config-option';
import { CliError, EXIT, UsageError } from './errors';

const USAGE = 'landfall deploy-target ENV [--json | --github-output] [--config DIR]';

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
export const deployTargetCommand: Command = {
  name: ['deploy-target'],
  summary: "print an environment's account, region and GitHub deploy role (for the deploy workflow)",
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(
      args,
      { ...CONFIG_OPTION, json: { type: 'boolean' }, 'github-output': { type: 'boolean' } },
      USAGE,
    );
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`, `usage: ${USAGE}`);
    if (values.json && values['github-output'])
      throw new UsageError('--json and --github-output exclude each other', `usage: ${USAGE}`);
    const { model } = loadModel(io, values.config);
    const target = deployTarget(environmentArg(model, positionals[0], USAGE), model.platform.homeRegion);
    const lines = [
      `account-id=${target.accountId}`,
      `region=${target.region}`,
      `role-arn=${target.roleArn}`,
      `stacks=${target.stacks}`,
    ];
    if (values['github-output']) {
      const file = io.env.GITHUB_OUTPUT;
      if (!file)
        throw new CliError(
          '--github-output needs the GITHUB_OUTPUT environment variable (set in GitHub Actions steps)',
          EXIT.precondition,
        );
      fs.appendFileSync(file, `${lines.join('\n')}\n`);
    }
    io.out(values.json ? JSON.stringify(target, null, 2) : lines.join('\n'));
    return EXIT.ok;
  },
};
