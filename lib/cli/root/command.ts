import {
  DeleteAccessKeyCommand,
  DeactivateMFADeviceCommand,
  DeleteLoginProfileCommand,
  DeleteSigningCertificateCommand,
  GetLoginProfileCommand,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListSigningCertificatesCommand,
} from '@aws-sdk/client-iam';
import { DeleteBucketPolicyCommand } from '@aws-sdk/client-s3';
import { AwsCallError, call, retryWithNotice, sdkRetryNotice } from '../aws/call';
import type { Command } from '../command';
import { defineCommand } from '../command';
import { loadModel } from '../config-option';
import type { CommandDeps } from '../deps';
import { withDeps } from '../deps';
import { EXIT } from '../errors';
import type { CliIo } from '../io';
import { CONFIG_OPTION, PROFILE_OPTION } from '../options';
import type { RootClientFactory } from './session';
import { assumeRoot, createRootClients, memberAccount, ROOT_TASK_POLICIES } from './session';

export interface RootCommandDeps extends CommandDeps {
  /** Builds the root session's clients from its credentials. */
  readonly rootClients: RootClientFactory;
}

const ACCOUNT_ARGUMENT = {
  name: 'account',
  description: 'the member account: an environment, an account name of the config, or a member account ID',
} as const;

const HOW =
  'With management-account credentials and centralized root access enabled (`landfall bootstrap`): starts a 15-minute sts:AssumeRoot session in the member account, scoped by the AWS-managed task policy';

function deps(overrides: Partial<RootCommandDeps>): RootCommandDeps {
  return { ...withDeps(overrides), rootClients: overrides.rootClients ?? createRootClients };
}

/** The member account named on the command line and a central root session in it, limited to one task policy. */
async function rootSession(
  d: RootCommandDeps,
  io: CliIo,
  options: { readonly config: string; readonly profile?: string },
  accountName: string,
  task: keyof typeof ROOT_TASK_POLICIES,
) {
  const { model } = loadModel(io, options.config);
  const account = memberAccount(model, accountName);
  const region = model.platform.homeRegion;
  const clients = d.clients({ region, profile: options.profile, onRetry: sdkRetryNotice(io) });
  const retry = retryWithNotice(io, d.retry);
  const credentials = await assumeRoot(clients, retry, account.id, ROOT_TASK_POLICIES[task]);
  return { account, retry, root: d.rootClients(credentials, region) };
}

/** `landfall root unlock-bucket-policy ACCOUNT BUCKET`: delete a bucket policy that denies everyone, as root. */
export function makeUnlockBucketPolicyCommand(overrides: Partial<RootCommandDeps> = {}): Command {
  const d = deps(overrides);
  return defineCommand({
    name: ['root', 'unlock-bucket-policy'],
    summary: "delete a member account's bucket policy that locks everyone out, in a central root session",
    description: `${HOW} S3UnlockBucketPolicy, and deletes the bucket's policy. Redeploy the stack that owns the bucket afterwards to put the intended policy back.`,
    arguments: [ACCOUNT_ARGUMENT, { name: 'bucket', description: 'the bucket whose policy to delete' }],
    options: { profile: PROFILE_OPTION, config: CONFIG_OPTION },
    aws: 'management account: sts:AssumeRoot (task policy S3UnlockBucketPolicy); in the member account: s3:DeleteBucketPolicy',
    examples: ['landfall root unlock-bucket-policy prod landfall-prod-uploads --profile acme-management'],
    async run({ args, options }, io) {
      const { account, retry, root } = await rootSession(d, io, options, args.account, 'unlockBucketPolicy');
      const { s3 } = root;
      await call('s3:DeleteBucketPolicy', () => s3.send(new DeleteBucketPolicyCommand({ Bucket: args.bucket })), retry);
      io.out(
        `Deleted the bucket policy of ${args.bucket} in ${account.name} (${account.id}) as its root user (central root session). Redeploy the stack that owns the bucket to restore its policy.`,
      );
      return EXIT.ok;
    },
  });
}

/** `landfall root delete-credentials ACCOUNT`: remove a member account's root password, keys, certificates and MFA. */
export function makeDeleteRootCredentialsCommand(overrides: Partial<RootCommandDeps> = {}): Command {
  const d = deps(overrides);
  return defineCommand({
    name: ['root', 'delete-credentials'],
    summary: "delete a member account's root user credentials (password, access keys, signing certificates, MFA)",
    description: `${HOW} IAMDeleteRootUserCredentials, and deletes the root user's console password, access keys and signing certificates and deactivates its MFA devices. Afterwards nobody can sign in as that root user; root-only tasks go through central root sessions. Running it again changes nothing.`,
    arguments: [ACCOUNT_ARGUMENT],
    options: { profile: PROFILE_OPTION, config: CONFIG_OPTION },
    aws: 'management account: sts:AssumeRoot (task policy IAMDeleteRootUserCredentials); in the member account: iam GetLoginProfile, DeleteLoginProfile, ListAccessKeys, DeleteAccessKey, ListSigningCertificates, DeleteSigningCertificate, ListMFADevices, DeactivateMFADevice',
    examples: ['landfall root delete-credentials dev --profile acme-management'],
    async run({ args, options }, io) {
      const { account, retry, root } = await rootSession(d, io, options, args.account, 'deleteCredentials');
      const { iam } = root;
      const removed: string[] = [];

      // Without UserName these calls act on the caller: the member account's root user.
      let hasPassword = true;
      try {
        await call('iam:GetLoginProfile', () => iam.send(new GetLoginProfileCommand({})), retry);
      } catch (err) {
        if (!(err instanceof AwsCallError && err.code === 'NoSuchEntityException')) throw err;
        hasPassword = false;
      }
      if (hasPassword) {
        await call('iam:DeleteLoginProfile', () => iam.send(new DeleteLoginProfileCommand({})), retry);
        removed.push('the console password');
      }
      const keys =
        (await call('iam:ListAccessKeys', () => iam.send(new ListAccessKeysCommand({})), retry)).AccessKeyMetadata ??
        [];
      for (const k of keys) {
        await call(
          'iam:DeleteAccessKey',
          () => iam.send(new DeleteAccessKeyCommand({ AccessKeyId: k.AccessKeyId })),
          retry,
        );
        removed.push(`access key ${k.AccessKeyId}`);
      }
      const certificates =
        (await call('iam:ListSigningCertificates', () => iam.send(new ListSigningCertificatesCommand({})), retry))
          .Certificates ?? [];
      for (const c of certificates) {
        await call(
          'iam:DeleteSigningCertificate',
          () => iam.send(new DeleteSigningCertificateCommand({ CertificateId: c.CertificateId })),
          retry,
        );
        removed.push(`signing certificate ${c.CertificateId}`);
      }
      const devices =
        (await call('iam:ListMFADevices', () => iam.send(new ListMFADevicesCommand({})), retry)).MFADevices ?? [];
      for (const m of devices) {
        await call(
          'iam:DeactivateMFADevice',
          () => iam.send(new DeactivateMFADeviceCommand({ SerialNumber: m.SerialNumber })),
          retry,
        );
        removed.push(`MFA device ${m.SerialNumber}`);
      }
      io.out(
        removed.length === 0
          ? `The root user of ${account.name} (${account.id}) has no credentials left; nothing changed.`
          : `Removed from the root user of ${account.name} (${account.id}): ${removed.join(', ')}.`,
      );
      return EXIT.ok;
    },
  });
}

export const unlockBucketPolicyCommand = makeUnlockBucketPolicyCommand();
export const deleteRootCredentialsCommand = makeDeleteRootCredentialsCommand();
