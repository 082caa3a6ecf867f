import {
  DescribeOrganizationCommand,
  EnableAWSServiceAccessCommand,
  OrganizationsClient,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import { AwsCallError, call, collect, SDK_THROTTLING_CODES } from '../../../lib/cli/aws/call';
import type { SdkRetryInfo } from '../../../lib/cli/aws/clients';
import { announceRetries, clientConfig, SDK_RETRY } from '../../../lib/cli/aws/clients';
import type { FakeAnswer } from '../../support/fake-http';
import { fakeHttp, settle } from '../../support/fake-http';

/**
 * The real SDK client (the CLI's retry settings, `clientConfig`) against a fake HTTP handler, so the SDK's retry
 * strategy and paginators run as they do against AWS. "AWS SDKs and Tools Reference Guide, Retry behavior": the
 * SDK retries throttling and transient errors with exponential backoff up to `max_attempts`; landfall adds
 * retries only for what the SDK does not retry (Organizations' ConcurrentModificationException), so a throttled
 * call is attempted at most SDK_RETRY.maxAttempts times, not SDK attempts times landfall attempts.
 */
function organizations(answer: (operation: string, input: Record<string, unknown>, n: number) => FakeAnswer) {
  const http = fakeHttp(answer);
  const client = new OrganizationsClient({
    ...clientConfig({ region: 'us-east-1' }),
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    requestHandler: http.handler,
  });
  return { http, client };
}

const instant = { sleep: async () => undefined };
const describe_ = (client: OrganizationsClient) => () => client.send(new DescribeOrganizationCommand({}));

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('throttling is retried by the SDK only', () => {
  it(`makes the SDK's ${SDK_RETRY.maxAttempts} attempts at a call Organizations keeps throttling, and no more`, async () => {
    const { http, client } = organizations(() => ({ error: 'TooManyRequestsException' }));
    const { error } = await settle(call('organizations:DescribeOrganization', describe_(client), instant));
    expect(http.requests).toHaveLength(5);
    expect(http.requests.map((r) => r.attempt)).toEqual([1, 2, 3, 4, 5].map((n) => `attempt=${n}; max=5`));
    expect(error).toBeInstanceOf(AwsCallError);
    expect((error as AwsCallError).message).toBe(
      'organizations:DescribeOrganization failed: TooManyRequestsException: fake TooManyRequestsException',
    );
    expect((error as AwsCallError).hint).toBe(
      'AWS kept refusing after several retries: wait a minute and run the command again',
    );
  });

  it('returns the success that follows two throttled attempts, after three requests', async () => {
    const { http, client } = organizations((_op, _input, n) =>
      n <= 2 ? { error: 'TooManyRequestsException' } : { body: { Organization: { Id: 'o-a1b2c3d4e5' } } },
    );
    const { value } = await settle(call('organizations:DescribeOrganization', describe_(client), instant));
    expect(value?.Organization?.Id).toBe('o-a1b2c3d4e5');
    expect(http.requests).toHaveLength(3);
  });

  it('announces each attempt the SDK retries (the CLI prints them on stderr)', async () => {
    const notices: SdkRetryInfo[] = [];
    const { client } = organizations((_op, _input, n) => (n <= 2 ? { error: 'TooManyRequestsException' } : {}));
    announceRetries(client, 'organizations', (info) => notices.push(info));
    await settle(client.send(new DescribeOrganizationCommand({})));
    expect(notices).toEqual([
      { action: 'organizations:DescribeOrganization', code: 'TooManyRequestsException', attempt: 1, maxAttempts: 5 },
      { action: 'organizations:DescribeOrganization', code: 'TooManyRequestsException', attempt: 2, maxAttempts: 5 },
    ]);
  });

  it("announces an answer that is not an AWS response (an emulator's HTML page) by its HTTP status", async () => {
    const notices: SdkRetryInfo[] = [];
    const { http, client } = organizations(() => ({
      status: 500,
      raw: '<html><body>Internal Server Error</body></html>',
    }));
    announceRetries(client, 'organizations', (info) => notices.push(info));
    await settle(client.send(new DescribeOrganizationCommand({})));
    expect(http.requests).toHaveLength(5);
    expect(notices.map((n) => n.code)).toEqual(Array(4).fill('HTTP 500 (not an AWS response)'));
  });

  it('announces nothing for an error the SDK does not retry', async () => {
    const notices: SdkRetryInfo[] = [];
    const { client } = organizations(() => ({ error: 'AccessDeniedException' }));
    announceRetries(client, 'organizations', (info) => notices.push(info));
    await settle(client.send(new DescribeOrganizationCommand({})));
    expect(notices).toEqual([]);
  });

  it.each([...SDK_THROTTLING_CODES])(
    'the SDK retries %s as throttling (the codes the CLI calls throttling)',
    async (code) => {
      const { http, client } = organizations(() => ({ error: code }));
      await settle(client.send(new DescribeOrganizationCommand({})));
      expect(http.requests).toHaveLength(SDK_RETRY.maxAttempts);
    },
  );

  it('tries an access-denied call once', async () => {
    const { http, client } = organizations(() => ({ error: 'AccessDeniedException' }));
    const { error } = await settle(call('organizations:DescribeOrganization', describe_(client), instant));
    expect((error as AwsCallError).code).toBe('AccessDeniedException');
    expect(http.requests).toHaveLength(1);
  });
});

describe('ConcurrentModificationException is retried by landfall only', () => {
  // Organizations API reference: "The target of the operation is currently being modified by a different request.
  // Try again later." The SDK classifies it as a client error and does not retry it.
  it('makes one request per landfall attempt, five in all, each announced', async () => {
    const retries: number[] = [];
    const { http, client } = organizations(() => ({ error: 'ConcurrentModificationException' }));
    const send = () => client.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'sso.amazonaws.com' }));
    const { error } = await settle(
      call('organizations:EnableAWSServiceAccess', send, { ...instant, onRetry: (i) => retries.push(i.attempt) }),
    );
    expect(http.requests.map((r) => r.attempt)).toEqual(Array(5).fill('attempt=1; max=5'));
    expect(retries).toEqual([1, 2, 3, 4]);
    expect((error as AwsCallError).code).toBe('ConcurrentModificationException');
  });

  it('returns the success after a concurrent modification', async () => {
    const { http, client } = organizations((_op, _input, n) =>
      n === 1 ? { error: 'ConcurrentModificationException' } : {},
    );
    const send = () => client.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'sso.amazonaws.com' }));
    const { error } = await settle(call('organizations:EnableAWSServiceAccess', send, instant));
    expect(error).toBeUndefined();
    expect(http.requests).toHaveLength(2);
  });
});

