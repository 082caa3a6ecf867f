import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { partitionOf } from '../../plan/rollout/commands';
import { AwsCallError, call } from './call';
import type { RetryOptions } from './call';
import type { AwsClients, ClientFactory } from './clients';

/** A read that may fail on its own without stopping the others: the value, or why it could not be read. */
export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export const readOk = <T>(value: T): Read<T> => ({ ok: true, value });
export const readFailed = <T>(reason: string): Read<T> => ({ ok: false, reason });

/** Run a read; an AWS error (after its retries) becomes the reason, anything else is a bug and is thrown. */
export async function attempt<T>(read: () => Promise<T>): Promise<Read<T>> {
  try {
    return readOk(await read());
  } catch (err) {
    if (err instanceof AwsCallError) return readFailed(err.message);
    throw err;
  }
}

/**
 * The CDK lookup role of an account and region: `cdk bootstrap` creates it with ReadOnlyAccess (and kms:Decrypt
 * denied) and lets the accounts given to `--trust` assume it (the bootstrap template's LookupRole trusts
 * TrustedAccounts and TrustedAccountsForLookup).
 */
export function lookupRoleArn(qualifier: string, accountId: string, region: string): string {
  return `arn:${partitionOf(region)}:iam::${accountId}:role/cdk-${qualifier}-lookup-role-${accountId}-${region}`;
}

/** Clients that read one account, per region. */
export type AccountClients = (region: string) => AwsClients;

/**
 * Read-only access to an account: the caller's own credentials for its own account; for another account, the CDK
 * lookup role of the first of `regions` whose role can be assumed (IAM roles are global: one session reads every
 * region). When none can, the reason names each role tried.
 */
export async function accessAccount(options: {
  readonly factory: ClientFactory;
  readonly profile?: string;
  /** STS of the caller (the management account). */
  readonly sts: AwsClients['sts'];
  readonly retry: RetryOptions;
  readonly callerAccountId: string;
  readonly accountId: string;
  readonly regions: readonly string[];
  readonly qualifier: string;
}): Promise<Read<AccountClients>> {
  const { factory, profile } = options;
  if (options.accountId === options.callerAccountId) {
    return readOk((region) => factory({ region, ...(profile === undefined ? {} : { profile }) }));
  }
  const failures: string[] = [];
  for (const region of options.regions) {
    const roleArn = lookupRoleArn(options.qualifier, options.accountId, region);
    try {
      const assumed = await call(
        'sts:AssumeRole',
        () => options.sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'landfall-rollout-read' })),
        options.retry,
      );
      const c = assumed.Credentials;
      if (!c?.AccessKeyId || !c.SecretAccessKey) {
        failures.push(`${roleArn.split('/').pop()}: no credentials returned`);
        continue;
      }
      const credentials = {
        accessKeyId: c.AccessKeyId,
        secretAccessKey: c.SecretAccessKey,
        ...(c.SessionToken === undefined ? {} : { sessionToken: c.SessionToken }),
        ...(c.Expiration === undefined ? {} : { expiration: c.Expiration }),
      };
      return readOk((r) => factory({ region: r, credentials }));
    } catch (err) {
      if (!(err instanceof AwsCallError)) throw err;
      failures.push(`${roleArn.split('/').pop()}: ${err.code}`);
    }
  }
  return readFailed(
    `cannot assume its CDK lookup role (${failures.join('; ')}); it exists once the account is cdk-bootstrapped with --trust of the caller's account`,
  );
}
