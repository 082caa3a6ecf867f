import {
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  DeleteSigningCertificateCommand,
  GetLoginProfileCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListMFADevicesCommand,
  ListSigningCertificatesCommand,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { DeleteBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRootCommand } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { makeDeleteRootCredentialsCommand, makeUnlockBucketPolicyCommand } from '../../../lib/cli/root/command';
import { ROOT_SESSION_SECONDS } from '../../../lib/cli/root/session';
import { runIn } from '../../support/cli';
import { referenceModel } from '../../support/example';
import { fakeAws } from '../../support/fake-aws';

/**
 * `landfall root ...` with mocked clients: sts:AssumeRoot in the management account with an AWS-managed task
 * policy (STS API Reference, AssumeRoot: TaskPolicyArn "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy";
 * DurationSeconds at most 900), then the one root-only call with the session's credentials.
 */
const model = referenceModel();
const prod = model.platform.accounts.find((a) => a.name === 'prod');
const SESSION = { AccessKeyId: 'ASIAROOT', SecretAccessKey: 'secret', SessionToken: 'token' };

function setup() {
  const aws = fakeAws();
  aws.sts.on(AssumeRootCommand).resolves({ Credentials: { ...SESSION, Expiration: new Date() } });
  const iamClient = new IAMClient({ region: 'ap-northeast-1' });
  const s3Client = new S3Client({ region: 'ap-northeast-1' });
  const iam = mockClient(iamClient);
  const s3 = mockClient(s3Client);
  const sessions: Array<{ accessKeyId: string; region: string }> = [];
  const rootClients = (credentials: { accessKeyId: string }, region: string) => {
    sessions.push({ accessKeyId: credentials.accessKeyId, region });
    return { iam: iamClient, s3: s3Client };
  };
  const retry = { sleep: async () => undefined, baseDelayMs: 1 };
  const deps = { clients: aws.factory, retry, rootClients };
  return { aws, iam, s3, sessions, deps };
}

describe('landfall root unlock-bucket-policy', () => {
  it('starts a 15-minute root session in the environment’s account with S3UnlockBucketPolicy', async () => {
    const { aws, deps } = setup();
    const run = await runIn([makeUnlockBucketPolicyCommand(deps)], ['root', 'unlock-bucket-policy', 'prod', 'locked']);
    expect(run.code).toBe(0);
    expect(aws.sts.commandCalls(AssumeRootCommand).map((c) => c.args[0].input)).toEqual([
      {
        TargetPrincipal: prod?.id,
        TaskPolicyArn: { arn: 'arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy' },
        DurationSeconds: ROOT_SESSION_SECONDS,
      },
    ]);
    expect(ROOT_SESSION_SECONDS).toBe(900);
  });

  it("deletes the bucket's policy with the root session's credentials", async () => {
    const { s3, sessions, deps } = setup();
    const run = await runIn([makeUnlockBucketPolicyCommand(deps)], ['root', 'unlock-bucket-policy', 'prod', 'locked']);
    expect(sessions).toEqual([{ accessKeyId: 'ASIAROOT', region: model.platform.homeRegion }]);
    expect(s3.commandCalls(DeleteBucketPolicyCommand).map((c) => c.args[0].input)).toEqual([{ Bucket: 'locked' }]);
    expect(run.stdout).toContain(`Deleted the bucket policy of locked in prod (${prod?.id}) as its root user`);
  });

  it('refuses the management account, naming what is allowed (exit 2)', async () => {
    const { aws, deps } = setup();
    const run = await runIn(
      [makeUnlockBucketPolicyCommand(deps)],
      ['root', 'unlock-bucket-policy', model.accounts.management.id, 'b'],
    );
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(
      `landfall: "${model.accounts.management.id}" is not a member account of the config (allowed: an environment, security, log-archive, dev, stg, prod, or a member account ID)`,
    );
    expect(aws.sts.commandCalls(AssumeRootCommand)).toHaveLength(0);
  });

  it('needs the bucket argument (exit 2)', async () => {
    const { deps } = setup();
    const run = await runIn([makeUnlockBucketPolicyCommand(deps)], ['root', 'unlock-bucket-policy', 'prod']);
    expect(run.code).toBe(2);
  });
});

describe('landfall root delete-credentials', () => {
  it('deletes the password, every access key and signing certificate, and deactivates MFA, with IAMDeleteRootUserCredentials', async () => {
    const { aws, iam, deps } = setup();
    iam.on(GetLoginProfileCommand).resolves({ LoginProfile: { UserName: 'root', CreateDate: new Date() } });
    iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: [{ AccessKeyId: 'AKIA1' }, { AccessKeyId: 'AKIA2' }] });
    iam.on(ListSigningCertificatesCommand).resolves({ Certificates: [{ CertificateId: 'CERT1' } as never] });
    iam.on(ListMFADevicesCommand).resolves({
      MFADevices: [{ SerialNumber: 'arn:aws:iam::1:mfa/root', UserName: 'root', EnableDate: new Date() }],
    });
    const run = await runIn([makeDeleteRootCredentialsCommand(deps)], ['root', 'delete-credentials', 'dev']);
    expect(run.code).toBe(0);
    expect(aws.sts.commandCalls(AssumeRootCommand)[0].args[0].input.TaskPolicyArn).toEqual({
      arn: 'arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials',
    });
    expect(iam.commandCalls(DeleteLoginProfileCommand)[0].args[0].input).toEqual({});
    expect(iam.commandCalls(DeleteAccessKeyCommand).map((c) => c.args[0].input)).toEqual([
      { AccessKeyId: 'AKIA1' },
      { AccessKeyId: 'AKIA2' },
    ]);
    expect(iam.commandCalls(DeleteSigningCertificateCommand).map((c) => c.args[0].input)).toEqual([
      { CertificateId: 'CERT1' },
    ]);
    expect(iam.commandCalls(DeactivateMFADeviceCommand).map((c) => c.args[0].input)).toEqual([
      { SerialNumber: 'arn:aws:iam::1:mfa/root' },
    ]);
    expect(run.stdout).toContain('Removed from the root user of dev');
  });

  it('changes nothing when the root user has no credentials left', async () => {
    const { iam, deps } = setup();
    iam.on(GetLoginProfileCommand).rejects(new NoSuchEntityException({ message: 'no login profile', $metadata: {} }));
    iam.on(ListAccessKeysCommand).resolves({ AccessKeyMetadata: [] });
    iam.on(ListSigningCertificatesCommand).resolves({ Certificates: [] });
    iam.on(ListMFADevicesCommand).resolves({ MFADevices: [] });
    const run = await runIn([makeDeleteRootCredentialsCommand(deps)], ['root', 'delete-credentials', 'dev']);
    expect(run.code).toBe(0);
    expect(iam.commandCalls(DeleteLoginProfileCommand)).toHaveLength(0);
    expect(run.stdout).toContain('has no credentials left; nothing changed.');
  });
});