describe('the SDK paginators', () => {
  const accounts = (ids: string[]) => ids.map((id) => ({ Id: id, Email: `aws+${id}@example.com` }));
  const pages: Record<string, { Accounts: object[]; NextToken?: string }> = {
    first: { Accounts: accounts(['111111111111', '222222222222']), NextToken: 't2' },
    t2: { Accounts: accounts(['333333333333']), NextToken: 't3' },
    t3: { Accounts: accounts(['444444444444']) },
  };

  it('reads every page of ListAccounts, passing each NextToken on', async () => {
    const { http, client } = organizations((_op, input) => ({ body: pages[String(input.NextToken ?? 'first')] }));
    const { value } = await settle(
      collect('organizations:ListAccounts', paginateListAccounts({ client }, {}), (p) => p.Accounts),
    );
    expect(value?.map((a) => a.Id)).toEqual(['111111111111', '222222222222', '333333333333', '444444444444']);
    expect(http.requests.map((r) => r.input.NextToken)).toEqual([undefined, 't2', 't3']);
  });

  it('retries a throttled page alone, and reads on from it', async () => {
    let throttled = false;
    const { http, client } = organizations((_op, input) => {
      if (input.NextToken === 't2' && !throttled) {
        throttled = true;
        return { error: 'TooManyRequestsException' };
      }
      return { body: pages[String(input.NextToken ?? 'first')] };
    });
    const { value } = await settle(
      collect('organizations:ListAccounts', paginateListAccounts({ client }, {}), (p) => p.Accounts),
    );
    expect(value).toHaveLength(4);
    expect(http.requests.map((r) => r.input.NextToken)).toEqual([undefined, 't2', 't2', 't3']);
  });

  it('names the action when a page fails', async () => {
    const { client } = organizations(() => ({ error: 'AccessDeniedException' }));
    const { error } = await settle(
      collect('organizations:ListAccounts', paginateListAccounts({ client }, {}), (p) => p.Accounts),
    );
    expect((error as AwsCallError).message).toBe(
      'access denied to organizations:ListAccounts (AccessDeniedException: fake AccessDeniedException)',
    );
  });
});
