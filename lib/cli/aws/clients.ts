import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { ECSClient } from '@aws-sdk/client-ecs';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { BILLING_REGION, ORGANIZATIONS_REGION } from '../../plan/regions';
import { SDK_THROTTLING_CODES } from './call';

/** Where and as whom the CLI calls AWS. */
export interface ClientOptions {
  /** Region of the regional services (the platform's home region). Organizations always uses its global endpoint. */
  readonly region: string;
  /** Named profile of the shared config files (`--profile`); otherwise the standard credential chain. */
  readonly profile?: string;
  /** Told about each attempt the SDK is about to retry (the CLI prints a line on stderr). @default nothing */
  readonly onRetry?: (info: SdkRetryInfo) => void;
  /**
   * Temporary credentials to use instead of the profile or chain: a role assumed in another account (the CDK lookup
   * role `landfall rollout` reads member accounts with). @default the profile or the standard chain
   */
  readonly credentials?: TemporaryCredentials;
}

/** An attempt that failed and that the SDK retries. */
export interface SdkRetryInfo {
  /** `organizations:ListAccounts`. */
  readonly action: string;
  /** The error code, such as `TooManyRequestsException`. */
  readonly code: string;
  /** The attempt that failed (1 for the first). */
  readonly attempt: number;
  readonly maxAttempts: number;
}

/** Keys of an assumed role (`sts:AssumeRole`). */
export interface TemporaryCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** The AWS clients the commands use. Tests pass mocks (`aws-sdk-client-mock`). */
export interface AwsClients {
  readonly organizations: OrganizationsClient;
  readonly sts: STSClient;
  readonly ssoAdmin: SSOAdminClient;
  readonly identityStore: IdentitystoreClient;
  readonly guardDuty: GuardDutyClient;
  readonly securityHub: SecurityHubClient;
  readonly sqs: SQSClient;
  readonly cloudFormation: CloudFormationClient;
  readonly configService: ConfigServiceClient;
  readonly iam: IAMClient;
  /** Service Quotas in the client's region (Organizations' quotas are read in us-east-1). */
  readonly serviceQuotas: ServiceQuotasClient;
  /** Alarm history, alarm definitions and metric data (`landfall incident new`). */
  readonly cloudWatch: CloudWatchClient;
  /** Service deployments (`landfall incident new`'s releases). */
  readonly ecs: ECSClient;
  /**
   * Cost Explorer, whose one endpoint is in us-east-1 (Cost Explorer API: "https://ce.us-east-1.amazonaws.com"):
   * `landfall review weekly`'s costs, `bootstrap`'s cost allocation tags.
   */
  readonly costExplorer: CostExplorerClient;
  /**
   * The same clients (same credentials) in another region, for the few per-region calls (GuardDuty's delegated
   * administrator is designated in each region). @default none: per-region steps report that they cannot run
   */
  readonly inRegion?: (region: string) => AwsClients;
}

export type ClientFactory = (options: ClientOptions) => AwsClients;

/**
 * The only retries of throttling and transient errors: the SDK's own. "AWS SDKs and Tools Reference Guide, Retry
 * behavior": standard mode "includes a standard set of errors that are retried" with exponential backoff and a
 * retry quota; adaptive mode adds client-side rate limiting, meant for "single-resource, throttling-heavy,
 * latency-tolerant" use, which is what the CLI is against Organizations (low request rates, one client per run).
 * Five attempts instead of the default three, because Organizations throttles bursts. landfall itself retries only
 * what the SDK does not (`LANDFALL_RETRIED_CODES` in call.ts), so a throttled call makes at most five attempts.
 */
export const SDK_RETRY = { retryMode: 'adaptive', maxAttempts: 5 } as const;

/** What every client gets: the region, the credentials and the SDK's retry settings. */
export function clientConfig(options: ClientOptions) {
  const credentials =
    options.credentials ?? fromNodeProviderChain(options.profile === undefined ? {} : { profile: options.profile });
  return { region: options.region, credentials, ...SDK_RETRY };
}

/** Error names the SDK's standard strategy retries besides throttling (its transient errors). */
const TRANSIENT = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);

/** Whether the SDK's retry strategy retries this error: throttling, or transient (HTTP 5xx, timeouts). */
export function sdkRetries(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: object };
  const status = e.$metadata?.httpStatusCode ?? 0;
  return (
    status === 429 ||
    [500, 502, 503, 504].includes(status) ||
    e.$retryable !== undefined ||
    SDK_THROTTLING_CODES.has(e.name ?? '') ||
    TRANSIENT.has(e.name ?? '')
  );
}

/** The error's code as a notice shows it; an answer that is not an AWS response (an emulator) by its status. */
function retryCode(err: unknown): string {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  if (err instanceof SyntaxError && status !== undefined) return `HTTP ${status} (not an AWS response)`;
  return e.name ?? 'Error';
}

