import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AccountConfig, LandfallModel } from '../../config';
import {
  bootstrapPolicyFlags,
  cdkExecutionPolicy,
  cdkPermissionsBoundary,
  createPolicyCommands,
} from '../../plan/cdk-execution';
import { BILLING_REGION } from '../../plan/regions';
import { partitionOf } from '../../plan/rollout/commands';
import { nextStepsHint, ORGANIZATION_DEPLOY_STEP, rolloutPlan, STEP } from '../../plan/rollout';
import { defineCommand, value } from '../command';
import { loadModel } from '../config-option';
import { accountIdPath, refusePlaceholders } from '../placeholder-guard';
import { EXIT, UsageError } from '../errors';
import { CONFIG_OPTION, JSON_ALIAS_OPTION, RESULT_FORMAT_OPTION } from '../options';

export interface BootstrapTarget {
  readonly account: AccountConfig;
  readonly region: string;
  /** The shell command, ready to copy. */
  readonly command: string;
  /** Accounts whose principals may deploy here (`--trust`). */
  readonly trusts: readonly string[];
}

export interface CdkBootstrapOptions {
  /** Name of the config account that deploys into the others (`--trust`). @default the management account */
  readonly trustAccount?: string;
  /** Profile name of each account; `{name}` and `{id}` are replaced. @default '{name}' */
  readonly profileFormat?: string;
}

/**
 * Regions an account deploys to: the home region, every other allowed region (each account has a
 * RegionalBaseline there, the security account a GuardDuty stack), and us-east-1 for the management account's
 * Organization and Billing stacks.
 */
export function bootstrapRegions(model: LandfallModel, account: AccountConfig): string[] {
  const regions = [model.platform.homeRegion, ...model.platform.allowedRegions];
  if (account.role === 'management') regions.push(BILLING_REGION);
  return [...new Set(regions)];
}

/**
 * The exact `cdk bootstrap` command for every account and region: the platform's qualifier, the execution
 * policy, termination protection, and trust of the deploying account (every account but that one itself).
 */
export function cdkBootstrapTargets(model: LandfallModel, options: CdkBootstrapOptions = {}): BootstrapTarget[] {
  const accounts = model.platform.accounts;
  const trusted =
    options.trustAccount === undefined
      ? model.accounts.management
      : accounts.find((a) => a.name === options.trustAccount);
  if (!trusted) {
    throw new UsageError(
      `--trust ${options.trustAccount}: no such account (allowed: ${accounts.map((a) => a.name).join(', ')})`,
    );
  }
  const format = options.profileFormat ?? '{name}';
  return accounts.flatMap((account) =>
    bootstrapRegions(model, account).map((region) => {
      const trusts = account.id === trusted.id ? [] : [trusted.id];
      const profile = format.replace(/\{name\}/g, account.name).replace(/\{id\}/g, account.id);
      const command = [
        `npx cdk bootstrap aws://${account.id}/${region}`,
        `--profile ${profile}`,
        `--qualifier ${model.platform.deploy.cdkQualifier}`,
        ...trusts.map((id) => `--trust ${id}`),
        ...bootstrapPolicyFlags(account.id, model.platform.deploy.cdkQualifier, partitionOf(region)),
        '--termination-protection',
      ].join(' ');
      return { account, region, command, trusts };
    }),
  );
}

/**
 * Whether the account's ID comes from the organization: always true without `discovered.json` (the IDs in
 * `platform.ts` are taken as real); with it, only for the accounts the sync found.
 */
export function isSynced(model: LandfallModel, account: AccountConfig): boolean {
  if (!model.discovered) return true;
  return model.discovered.accounts.some((d) => d.email.toLowerCase() === account.email.toLowerCase());
}

