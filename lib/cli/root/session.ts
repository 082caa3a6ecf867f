/**
 * Central root sessions (IAM User Guide, "Perform a privileged task on an AWS Organizations member account"): the
 * management account calls sts:AssumeRoot on a Regional STS endpoint ("The AWS STS global endpoint is not
 * supported for AssumeRoot", STS API Reference) with one AWS-managed task policy; the credentials last at most 900
 * seconds and can do that one task. Needs centralized root access (`landfall bootstrap`).
 */
import { IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { AssumeRootCommand } from '@aws-sdk/client-sts';

import type { LandfallModel } from '../../config';
import { call } from '../aws/call';
import type { RetryOptions } from '../aws/call';
import type { AwsClients, TemporaryCredentials } from '../aws/clients';
import { UsageError } from '../errors';

/** The AWS-managed task policies landfall's root commands use. */
export const ROOT_TASK_POLICIES = {
  deleteCredentials: 'arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials',
  unlockBucketPolicy: 'arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy',
} as const;

/** The longest root session AWS allows (AssumeRoot DurationSeconds: "up to ... 900 seconds (15 minutes)"). */
export const ROOT_SESSION_SECONDS = 900;

/** The clients a root session uses, built from its credentials; tests pass mocks. */
export interface RootSessionClients {
  readonly iam: IAMClient;
  readonly s3: S3Client;
}
export type RootClientFactory = (credentials: TemporaryCredentials, region: string) => RootSessionClients;

export const createRootClients: RootClientFactory = (credentials, region) => ({
  iam: new IAMClient({ region, credentials }),
  s3: new S3Client({ region, credentials }),
});

/**
 * The member account a command names: an environment (its account), an account name of the config, or a
 * member account ID. Never the management account (AssumeRoot targets member accounts only).
 */
export function memberAccount(model: LandfallModel, target: string): { name: string; id: string } {
  const env = model.environments.find((e) => e.name === target);
  const account = env?.account ?? model.platform.accounts.find((a) => a.name === target || a.id === target);
  const management = model.accounts.management;
  if (account === undefined || account.id === management.id) {
    const names = model.platform.accounts.filter((a) => a.id !== management.id).map((a) => a.name);
    throw new UsageError(
      `"${target}" is not a member account of the config (allowed: an environment, ${names.join(', ')}, or a member account ID)`,
    );
  }
  return { name: account.name, id: account.id };
}

/** Start a root session in a member account, scoped by one task policy. */
export async function assumeRoot(
  clients: AwsClients,
  retry: RetryOptions,
  accountId: string,
  taskPolicyArn: string,
): Promise<TemporaryCredentials> {
  const out = await call(
    'sts:AssumeRoot',
    () =>
      clients.sts.send(
        new AssumeRootCommand({
          TargetPrincipal: accountId,
          TaskPolicyArn: { arn: taskPolicyArn },
          DurationSeconds: ROOT_SESSION_SECONDS,
        }),
      ),
    retry,
  );
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error('sts:AssumeRoot returned no credentials');
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
    ...(c.Expiration ? { expiration: c.Expiration } : {}),
  };
}
