import type { Handshake } from '@aws-sdk/client-organizations';
import {
  InviteAccountToOrganizationCommand,
  paginateListAccounts,
  paginateListHandshakesForOrganization,
} from '@aws-sdk/client-organizations';
import { AwsCallError, call, collect, retryWithNotice, sdkRetryNotice } from '../aws/call';
import { managementPreflight } from '../aws/organization';
import type { Command } from '../command';
import { defineCommand } from '../command';
import { loadModel } from '../config-option';
import type { CommandDeps } from '../deps';
import { withDeps } from '../deps';
import { EXIT, UsageError } from '../errors';
import { CONFIG_OPTION, PROFILE_OPTION, RESULT_FORMAT_OPTION } from '../options';
import { accountIdPath, refusePlaceholders } from '../placeholder-guard';

/**
 * Handshake states that are still waiting for the invited account (Organizations API reference, Handshake:
 * "REQUESTED: This handshake was sent to multiple recipients ... OPEN: This handshake was sent to all recipients
 * ... and is waiting for a response").
 */
export const WAITING_HANDSHAKE_STATES: ReadonlySet<string> = new Set(['OPEN', 'REQUESTED']);

/** Whether a handshake is an invitation to this account that still waits for it. */
export function isOpenInvitation(h: Handshake, accountId: string): boolean {
  return (
    h.Action === 'INVITE' &&
    WAITING_HANDSHAKE_STATES.has(h.State ?? '') &&
    (h.Parties ?? []).some((p) => p.Type === 'ACCOUNT' && p.Id === accountId)
  );
}

/**
 * `landfall accounts invite NAME`: from the management account, invite a config account that already exists (its
 * real ID in the config) into the organization. Idempotent: a member is reported as one, an open invitation is
 * reported, not sent again.
 */
export function makeAccountsInviteCommand(overrides: Partial<CommandDeps> = {}): Command {
  const deps = withDeps(overrides);
  return defineCommand({
    name: ['accounts', 'invite'],
    summary: 'invite an existing AWS account of the config into the organization (from the management account)',
    description:
      'With management-account credentials: invites the config account NAME, by the ID in the config, into the organization (organizations:InviteAccountToOrganization). Safe to run again: an account that is already a member, or that has an open invitation from this organization, is reported and nothing is sent. The invited account then accepts with `landfall accounts accept`, run with its own credentials.',
    arguments: [{ name: 'name', description: 'the config account to invite (its id must be the real one)' }],
    options: { profile: PROFILE_OPTION, format: RESULT_FORMAT_OPTION, config: CONFIG_OPTION },
    aws: 'management account: organizations:DescribeOrganization, ListRoots, ListAccounts, ListHandshakesForOrganization, InviteAccountToOrganization',
    examples: ['landfall accounts invite prod --profile acme-management'],
    async run({ args, options }, io) {
      const { model, dir } = loadModel(io, options.config);
      const account = model.platform.accounts.find((a) => a.name === args.name);
      if (!account)
        throw new UsageError(
          `"${args.name}" is not an account of the config (allowed: ${model.platform.accounts
            .filter((a) => a.role !== 'management')
            .map((a) => a.name)
            .join(', ')})`,
        );
      if (account.role === 'management')
        throw new UsageError(
          `"${account.name}" is the management account: it owns the organization and is never invited into it`,
        );
      refusePlaceholders(io, model, dir, `accounts invite ${account.name}`, [accountIdPath(model, account)]);
      const clients = deps.clients({
        region: model.platform.homeRegion,
        profile: options.profile,
        onRetry: sdkRetryNotice(io),
      });
      const retry = retryWithNotice(io, deps.retry);
      const organization = await managementPreflight(clients, retry, `landfall accounts invite ${account.name}`);
      const report = (state: 'member' | 'open' | 'invited', text: string, handshakeId?: string) => {
        if (options.format === 'json')
          io.out(
            JSON.stringify({
              account: account.name,
              accountId: account.id,
              organization: organization.id,
              state,
              handshakeId,
            }),
          );
        else io.out(text);
        return EXIT.ok;
      };

      const members = await collect(
        'organizations:ListAccounts',
        paginateListAccounts({ client: clients.organizations }, {}),
        (page) => page.Accounts,
      );
      if (members.some((m) => m.Id === account.id))
        return report(
          'member',
          `Account ${account.name} (${account.id}) is already a member of ${organization.id}: nothing to do.`,
        );

      const open = async () =>
        (
          await collect(
            'organizations:ListHandshakesForOrganization',
            paginateListHandshakesForOrganization(
              { client: clients.organizations },
              { Filter: { ActionType: 'INVITE' } },
            ),
            (page) => page.Handshakes,
          )
        ).find((h) => isOpenInvitation(h, account.id));
      const next = `next: \`npx landfall accounts accept\` with the credentials of account ${account.name} (${account.id})`;
      const waiting = await open();
      if (waiting)
        return report(
          'open',
          `Account ${account.name} (${account.id}) has an open invitation ${waiting.Id} from ${organization.id} (${waiting.State}, expires ${waiting.ExpirationTimestamp?.toISOString() ?? 'unknown'}): not sent again; ${next}.`,
          waiting.Id,
        );
      let handshake: Handshake | undefined;
      try {
        handshake = (
          await call(
            'organizations:InviteAccountToOrganization',
            () =>
              clients.organizations.send(
                new InviteAccountToOrganizationCommand({
                  Target: { Type: 'ACCOUNT', Id: account.id },
                  Notes: `landfall: join ${model.platform.organization.name} as account ${account.name}`,
                }),
              ),
            retry,
          )
        ).Handshake;
      } catch (err) {
        // Sent meanwhile (another run): DuplicateHandshakeException means an open one exists.
        if (!(err instanceof AwsCallError && err.code === 'DuplicateHandshakeException')) throw err;
        const found = await open();
        return report(
          'open',
          `Account ${account.name} (${account.id}) already has an open invitation: ${next}.`,
          found?.Id,
        );
      }
      return report(
        'invited',
        `Invited account ${account.name} (${account.id}) to ${organization.id}: handshake ${handshake?.Id ?? 'unknown'}; ${next}.`,
        handshake?.Id,
      );
    },
  });
}

export const accountsInviteCommand = makeAccountsInviteCommand();