/** The commands as text: one comment line per account, then its command (or why there is none yet). */
export function cdkBootstrapText(model: LandfallModel, targets: readonly BootstrapTarget[]): string {
  const notYet = nextStepsHint(rolloutPlan(model), [ORGANIZATION_DEPLOY_STEP, STEP.syncMembers]);
  const q = model.platform.deploy.cdkQualifier;
  const lines = [
    `# cdk bootstrap for every account and region (qualifier ${q}); run each with that account's credentials.`,
    `# The execution role gets ${cdkExecutionPolicy(q).name} and the permissions boundary ${cdkPermissionsBoundary(q).name}, not AdministratorAccess:`,
    `# create both in each account first (documents: landfall accounts cdk-bootstrap --write-policies .).`,
  ];
  const created = new Set<string>();
  for (const t of targets) {
    if (!isSynced(model, t.account)) {
      lines.push(`# ${t.account.name} in ${t.region}: not in the organization yet: next ${notYet}`);
      continue;
    }
    if (!created.has(t.account.id)) {
      created.add(t.account.id);
      const profile = /--profile (\S+)/.exec(t.command)?.[1] ?? t.account.name;
      lines.push(`# ${t.account.name}: the execution policy and boundary (once per account; IAM is global)`);
      lines.push(...createPolicyCommands(q, profile));
    }
    lines.push(
      `# ${t.account.name} (${t.account.role}, ${t.account.id}) in ${t.region}${t.trusts.length > 0 ? `, trusting ${t.trusts.join(', ')}` : ''}`,
    );
    lines.push(t.command);
  }
  return lines.join('\n');
}

/** `landfall accounts cdk-bootstrap`: print the commands (no AWS calls; the IDs come from config and discovered.json). */
export const cdkBootstrapCommand = defineCommand({
  name: ['accounts', 'cdk-bootstrap'],
  summary: 'print the exact `cdk bootstrap` command for every account and region, trusting the deploying account',
  description:
    "Prints one `npx cdk bootstrap` command per account and region (the home region and every other allowed region; the management account also us-east-1 for its Billing stack) with the platform's qualifier, landfall's least-privilege execution policy and permissions boundary (each account's `aws iam create-policy` commands first; `--write-policies DIR` writes their documents) and termination protection, trusting the deploying account in every other account. Run each with that account's credentials. Accounts `accounts sync` has not found yet get a comment instead of a command.",
  options: {
    trust: value({
      placeholder: 'ACCOUNT',
      description: 'the config account that deploys into the others (default: the management account)',
    }),
    profileFormat: value({
      placeholder: 'FORMAT',
      description: "each account's profile name; {name} and {id} are replaced (default: {name})",
    }),
    writePolicies: value({
      placeholder: 'DIR',
      description: 'also write the execution policy and permissions boundary documents the commands read into DIR',
    }),
    format: RESULT_FORMAT_OPTION,
    json: JSON_ALIAS_OPTION,
    config: CONFIG_OPTION,
  },
  examples: ["landfall accounts cdk-bootstrap --profile-format 'acme-{name}'"],
  async run({ options }, io) {
    const { model, dir } = loadModel(io, options.config);
    const trusted = model.platform.accounts.find((a) => a.name === (options.trust ?? model.accounts.management.name));
    if (trusted) refusePlaceholders(io, model, dir, 'accounts cdk-bootstrap', [accountIdPath(model, trusted)]);
    const targets = cdkBootstrapTargets(model, { trustAccount: options.trust, profileFormat: options.profileFormat });
    if (options.writePolicies !== undefined) {
      const q = model.platform.deploy.cdkQualifier;
      const dir = path.resolve(io.cwd, options.writePolicies);
      fs.mkdirSync(dir, { recursive: true });
      for (const p of [cdkExecutionPolicy(q), cdkPermissionsBoundary(q)]) {
        fs.writeFileSync(path.join(dir, `${p.name}.json`), `${JSON.stringify(p.document, null, 2)}\n`);
      }
    }
    if (options.format === 'json') {
      const rows = targets.map((t) => ({
        account: t.account.name,
        accountId: t.account.id,
        region: t.region,
        trusts: t.trusts,
        synced: isSynced(model, t.account),
        command: t.command,
      }));
      io.out(JSON.stringify(rows, null, 2));
    } else {
      io.out(cdkBootstrapText(model, targets));
    }
    return EXIT.ok;
  },
});
