/**
 * What an account may already have that a Baseline stack would create a second time: an AWS Config recorder and
 * delivery channel (one customer-managed recorder and one delivery channel per account and region), and the GitHub
 * OIDC provider (one provider per URL per account). Reads only.
 */
import { DescribeConfigurationRecordersCommand, DescribeDeliveryChannelsCommand } from '@aws-sdk/client-config-service';
import { ListOpenIDConnectProvidersCommand } from '@aws-sdk/client-iam';
import { call } from './call';
import type { RetryOptions } from './call';
import type { AwsClients } from './clients';

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

/** Names of the customer-managed configuration recorders (service-linked recorders, with a service principal, excluded). */
export async function configurationRecorders(clients: AwsClients, retry: RetryOptions): Promise<string[]> {
  const out = await call(
    'config:DescribeConfigurationRecorders',
    () => clients.configService.send(new DescribeConfigurationRecordersCommand({})),
    retry,
  );
  return (out.ConfigurationRecorders ?? [])
    .filter((r) => r.servicePrincipal === undefined)
    .map((r) => r.name ?? '')
    .filter((n) => n !== '');
}

/** Names of the region's delivery channels. */
export async function deliveryChannels(clients: AwsClients, retry: RetryOptions): Promise<string[]> {
  const out = await call(
    'config:DescribeDeliveryChannels',
    () => clients.configService.send(new DescribeDeliveryChannelsCommand({})),
    retry,
  );
  return (out.DeliveryChannels ?? []).map((c) => c.name ?? '').filter((n) => n !== '');
}

/** The ARN of the account's GitHub Actions OIDC provider, if it has one. */
export async function githubOidcProvider(clients: AwsClients, retry: RetryOptions): Promise<string | undefined> {
  const out = await call(
    'iam:ListOpenIDConnectProviders',
    () => clients.iam.send(new ListOpenIDConnectProvidersCommand({})),
    retry,
  );
  return (out.OpenIDConnectProviderList ?? [])
    .map((p) => p.Arn ?? '')
    .find((arn) => arn.endsWith(`:oidc-provider/${GITHUB_OIDC_HOST}`));
}
