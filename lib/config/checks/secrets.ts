import type { Problem } from '../problems';
import { parseCompleteSecretArn } from '../secrets';
import type { Check } from './context';

/**
 * Secrets given per environment name existing environments and cover every one; a complete secret ARN is in the
 * account and region its environment runs in. ECS reads a secret of another account only when the secret's
 * resource policy and a customer-managed KMS key admit the task execution role, which landfall does not manage, so
 * landfall takes secrets of the environment's own account only.
 */
export const checkSecrets: Check = {
  needs: ['accounts', 'environments', 'homeRegion'],
  run: ({ platform, services }) => {
    const problems: Problem[] = [];
    const environments = platform.environments.map((e) => e.name);
    const accountOf = new Map(
      platform.environments.map((e) => [e.name, platform.accounts.find((a) => a.name === e.account)?.id]),
    );
    for (const { file, config } of services) {
      for (const [variable, reference] of Object.entries(config.secrets ?? {})) {
        const path = `secrets.${variable}`;
        if (typeof reference === 'string') {
          const mismatch = arnMismatch(reference, environments, accountOf, platform.homeRegion);
          if (mismatch) problems.push({ file, path, message: mismatch });
          continue;
        }
        for (const [environment, value] of Object.entries(reference)) {
          if (!environments.includes(environment)) {
            problems.push({
              file,
              path: `${path}.${environment}`,
              message: `"${environment}" is not an environment (allowed: ${environments.join(', ')})`,
            });
            continue;
          }
          const mismatch = arnMismatch(value, [environment], accountOf, platform.homeRegion);
          if (mismatch) problems.push({ file, path: `${path}.${environment}`, message: mismatch });
        }
        const missing = environments.filter((e) => !(e in reference));
        if (missing.length > 0) {
          problems.push({
            file,
            path,
            message: `has no secret for environment ${missing.join(', ')} (give one for each of: ${environments.join(', ')})`,
          });
        }
      }
    }
    return problems;
  },
};

/** Why a complete ARN cannot serve these environments, or undefined (names always can). */
function arnMismatch(
  value: string,
  environments: readonly string[],
  accountOf: ReadonlyMap<string, string | undefined>,
  homeRegion: string,
): string | undefined {
  const arn = parseCompleteSecretArn(value);
  if (!arn) return undefined;
  if (arn.region !== homeRegion) {
    return `"${value}" is in region ${arn.region}, but services run in ${homeRegion} (create the secret in ${homeRegion})`;
  }
  const others = environments.filter((e) => accountOf.get(e) !== undefined && accountOf.get(e) !== arn.account);
  if (others.length === 0) return undefined;
  const where = others.map((e) => `${e} runs in account ${accountOf.get(e)}`).join(', ');
  const perEnvironment = environments.length > 1 ? ', or give one per environment: { ENVIRONMENT: name or ARN }' : '';
  return (
    `"${value}" is in account ${arn.account}, but ${where} (ECS reads only secrets of the task's own account here: ` +
    `give the secret's name or an ARN in that account${perEnvironment})`
  );
}
