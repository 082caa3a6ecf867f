import { ConcurrentModificationException, TooManyRequestsException } from '@aws-sdk/client-organizations';
import { AwsCallError, call, collect, describeAwsError, LANDFALL_RETRIED_CODES } from '../../../lib/cli/aws/call';
import { createAwsClients, SDK_RETRY } from '../../../lib/cli/aws/clients';

const fail = (ErrorClass: new (opts: { message: string; $metadata: object }) => Error, message = 'busy') =>
  new ErrorClass({ message, $metadata: {} });

describe('call: retries', () => {
  it('retries ConcurrentModificationException and returns the later success', async () => {
    const delays: number[] = [];
    const fn = jest.fn().mockRejectedValueOnce(fail(ConcurrentModificationException)).mockResolvedValueOnce('ok');
    await expect(
      call('organizations:EnablePolicyType', fn, { sleep: async (ms) => void delays.push(ms), baseDelayMs: 100 }),
    ).resolves.toBe('ok');
    expect(fn).toHaveBeenCalledTimes(2);
    expect(delays).toHaveLength(1);
  });

  it('backs off exponentially with jitter between attempts', async () => {
    const delays: number[] = [];
    const fn = jest.fn().mockRejectedValue(fail(ConcurrentModificationException));
    await expect(
      call('organizations:EnablePolicyType', fn, {
        sleep: async (ms) => void delays.push(ms),
        baseDelayMs: 100,
        attempts: 4,
      }),
    ).rejects.toThrow(AwsCallError);
    expect(delays).toHaveLength(3);
    delays.forEach((d, i) => {
      expect(d).toBeGreaterThanOrEqual(100 * 2 ** i);
      expect(d).toBeLessThanOrEqual(150 * 2 ** i);
    });
  });

  it('leaves throttling to the SDK: a TooManyRequestsException that reaches it is not retried again', async () => {
    const fn = jest.fn().mockRejectedValue(fail(TooManyRequestsException, 'Rate exceeded'));
    const failure = (await call('organizations:ListAccounts', fn, { sleep: async () => undefined }).catch(
      (e: unknown) => e,
    )) as AwsCallError;
    expect(fn).toHaveBeenCalledTimes(1);
    expect([failure.message, failure.hint]).toEqual([
      'organizations:ListAccounts failed: TooManyRequestsException: Rate exceeded',
      'AWS kept refusing after several retries: wait a minute and run the command again',
    ]);
  });

  it('retries only ConcurrentModificationException itself', () => {
    expect([...LANDFALL_RETRIED_CODES]).toEqual(['ConcurrentModificationException']);
  });

  it('does not retry an error that is neither throttling nor a concurrent modification', async () => {
    const err = Object.assign(new Error('nope'), { name: 'AccessDeniedException' });
    const fn = jest.fn().mockRejectedValue(err);
    await expect(call('sqs:GetQueueUrl', fn, { sleep: async () => undefined })).rejects.toThrow(
      'access denied to sqs:GetQueueUrl (AccessDeniedException: nope)',
    );
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('tells onRetry about each retry', async () => {
    const onRetry = jest.fn();
    const fn = jest.fn().mockRejectedValueOnce(fail(ConcurrentModificationException)).mockResolvedValueOnce(1);
    await call('organizations:EnablePolicyType', fn, { sleep: async () => undefined, onRetry });
    expect(onRetry).toHaveBeenCalledWith(
      expect.objectContaining({
        action: 'organizations:EnablePolicyType',
        code: 'ConcurrentModificationException',
        attempt: 1,
      }),
    );
  });
});

describe('call: errors', () => {
  it('explains missing credentials with how to provide them', async () => {
    const err = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    const failure = await call('sts:GetCallerIdentity', () => Promise.reject(err)).catch((e: AwsCallError) => e);
    expect(failure.message).toBe('no AWS credentials found for sts:GetCallerIdentity');
    expect(failure.hint).toBe(
      'pass --profile NAME, set AWS_PROFILE, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY',
    );
    expect(failure.exitCode).toBe(3);
  });

  it('describes an endpoint that answers an operation with an HTML page (an emulator lacking it)', () => {
    const err = Object.assign(new SyntaxError('Unexpected token <'), { $metadata: { httpStatusCode: 404 } });
    expect(describeAwsError(err)).toBe(
      'the endpoint answered HTTP 404 with a page that is not an AWS response (an emulator that lacks this operation?)',
    );
  });
});

describe('createAwsClients', () => {
  it('configures the SDK retries (adaptive mode, 5 attempts) on every client', async () => {
    const clients = createAwsClients({ region: 'ap-northeast-1' });
    for (const client of [
      clients.organizations,
      clients.sts,
      clients.sqs,
      clients.guardDuty,
      clients.securityHub,
      clients.ssoAdmin,
      clients.identityStore,
    ]) {
      const strategy = (await client.config.retryStrategy()) as { mode?: string };
      expect(strategy.mode).toBe(SDK_RETRY.retryMode);
      expect(await client.config.maxAttempts()).toBe(SDK_RETRY.maxAttempts);
    }
    expect(SDK_RETRY).toEqual({ retryMode: 'adaptive', maxAttempts: 5 });
  });

  it('signs Organizations calls for us-east-1 and the regional services for the home region', async () => {
    const clients = createAwsClients({ region: 'ap-northeast-1' });
    expect(await clients.organizations.config.region()).toBe('us-east-1');
    expect(await clients.sqs.config.region()).toBe('ap-northeast-1');
  });

  it('announces the SDK retries through onRetry on every client, and only when asked to', () => {
    const clients = createAwsClients({ region: 'ap-northeast-1', onRetry: () => undefined });
    for (const client of [clients.organizations, clients.sts, clients.sqs, clients.guardDuty, clients.securityHub]) {
      expect(client.middlewareStack.identify().some((m) => m.startsWith('landfallRetryNotice'))).toBe(true);
    }
    const quiet = createAwsClients({ region: 'ap-northeast-1' });
    expect(quiet.sts.middlewareStack.identify().some((m) => m.startsWith('landfallRetryNotice'))).toBe(false);
  });

  it('creates each client once, on first use', () => {
    const clients = createAwsClients({ region: 'ap-northeast-1' });
    expect(clients.sqs).toBe(clients.sqs);
  });
});

describe('collect', () => {
  async function* pages(...items: number[][]) {
    for (const page of items) yield { Items: page };
  }

  it('returns the items of every page in order', async () => {
    expect(await collect('x:List', pages([1, 2], [3], []), (p) => p.Items)).toEqual([1, 2, 3]);
  });

  it('turns a failing page into an AwsCallError naming the action', async () => {
    async function* failing() {
      yield { Items: [1] };
      throw Object.assign(new Error('nope'), { name: 'AccessDeniedException' });
    }
    await expect(collect('organizations:ListAccounts', failing(), (p) => p.Items)).rejects.toThrow(
      'access denied to organizations:ListAccounts (AccessDeniedException: nope)',
    );
  });
});
