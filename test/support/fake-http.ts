import type * as timers from 'node:timers';

/** Node's own timers: jest's fake timers replace the globals only. */
const realTimers = jest.requireActual<typeof timers>('node:timers');

/**
 * An SDK request handler that answers AWS JSON-protocol calls (Organizations, SSO Admin, Identity Store, ...)
 * without a network, so tests exercise the SDK's own middleware: retries, error parsing, paginators. (Clients
 * mocked with aws-sdk-client-mock replace `send` and skip all of that.)
 */
export interface FakeAnswer {
  readonly status?: number;
  /** An error: its code (`TooManyRequestsException`); the body gets `__type` and `Message`. */
  readonly error?: string;
  /** The body of a successful answer. */
  readonly body?: object;
  /** A body that is not JSON at all (an emulator's HTML error page), sent as is. */
  readonly raw?: string;
}

export interface FakeHttp {
  /** Pass as the client's `requestHandler`. */
  readonly handler: {
    handle(request: { headers: Record<string, string>; body?: unknown }): Promise<{ response: object }>;
    updateHttpClientConfig(): void;
    httpHandlerConfigs(): object;
  };
  /** Every request: the operation (`DescribeOrganization`), its `amz-sdk-request` header and parsed body. */
  readonly requests: Array<{ operation: string; attempt: string; input: Record<string, unknown> }>;
}

/** Answer each request with `answer(operation, input, n)`, `n` counting that operation's requests from 1. */
export function fakeHttp(
  answer: (operation: string, input: Record<string, unknown>, n: number) => FakeAnswer,
): FakeHttp {
  const requests: FakeHttp['requests'] = [];
  return {
    requests,
    handler: {
      async handle(request) {
        const operation = (request.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
        const text =
          request.body instanceof Uint8Array ? new TextDecoder().decode(request.body) : String(request.body ?? '');
        const input = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
        requests.push({ operation, attempt: request.headers['amz-sdk-request'] ?? '', input });
        const n = requests.filter((r) => r.operation === operation).length;
        const a = answer(operation, input, n);
        const body = a.error === undefined ? (a.body ?? {}) : { __type: a.error, Message: `fake ${a.error}` };
        return {
          response: {
            statusCode: a.status ?? (a.error === undefined ? 200 : 400),
            headers: {
              'content-type': 'application/x-amz-json-1.1',
              ...(a.error === undefined ? {} : { 'x-amzn-errortype': a.error }),
            },
            body: new TextEncoder().encode(a.raw ?? JSON.stringify(body)),
          },
        };
      },
      updateHttpClientConfig: () => undefined,
      httpHandlerConfigs: () => ({}),
    },
  };
}

/**
 * Settle `promise` under jest's fake timers, advancing them (the SDK's backoff waits) until it has; fails after
 * 120 s of fake time instead of spinning for ever.
 */
export async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  let result: { value?: T; error?: unknown } | undefined;
  promise.then(
    (value) => (result = { value }),
    (error: unknown) => (result = { error }),
  );
  for (let waited = 0; result === undefined; waited += 500) {
    if (waited > 120_000) throw new Error('the call did not settle within 120 s of fake time');
    await jest.advanceTimersByTimeAsync(500);
    // Let I/O callbacks (the macrotask queue) run too: fake timers only advance timers and microtasks.
    await new Promise<void>((resolve) => realTimers.setImmediate(resolve));
  }
  return result;
}
