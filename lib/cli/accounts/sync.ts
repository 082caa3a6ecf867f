import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DiscoveredAccount, DiscoveredConfig, LandfallModel } from '../../config';
import { DISCOVERED_FILE } from '../../naming';
import { ORGANIZATION_DEPLOY_STEP, rolloutPlan, stepHint } from '../../plan/rollout';
import { AwsCallError, retryWithNotice, sdkRetryNotice } from '../aws/call';
import { configuredGroupNames, discoverIdentityCenter } from '../aws/identity-center';
import type { IdentityCenterDiscovery } from '../aws/identity-center';
import { accountByEmail, listOrganizationAccounts, managementPreflight } from '../aws/organization';
import type { OrganizationAccount, OrganizationState } from '../aws/organization';
import type { Command } from '../command';
import { defineCommand, flag } from '../command';
import { loadModel } from '../config-option';
import type { CommandDeps } from '../deps';
import { withDeps } from '../deps';
import { CliError, EXIT } from '../errors';
import { CONFIG_OPTION, JSON_ALIAS_OPTION, PROFILE_OPTION, RESULT_FORMAT_OPTION } from '../options';
import { textTable } from '../table';
import { cdkBootstrapTargets, cdkBootstrapText, isSynced } from './cdk-bootstrap';
import { renderDiscovered, writeFileAtomic } from './discovered-file';
import type { WriteOps } from './discovered-file';

/** How the organization and the config line up. */
export interface SyncResult {
  readonly discovered: DiscoveredConfig;
  /** Config accounts found in the organization, in config order. */
  readonly matched: ReadonlyArray<{
    readonly configName: string;
    readonly configId: string;
    readonly account: OrganizationAccount;
  }>;
  /** Config accounts whose email matches no account. */
  readonly notInOrganization: ReadonlyArray<{ readonly name: string; readonly email: string }>;
  /** Organization accounts no config account names. */
  readonly notInConfig: readonly OrganizationAccount[];
  /** Organization accounts that are not active (suspended, closing, closed). */
  readonly inactive: readonly OrganizationAccount[];
  /** The problems that make the sync exit 1, as exact one-line messages. */
  readonly problems: readonly string[];
}

/** Match config accounts to organization accounts by email and build the discovered file's content. Pure. */
export function reconcile(
  model: LandfallModel,
  organization: OrganizationState,
  accounts: readonly OrganizationAccount[],
  identityCenter: IdentityCenterDiscovery,
): SyncResult {
  const matched: Array<SyncResult['matched'][number]> = [];
  const notInOrganization: Array<{ name: string; email: string }> = [];
  const problems: string[] = [];
  for (const configured of model.platform.accounts) {
    const account = accountByEmail(accounts, configured.email);
    if (!account) {
      notInOrganization.push({ name: configured.name, email: configured.email });
      problems.push(
        `config account "${configured.name}" (${configured.email}) matches no account of organization ${organization.id} by email`,
      );
      continue;
    }
    matched.push({ configName: configured.name, configId: configured.id, account });
    if (account.state !== 'ACTIVE')
      problems.push(
        `config account "${configured.name}" (${account.id}) is ${account.state} in organization ${organization.id}`,
      );
  }
  const matchedIds = new Set(matched.map((m) => m.account.id));
  const discoveredAccounts: DiscoveredAccount[] = matched.map((m) => ({
    name: m.configName,
    email: m.account.email,
    id: m.account.id,
    state: m.account.state,
    parent: m.account.parent,
  }));
  const discovered: DiscoveredConfig = {
    organization: {
      id: organization.id,
      rootId: organization.rootId,
      managementAccountId: organization.managementAccountId,
    },
    accounts: discoveredAccounts,
    ...(identityCenter.found
      ? {
          identityCenter: {
            instanceArn: identityCenter.instanceArn,
            identityStoreId: identityCenter.identityStoreId,
            groups: { ...identityCenter.groups },
          },
        }
      : {}),
  };
  return {
    discovered,
    matched,
    notInOrganization,
    notInConfig: accounts.filter((a) => !matchedIds.has(a.id)),
    inactive: accounts.filter((a) => a.state !== 'ACTIVE'),
    problems,
  };
}

/**
 * `landfall accounts sync`: read the organization (accounts and their parents) and Identity Center, match the
 * config accounts by email, and write their IDs and the Identity Center IDs to `config/discovered.json`
 * atomically. Reads only: it never creates, moves or closes an account.
 */
