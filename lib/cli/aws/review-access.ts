/**
 * How `landfall review weekly` reaches each account it reads: in the scheduled workflow, the account's review role
 * (`landfall-review`, Baseline stack) assumed with the workflow's GitHub OIDC token; from a laptop, the caller's
 * own account or the CDK lookup role of the others (as `landfall rollout` reads them).
 */
import { AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import { ROLE_NAMES } from '../../naming';
import { partitionOf } from '../../plan/regions';
import type { AccountClients, Read } from './account-access';
import { accessAccount, readFailed, readOk } from './account-access';
import { AwsCallError, call } from './call';
import type { RetryOptions } from './call';
import type { AwsClients, ClientFactory } from './clients';

/** The review role of an account. */
export function reviewRoleArn(accountId: string, region: string): string {
  return `arn:${partitionOf(region)}:iam::${accountId}:role/${ROLE_NAMES.review}`;
}

/** The session the review role grants: one hour, its longest (the role's MaxSessionDuration). */
export const REVIEW_SESSION_SECONDS = 3600;

export type ReviewCredentials =
  /** A GitHub OIDC token (the workflow): assume each account's review role with it. */
  | { readonly kind: 'web-identity'; readonly token: string }
  /** The caller's credentials: its own account, the CDK lookup role of the others. */
  | {
      readonly kind: 'caller';
      readonly callerAccountId: string;
      readonly profile?: string;
      readonly qualifier: string;
    };

/** Read-only clients for one account, or why there are none. */
export async function reviewAccess(options: {
  readonly factory: ClientFactory;
  /** STS of the caller; AssumeRoleWithWebIdentity is an unsigned call, so it needs no credentials. */
  readonly sts: AwsClients['sts'];
  readonly retry: RetryOptions;
  readonly credentials: ReviewCredentials;
  readonly accountId: string;
  /** The account's regions, home first. */
  readonly regions: readonly string[];
}): Promise<Read<AccountClients>> {
  const { credentials, factory } = options;
  if (credentials.kind === 'caller') {
    return accessAccount({
      factory,
      sts: options.sts,
      retry: options.retry,
      callerAccountId: credentials.callerAccountId,
      accountId: options.accountId,
      regions: options.regions,
      qualifier: credentials.qualifier,
      ...(credentials.profile === undefined ? {} : { profile: credentials.profile }),
    });
  }
  const roleArn = reviewRoleArn(options.accountId, options.regions[0] ?? 'us-east-1');
  try {
    const assumed = await call(
      'sts:AssumeRoleWithWebIdentity',
      () =>
        options.sts.send(
          new AssumeRoleWithWebIdentityCommand({
            RoleArn: roleArn,
            RoleSessionName: 'landfall-weekly-review',
            WebIdentityToken: credentials.token,
            DurationSeconds: REVIEW_SESSION_SECONDS,
          }),
        ),
      options.retry,
    );
    const c = assumed.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) return readFailed(`${ROLE_NAMES.review}: no credentials returned`);
    const session = {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      ...(c.SessionToken === undefined ? {} : { sessionToken: c.SessionToken }),
      ...(c.Expiration === undefined ? {} : { expiration: c.Expiration }),
    };
    return readOk((region) => factory({ region, credentials: session }));
  } catch (err) {
    if (!(err instanceof AwsCallError)) throw err;
    return readFailed(
      `cannot assume ${roleArn} (${err.code}); it exists once the account's Baseline stack is deployed, and trusts only .github/workflows/weekly-review.yml on main`,
    );
  }
}
