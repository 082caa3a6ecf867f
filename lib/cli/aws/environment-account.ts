import type { ResolvedEnvironment } from '../../config';
import { CliError, EXIT } from '../errors';

/**
 * Refuse credentials of another account than the environment's (exit 4): every command that reads or changes an
 * environment's resources runs with that account's credentials. `alternative` ends the hint (", or --offline").
 */
export function requireEnvironmentAccount(
  callerAccount: string | undefined,
  env: ResolvedEnvironment,
  alternative = '',
): void {
  if (callerAccount === env.account.id) return;
  throw new CliError(
    `the credentials are for account ${callerAccount}; environment ${env.name} is in account ${env.account.id} (${env.account.name})`,
    EXIT.precondition,
    `use credentials of account ${env.account.name}: --profile NAME or AWS_PROFILE${alternative}`,
  );
}
