import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
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
import { ORGANIZATIONS_REGION } from '../../plan/regions';

/** Where and as whom the CLI calls AWS. */
export interface ClientOptions {
  /** Region of the regional services (the platform's home region). Organizations always uses its global endpoint. */
  readonly region: string;
  /** Named profile of the shared config files (`--profile`); otherwise the standard credential chain. */
  readonly profile?: string;
  /**
   * Temporary credentials to use instead of the profile or chain: a role assumed in another account (the CDK lookup
   * role `landfall rollout` reads member accounts with). @default the profile or the standard chain
   */
  readonly credentials?: TemporaryCredentials;
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
  /**
   * The same clients (same credentials) in another region, for the few per-region calls (GuardDuty's delegated
   * administrator is designated in each region). @default none: per-region steps report that they cannot run
   */
  readonly inRegion?: (region: string) => AwsClients;
}

export type ClientFactory = (options: ClientOptions) => AwsClients;

/**
 * Retries of the SDK itself: adaptive mode backs off and rate-limits on throttling errors. `withRetry` adds a few
 * slower attempts on top, and retries `ConcurrentModificationException`, which the SDK does not.
 */
export const SDK_RETRY = { retryMode: 'adaptive', maxAttempts: 5 } as const;

/**
 * The real clients: the standard credential chain (environment, `AWS_PROFILE`, SSO, web identity, instance role)
 * or `--profile`; endpoints from the SDK's own resolution, so `AWS_ENDPOINT_URL` (and the service-specific
 * `AWS_ENDPOINT_URL_<SERVICE>`) point every client at a local emulator. Clients are created on first use.
 */
export const createAwsClients: ClientFactory = (options) => {
  const credentials =
    options.credentials ?? fromNodeProviderChain(options.profile === undefined ? {} : { profile: options.profile });
  const common = { region: options.region, credentials, ...SDK_RETRY };
  const lazy = <T>(make: () => T): (() => T) => {
    let client: T | undefined;
    return () => (client ??= make());
  };
  const organizations = lazy(() => new OrganizationsClient({ ...common, region: ORGANIZATIONS_REGION }));
  const sts = lazy(() => new STSClient(common));
  const ssoAdmin = lazy(() => new SSOAdminClient(common));
  const identityStore = lazy(() => new IdentitystoreClient(common));
  const guardDuty = lazy(() => new GuardDutyClient(common));
  const securityHub = lazy(() => new SecurityHubClient(common));
  const sqs = lazy(() => new SQSClient(common));
  const cloudFormation = lazy(() => new CloudFormationClient(common));
  const configService = lazy(() => new ConfigServiceClient(common));
  const iam = lazy(() => new IAMClient(common));
  const serviceQuotas = lazy(() => new ServiceQuotasClient(common));
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
  };
};