interface MiddlewareHost {
  readonly middlewareStack: { addRelativeTo(middleware: never, options: object): void };
}

/**
 * Tell `onRetry` about every attempt the SDK retries: a middleware inside the SDK's retry loop sees each attempt's
 * error and the `amz-sdk-request: attempt=N; max=M` header the retry middleware sets.
 */
export function announceRetries<C extends MiddlewareHost>(
  client: C,
  service: string,
  onRetry: ((info: SdkRetryInfo) => void) | undefined,
): C {
  if (onRetry === undefined) return client;
  const middleware =
    (next: (args: { request: unknown }) => Promise<unknown>, context: { commandName?: string }) =>
    async (args: { request: unknown }) => {
      try {
        return await next(args);
      } catch (err) {
        const headers = (args.request as { headers?: Record<string, string> } | undefined)?.headers ?? {};
        const match = /attempt=(\d+); max=(\d+)/.exec(headers['amz-sdk-request'] ?? '');
        if (match && Number(match[1]) < Number(match[2]) && sdkRetries(err)) {
          onRetry({
            action: `${service}:${(context.commandName ?? '?').replace(/Command$/, '')}`,
            code: retryCode(err),
            attempt: Number(match[1]),
            maxAttempts: Number(match[2]),
          });
        }
        throw err;
      }
    };
  client.middlewareStack.addRelativeTo(middleware as never, {
    relation: 'after',
    toMiddleware: 'retryMiddleware',
    name: 'landfallRetryNotice',
  });
  return client;
}

/**
 * The real clients: the standard credential chain (environment, `AWS_PROFILE`, SSO, web identity, instance role)
 * or `--profile`; endpoints from the SDK's own resolution, so `AWS_ENDPOINT_URL` (and the service-specific
 * `AWS_ENDPOINT_URL_<SERVICE>`) point every client at a local emulator. Clients are created on first use.
 */
export const createAwsClients: ClientFactory = (options) => {
  const common = clientConfig(options);
  const lazy = <T>(make: () => T): (() => T) => {
    let client: T | undefined;
    return () => (client ??= make());
  };
  const { onRetry } = options;
  const organizations = lazy(() =>
    announceRetries(new OrganizationsClient({ ...common, region: ORGANIZATIONS_REGION }), 'organizations', onRetry),
  );
  const sts = lazy(() => announceRetries(new STSClient(common), 'sts', onRetry));
  const ssoAdmin = lazy(() => announceRetries(new SSOAdminClient(common), 'sso', onRetry));
  const identityStore = lazy(() => announceRetries(new IdentitystoreClient(common), 'identitystore', onRetry));
  const guardDuty = lazy(() => announceRetries(new GuardDutyClient(common), 'guardduty', onRetry));
  const securityHub = lazy(() => announceRetries(new SecurityHubClient(common), 'securityhub', onRetry));
  const sqs = lazy(() => announceRetries(new SQSClient(common), 'sqs', onRetry));
  const cloudFormation = lazy(() => announceRetries(new CloudFormationClient(common), 'cloudformation', onRetry));
  const configService = lazy(() => announceRetries(new ConfigServiceClient(common), 'config', onRetry));
  const iam = lazy(() => announceRetries(new IAMClient(common), 'iam', onRetry));
  const serviceQuotas = lazy(() => announceRetries(new ServiceQuotasClient(common), 'servicequotas', onRetry));
  const cloudWatch = lazy(() => announceRetries(new CloudWatchClient(common), 'cloudwatch', onRetry));
  const ecs = lazy(() => announceRetries(new ECSClient(common), 'ecs', onRetry));
  const costExplorer = lazy(() =>
    announceRetries(new CostExplorerClient({ ...common, region: BILLING_REGION }), 'ce', onRetry),
  );
  const regions = new Map<string, AwsClients>();
  return {
    inRegion: (region) => {
      if (region === options.region) return createAwsClients(options);
      const existing = regions.get(region);
      if (existing) return existing;
      const created = createAwsClients({ ...options, region });
      regions.set(region, created);
      return created;
    },
    get organizations() {
      return organizations();
    },
    get sts() {
      return sts();
    },
    get ssoAdmin() {
      return ssoAdmin();
    },
    get identityStore() {
      return identityStore();
    },
    get guardDuty() {
      return guardDuty();
    },
    get securityHub() {
      return securityHub();
    },
    get sqs() {
      return sqs();
    },
    get cloudFormation() {
      return cloudFormation();
    },
    get configService() {
      return configService();
    },
    get iam() {
      return iam();
    },
    get serviceQuotas() {
      return serviceQuotas();
    },
    get cloudWatch() {
      return cloudWatch();
    },
    get ecs() {
      return ecs();
    },
    get costExplorer() {
      return costExplorer();
    },
  };
};
