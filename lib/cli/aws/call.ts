import { CliError, EXIT } from '../errors';
import type { CliIo } from '../io';
import type { SdkRetryInfo } from './clients';

/**
 * Error codes landfall retries itself, because the SDK does not: Organizations' `ConcurrentModificationException`
 * ("The target of the operation is currently being modified by a different request. Try again later.") is a
 * client error to the SDK, neither throttling nor transient. Throttling (Organizations' `TooManyRequestsException`
 * included) and transient errors are the SDK's to retry (lib/cli/aws/clients.ts), never retried again here.
 */
export const LANDFALL_RETRIED_CODES: ReadonlySet<string> = new Set(['ConcurrentModificationException']);

/**
 * The error codes the SDK retries as throttling (THROTTLING_ERROR_CODES of its retry strategy, which also counts
 * HTTP 429). Only used to explain a failure the SDK gave up on; test/cli/aws/sdk-retries.test.ts checks the SDK
 * still agrees.
 */
export const SDK_THROTTLING_CODES: ReadonlySet<string> = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);

/** landfall's own retries (of `LANDFALL_RETRIED_CODES`); the SDK's are configured on the clients. */
export interface RetryOptions {
  /** Attempts in all, the first included. @default 5 */
  readonly attempts?: number;
  /** Delay before the second attempt; it doubles for each further one (plus up to 50% jitter). @default 1000 */
  readonly baseDelayMs?: number;
  /** How to wait; tests pass one that returns at once. @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Told about each retry (the CLI prints a line so a slow run is explained). */
  readonly onRetry?: (info: { action: string; code: string; attempt: number; delayMs: number }) => void;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The error code of an SDK error (`name` of a service exception), or `undefined` for anything else. */
export function errorCode(err: unknown): string | undefined {
  if (err instanceof AwsCallError) return err.code;
  if (err instanceof Error) return err.name;
  return undefined;
}

/** One line about an SDK error, with the case of an endpoint that lacks the operation (an emulator) made readable. */
export function describeAwsError(err: unknown): string {
  const status = (err as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  if (err instanceof SyntaxError && status !== undefined) {
    return `the endpoint answered HTTP ${status} with a page that is not an AWS response (an emulator that lacks this operation?)`;
  }
  if (err instanceof Error) return `${err.name}: ${err.message.split('\n')[0]}`;
  return String(err);
}

const ACCESS_DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'AuthorizationError',
  'AuthorizationErrorException',
]);
const BAD_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'CredentialsProviderError',
]);

/**
 * An AWS call that failed after its retries: one readable line naming the action (for example
 * `organizations:EnableAWSServiceAccess`), exit code 3, and a hint that depends on the kind of failure.
 */
export class AwsCallError extends CliError {
  constructor(
    public readonly action: string,
    public readonly code: string,
    public readonly original: unknown,
  ) {
    super(awsMessage(action, code, original), EXIT.aws, awsHint(action, code));
    this.name = 'AwsCallError';
  }

  get accessDenied(): boolean {
    return ACCESS_DENIED.has(this.code);
  }
}

function awsMessage(action: string, code: string, cause: unknown): string {
  if (code === 'CredentialsProviderError') return `no AWS credentials found for ${action}`;
  if (ACCESS_DENIED.has(code)) return `access denied to ${action} (${describeAwsError(cause)})`;
  return `${action} failed: ${describeAwsError(cause)}`;
}

function awsHint(action: string, code: string): string {
  if (code === 'CredentialsProviderError') {
    return 'pass --profile NAME, set AWS_PROFILE, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';
  }
  if (code.startsWith('ExpiredToken'))
    return 'the session expired: log in again (for example `aws sso login --profile NAME`)';
  if (BAD_CREDENTIALS.has(code))
    return 'the credentials are not valid for this endpoint: check --profile / AWS_PROFILE';
  if (ACCESS_DENIED.has(code))
    return `the caller needs permission for ${action}: use credentials with administrator access to this account`;
  if (SDK_THROTTLING_CODES.has(code) || LANDFALL_RETRIED_CODES.has(code))
    return 'AWS kept refusing after several retries: wait a minute and run the command again';
  return 'run the command again; set LANDFALL_DEBUG=1 for the stack trace';
}

/**
 * Run one AWS call (whose throttling the SDK client already retries), retry it on `LANDFALL_RETRIED_CODES` with
 * exponential backoff and jitter, and turn a final failure into an `AwsCallError` that names `action`.
 */
export async function call<T>(action: string, fn: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 5;
  const base = options.baseDelayMs ?? 1000;
  const sleep = options.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const code = errorCode(err) ?? 'Error';
      if (!LANDFALL_RETRIED_CODES.has(code) || attempt >= attempts) throw new AwsCallError(action, code, err);
      const delayMs = Math.round(base * 2 ** (attempt - 1) * (1 + Math.random() * 0.5));
      options.onRetry?.({ action, code, attempt, delayMs });
      await sleep(delayMs);
    }
  }
}

/**
 * Every item of every page of an SDK paginator (`paginateListAccounts(...)`): each page is one SDK call with the
 * SDK's retries; a failure becomes an `AwsCallError` that names `action`. Reads only, so nothing is retried here.
 */
export async function collect<P, T>(
  action: string,
  pages: AsyncIterable<P>,
  items: (page: P) => readonly T[] | undefined,
): Promise<T[]> {
  const out: T[] = [];
  try {
    for await (const page of pages) out.push(...(items(page) ?? []));
  } catch (err) {
    throw new AwsCallError(action, errorCode(err) ?? 'Error', err);
  }
  return out;
}

/** The SDK's retries, announced on stderr (a client option, see `ClientOptions.onRetry`). */
export function sdkRetryNotice(io: CliIo): (info: SdkRetryInfo) => void {
  return (info) =>
    io.err(`  ${info.action}: ${info.code}, the AWS SDK retries (attempt ${info.attempt + 1} of ${info.maxAttempts})`);
}

/** landfall's retries are announced on stderr, so a slow run explains itself. */
export function retryWithNotice(io: CliIo, retry: RetryOptions): RetryOptions {
  return {
    ...retry,
    onRetry: (info) => {
      io.err(
        `  ${info.action}: ${info.code}, retrying in ${(info.delayMs / 1000).toFixed(1)} s (attempt ${info.attempt + 1})`,
      );
      retry.onRetry?.(info);
    },
  };
}