export function makeAccountsSyncCommand(overrides: Partial<CommandDeps> & { writeOps?: WriteOps } = {}): Command {
  const deps = withDeps(overrides);
  return defineCommand({
    name: ['accounts', 'sync'],
    summary:
      'read the organization and Identity Center; write account and Identity Center IDs to config/discovered.json',
    description:
      'With management-account credentials: reads the accounts of the organization (and their parents) and the Identity Center instance and groups, matches the config accounts by email (case-insensitively), and writes their IDs and the Identity Center IDs to config/discovered.json atomically; an unchanged organization leaves the file byte-identical. Exits 1 when a config account is missing from the organization or not active. Reads only: never creates, moves or closes an account. Prints the `cdk bootstrap` commands with the IDs found.',
    options: {
      profile: PROFILE_OPTION,
      dryRun: flag({ description: 'show what would be written; write nothing' }),
      format: RESULT_FORMAT_OPTION,
      json: JSON_ALIAS_OPTION,
      config: CONFIG_OPTION,
    },
    aws: 'management account, reads only: sts:GetCallerIdentity, organizations:Describe*/List*, sso:ListInstances, identitystore:GetGroupId/ListGroups',
    examples: ['landfall accounts sync --dry-run', 'landfall accounts sync --profile acme-management'],
    async run({ options }, io) {
      const { model, dir } = loadModel(io, options.config, { discovered: false });
      const region = model.platform.homeRegion;
      const clients = deps.clients({ region, profile: options.profile, onRetry: sdkRetryNotice(io) });
      const retry = retryWithNotice(io, deps.retry);

      const organization = await managementPreflight(clients, retry, 'landfall accounts sync');
      const accounts = await listOrganizationAccounts(clients, retry);
      let identityCenter: IdentityCenterDiscovery;
      try {
        identityCenter = await discoverIdentityCenter(clients, retry, {
          managementAccountId: organization.managementAccountId,
          region,
          groupNames: configuredGroupNames(model),
        });
      } catch (err) {
        if (!(err instanceof AwsCallError)) throw err;
        identityCenter = { found: false, reason: `could not read Identity Center: ${err.message}` };
      }
      const result = reconcile(model, organization, accounts, identityCenter);

      const file = path.join(dir, DISCOVERED_FILE);
      const shown = path.relative(io.cwd, file) || file;
      const content = renderDiscovered(result.discovered);
      const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
      const change = previous === undefined ? 'created' : previous === content ? 'unchanged' : 'updated';
      if (!options.dryRun && change !== 'unchanged') writeFileAtomic(file, content, overrides.writeOps);

      // The commands use the IDs just found: the config as the app will read it from now on.
      const synced = options.dryRun ? undefined : loadModel(io, options.config).model;
      const bootstrap = synced ? cdkBootstrapTargets(synced) : [];

      if (options.format === 'json') {
        io.out(
          JSON.stringify(
            {
              file: shown,
              change,
              dryRun: options.dryRun,
              ...jsonReport(result, identityCenter),
              cdkBootstrap: bootstrap.filter((t) => synced && isSynced(synced, t.account)).map((t) => t.command),
            },
            null,
            2,
          ),
        );
        return result.problems.length > 0 ? EXIT.problems : EXIT.ok;
      }
      io.out(textReport(result, organization, identityCenter));
      const verb = options.dryRun
        ? `would be ${change === 'unchanged' ? 'unchanged' : change}`
        : change === 'unchanged'
          ? 'is unchanged'
          : `${change}`;
      io.out(
        `\n${shown} ${verb}: ${result.matched.length} account ID${result.matched.length === 1 ? '' : 's'}${identityCenter.found ? ', Identity Center IDs' : ''}.`,
      );
      if (synced) io.out(`\n${cdkBootstrapText(synced, bootstrap)}`);
      if (result.problems.length > 0) {
        throw new CliError(
          result.problems.join('; '),
          EXIT.problems,
          result.notInOrganization.length > 0
            ? `create missing accounts: ${stepHint(rolloutPlan(model), ORGANIZATION_DEPLOY_STEP)}, or correct their email in config/platform.ts; the IDs of the accounts found were written`
            : 'an account that is not ACTIVE cannot be deployed to: reopen it or remove it from the config',
        );
      }
      return EXIT.ok;
    },
  });
}

function jsonReport(result: SyncResult, identityCenter: IdentityCenterDiscovery) {
  const brief = (a: OrganizationAccount) => ({
    id: a.id,
    name: a.name,
    email: a.email,
    state: a.state,
    parent: a.parent,
  });
  return {
    accounts: result.discovered.accounts,
    notInOrganization: result.notInOrganization,
    notInConfig: result.notInConfig.map(brief),
    inactive: result.inactive.map(brief),
    identityCenter,
    problems: result.problems,
  };
}

function textReport(
  result: SyncResult,
  organization: OrganizationState,
  identityCenter: IdentityCenterDiscovery,
): string {
  const parts = [
    `Organization ${organization.id} (management account ${organization.managementAccountId}): ${result.matched.length + result.notInConfig.length} accounts.`,
    '',
    textTable(result.matched, [
      { header: 'config account', value: (m) => m.configName },
      { header: 'email', value: (m) => m.account.email },
      { header: 'id', value: (m) => m.account.id },
      { header: 'state', value: (m) => m.account.state },
      { header: 'parent', value: (m) => `${m.account.parent.name} (${m.account.parent.id})` },
      { header: 'platform.ts id', value: (m) => (m.configId === m.account.id ? '=' : `${m.configId} (overridden)`) },
    ]),
  ];
  if (result.notInOrganization.length > 0) {
    parts.push(
      '',
      'Config accounts not in the organization:',
      ...result.notInOrganization.map((a) => `  ${a.name} (${a.email})`),
    );
  }
  if (result.notInConfig.length > 0) {
    parts.push(
      '',
      'Accounts in the organization but not in the config (left alone):',
      ...result.notInConfig.map((a) => `  ${a.id} ${a.name} (${a.email}), ${a.state}, in ${a.parent.name}`),
    );
  }
  if (result.inactive.length > 0) {
    parts.push(
      '',
      'Accounts that are not active (suspended or closing):',
      ...result.inactive.map((a) => `  ${a.id} ${a.name} (${a.email}): ${a.state}`),
    );
  }
  parts.push(
    '',
    identityCenter.found
      ? `Identity Center: ${identityCenter.instanceArn}, identity store ${identityCenter.identityStoreId}, groups: ${Object.keys(identityCenter.groups).join(', ') || 'none'}${identityCenter.missingGroups.length > 0 ? `; not found: ${identityCenter.missingGroups.join(', ')}` : ''}.`
      : `Identity Center: ${identityCenter.reason}.`,
  );
  return parts.join('\n');
}

export const accountsSyncCommand = makeAccountsSyncCommand();
