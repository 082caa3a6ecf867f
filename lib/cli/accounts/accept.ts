import type { Handshake } from '@aws-sdk/client-organizations';
import {
  AcceptHandshakeCommand,
  DescribeOrganizationCommand,
  paginateListHandshakesForAccount,
} from '@aws-sdk/client-organizations';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { isExampleAccountId, isExampleAwsId } from '../../plan/placeholders';
import { AwsCallError, call, collect, retryWithNotice, sdkRetryNotice } from '../aws/call';
import type { Command } from '../command';
import { defineCommand } from '../command';
import { loadModel } from '../config-option';
import type { CommandDeps } from '../deps';
import { withDeps } from '../deps';
import { CliError, EXIT } from '../errors';
import { CONFIG_OPTION, PROFILE_OPTION, RESULT_FORMAT_OPTION } from '../options';
import { isOpenInvitation } from './invite';

/** The organization a handshake comes from: its ORGANIZATION party, else the `o-...` in its ARN. */
export function handshakeOrganization(h: Handshake): string | undefined {
  return (
    (h.Parties ?? []).find((p) => p.Type === 'ORGANIZATION')?.Id ?? /handshake\/(o-[a-z0-9]+)\//.exec(h.Arn ?? '')?.[1]
  );
}

/** The management account a handshake comes from: the account in its ARN (`arn:aws:organizations::ID:handshake/...`). */
export function handshakeManagementAccount(h: Handshake): string | undefined {
  return /^arn:aws[a-z-]*:organizations::(\d{12}):handshake\//.exec(h.Arn ?? '')?.[1];
}

/**
 * `landfall accounts accept`: with the invited account's own credentials, accept the open invitation from the
 * config's organization (matched by organization ID, or by management account ID while the organization ID is a
 * placeholder); invitations from any other organization are listed and refused.
 */
export function makeAccountsAcceptCommand(overrides: Partial<CommandDeps> = {}): Command {
  const deps = withDeps(overrides);
  return defineCommand({
    name: ['accounts', 'accept'],
    summary: "accept the organization's invitation, with the invited account's own credentials",
    description:
      "With the credentials of the invited account (a config account with its real ID): finds its open invitations (organizations:ListHandshakesForAccount) and accepts the one from the config's organization (AcceptHandshake), matched by the organization ID, or by the management account ID while the organization ID is still a placeholder. Refuses invitations from any other organization, and says so when the account is already a member. Run `landfall accounts invite NAME` from the management account first.",
    options: { profile: PROFILE_OPTION, format: RESULT_FORMAT_OPTION, config: CONFIG_OPTION },
    aws: 'the invited account: sts:GetCallerIdentity, organizations:DescribeOrganization, ListHandshakesForAccount, AcceptHandshake',
    examples: ['landfall accounts accept --profile acme-prod-legacy'],
    async run({ options }, io) {
      const { model } = loadModel(io, options.config);
      const clients = deps.clients({
        region: model.platform.homeRegion,
        profile: options.profile,
        onRetry: sdkRetryNotice(io),
      });
      const retry = retryWithNotice(io, deps.retry);
      const caller = await call(
        'sts:GetCallerIdentity',
        () => clients.sts.send(new GetCallerIdentityCommand({})),
        retry,
      );
      const account = model.platform.accounts.find((a) => a.id === caller.Account);
      if (!account || account.role === 'management')
        throw new CliError(
          `the credentials are for account ${caller.Account ?? 'unknown'}, which is ${account ? 'the management account' : 'no member account of the config'}`,
          EXIT.precondition,
          "use the invited account's credentials (--profile NAME or AWS_PROFILE), and put its real ID in config/platform.ts",
        );
      const orgId = model.platform.organization.id;
      const managementId = model.accounts.management.id;
      const byOrg = !isExampleAwsId(orgId);
      if (!byOrg && isExampleAccountId(managementId))
        throw new CliError(
          `the config names no real organization yet (organization.id "${orgId}", management account "${managementId}"): nothing to match the invitation against`,
          EXIT.precondition,
          "put the management account's real ID in config/platform.ts (or run `landfall accounts sync` from it), then accept",
        );
      const expected = byOrg ? `organization ${orgId}` : `the organization of management account ${managementId}`;
      const fromExpected = (h: Handshake) =>
        byOrg ? handshakeOrganization(h) === orgId : handshakeManagementAccount(h) === managementId;
      const report = (state: 'member' | 'accepted', text: string, handshakeId?: string) => {
        if (options.format === 'json')
          io.out(JSON.stringify({ account: account.name, accountId: account.id, state, handshakeId }));
        else io.out(text);
        return EXIT.ok;
      };

      try {
        const current = (
          await call(
            'organizations:DescribeOrganization',
            () => clients.organizations.send(new DescribeOrganizationCommand({})),
            retry,
          )
        ).Organization;
        const member = byOrg ? current?.Id === orgId : current?.MasterAccountId === managementId;
        if (member)
          return report(
            'member',
            `Account ${account.name} (${account.id}) is already a member of ${expected}: nothing to do.`,
          );
        throw new CliError(
          `account ${account.name} (${account.id}) is a member of organization ${current?.Id ?? 'unknown'}, not ${expected}`,
          EXIT.precondition,
          'it must leave that organization first (aws organizations leave-organization, with its credentials)',
        );
      } catch (err) {
        if (!(err instanceof AwsCallError && err.code === 'AWSOrganizationsNotInUseException')) throw err;
      }

      const invitations = (
        await collect(
          'organizations:ListHandshakesForAccount',
          paginateListHandshakesForAccount({ client: clients.organizations }, { Filter: { ActionType: 'INVITE' } }),
          (page) => page.Handshakes,
        )
      ).filter((h) => isOpenInvitation(h, account.id));
      const mine = invitations.find(fromExpected);
      if (!mine) {
        const others = invitations.map((h) => `${h.Id ?? '?'} from ${handshakeOrganization(h) ?? 'unknown'}`);
        throw new CliError(
          `account ${account.name} (${account.id}) has no open invitation from ${expected}${others.length > 0 ? ` (not accepted: ${others.join(', ')})` : ''}`,
          EXIT.precondition,
          `run \`npx landfall accounts invite ${account.name}\` from the management account first`,
        );
      }
      await call(
        'organizations:AcceptHandshake',
        () => clients.organizations.send(new AcceptHandshakeCommand({ HandshakeId: mine.Id })),
        retry,
      );
      return report(
        'accepted',
        `Account ${account.name} (${account.id}) accepted invitation ${mine.Id ?? ''} and joined ${expected}. Next: \`npx landfall accounts sync\` from the management account; the account stays at the root until you move it to its OU and import it (docs/getting-started.md).`,
        mine.Id,
      );
    },
  });
}

export const accountsAcceptCommand = makeAccountsAcceptCommand();
