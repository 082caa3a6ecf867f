/**
 * `landfall init`: the answers, each checked with the schema the loader uses, and the `config/platform.ts` they
 * make. Pure: the command reads flags or prompts, this module validates and renders.
 */
import type { z } from 'zod';
import type { PlatformInput } from '../../config';
import { accountId, email, region } from '../../config/fields';
import { TIERS } from '../../config/profiles';
import type { Tier } from '../../config/profiles';
import { OrganizationSchema } from '../../config/schema/platform';
import { renderValue } from '../../config/problems';
import { UsageError } from '../errors';

/** What becomes of the account the team already runs: its production account, or a legacy account workloads leave. */
export const EXISTING_ACCOUNT_USES = ['production', 'legacy'] as const;
export type ExistingAccountUse = (typeof EXISTING_ACCOUNT_USES)[number];

/** The answers, as given (flags or prompts), before validation. */
export interface InitAnswers {
  readonly name: string;
  /** @default 'platform-team' */
  readonly owner?: string;
  /** One address per account, `NAME=ADDRESS` (`--email prod=aws-prod@acme.io`). @default from emailBase */
  readonly emails: readonly string[];
  /** A mailbox with plus-addressing: `ops@acme.io` gives `ops+management@acme.io`, `ops+prod@acme.io`, ... */
  readonly emailBase?: string;
  readonly homeRegion: string;
  /** Regions besides the home region (us-east-1 is added: the billing stack lives there). @default [] */
  readonly regions: readonly string[];
  /** Environment names; each is a tier (dev, stg, prod) or `NAME:TIER`. */
  readonly environments: readonly string[];
  /** @default the account is not adopted */
  readonly existingAccount?: string;
  readonly existingAccountId?: string;
  /** The existing account's root email (CloudFormation adopts an account only with its exact email). */
  readonly existingAccountEmail?: string;
  /** @default a placeholder that `landfall validate` lists */
  readonly managementAccountId?: string;
  /** @default `<name>/platform` */
  readonly githubRepository?: string;
}

/** Availability zones per region where `a`, `b`, `c` are not all offered to new accounts. */
const ZONES: Readonly<Record<string, readonly string[]>> = { 'ap-northeast-1': ['a', 'c', 'd'] };
/** The shared accounts every landfall organization has, with their role and a starting budget. */
const SHARED = [
  { name: 'management', role: 'management', monthlyBudgetUsd: 100 },
  { name: 'security', role: 'security', monthlyBudgetUsd: 150 },
  { name: 'log-archive', role: 'log-archive', monthlyBudgetUsd: 50 },
] as const;
const BUDGET: Readonly<Record<Tier, number>> = { dev: 300, stg: 400, prod: 1500 };
/** Placeholder account IDs (12 times one digit): `landfall validate` lists them, `accounts sync` fills them in. */
const placeholderId = (i: number) => String((i % 9) + 1).repeat(12);

/** One schema check of one answer: the flag, the value and the schema's own message, or the parsed value. */
function check<T>(schema: z.ZodType<T>, flag: string, value: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues[0]?.message ?? 'is not allowed';
  throw new UsageError(`${flag} ${renderValue(value)}: ${message}`);
}

/** The platform the answers describe; a `UsageError` naming the flag, the value and what is allowed otherwise. */
export function initPlatform(answers: InitAnswers): PlatformInput {
  const name = check(OrganizationSchema.shape.name, '--name', answers.name);
  const home = check(region, '--home-region', answers.homeRegion);
  const regions = [...new Set([home, ...answers.regions.map((r) => check(region, '--region', r)), 'us-east-1'])];
  const environments = answers.environments.map((e) => {
    const [envName, tier = envName] = e.split(':');
    if (!(TIERS as readonly string[]).includes(tier))
      throw new UsageError(
        `--environment ${renderValue(e)}: "${tier}" is not a tier (allowed: ${TIERS.join(', ')}; name another environment NAME:TIER)`,
      );
    return { name: envName, tier: tier as Tier };
  });
  if (environments.length === 0) throw new UsageError('--environment: needs at least one environment');

  const use = answers.existingAccount;
  if (use === 'management')
    throw new UsageError(
      '--existing-account "management": the account that runs production never becomes the management account (allowed: production, legacy)',
      'SCPs never apply to the management account, and every deploy role trusts it: keep workloads out of it (docs/getting-started.md)',
    );
  if (use !== undefined && !(EXISTING_ACCOUNT_USES as readonly string[]).includes(use))
    throw new UsageError(
      `--existing-account ${renderValue(use)}: is not allowed (allowed: ${EXISTING_ACCOUNT_USES.join(', ')})`,
    );
  const existingId =
    use === undefined ? undefined : check(accountId, '--existing-account-id', answers.existingAccountId ?? '');
  const managementId =
    answers.managementAccountId === undefined
      ? undefined
      : check(accountId, '--management-account-id', answers.managementAccountId);
  if (existingId !== undefined && existingId === managementId)
    throw new UsageError(
      `--management-account-id ${renderValue(managementId)}: is the existing account; the management account must be a new account (allowed: any other account ID)`,
    );
  const prodEnv = environments.find((e) => e.tier === 'prod');
  if (use === 'production' && prodEnv === undefined)
    throw new UsageError(
      '--existing-account "production": needs an environment of tier prod to run in it (add --environment prod)',
    );

  const accountNames = [
    ...SHARED.map((a) => a.name),
    ...environments.map((e) => e.name),
    ...(use === 'legacy' ? ['legacy'] : []),
  ];
  const emailOf = emailsFor(answers, accountNames);
  const existingName = use === 'production' ? prodEnv?.name : use === 'legacy' ? 'legacy' : undefined;
  const existingEmail =
    existingName === undefined
      ? undefined
      : check(email, '--existing-account-email', answers.existingAccountEmail ?? emailOf(existingName));

  const accounts = [
    ...SHARED.map((a) => ({ ...a })),
    ...environments.map((e) => ({ name: e.name, role: 'workload' as const, monthlyBudgetUsd: BUDGET[e.tier] })),
    ...(use === 'legacy' ? [{ name: 'legacy', role: 'workload' as const, monthlyBudgetUsd: 1500 }] : []),
  ].map(({ name: accountName, role, monthlyBudgetUsd }, i) => {
    if (accountName === existingName)
      return {
        name: accountName,
        role,
        id: existingId ?? '',
        email: existingEmail ?? '',
        monthlyBudgetUsd,
        invited: true,
        importPending: true,
      };
    const id = role === 'management' ? (managementId ?? placeholderId(0)) : placeholderId(i);
    return { name: accountName, role, id, email: emailOf(accountName), monthlyBudgetUsd };
  });

  const alerts = emailOf('alerts');
  const zoneLetters = ZONES[home] ?? ['a', 'b', 'c'];
  return {
    organization: { name, owner: answers.owner ?? 'platform-team', id: 'o-exampleorg1', rootId: 'r-exmp' },
    homeRegion: home,
    availabilityZones: zoneLetters.map((z) => `${home}${z}`),
    allowedRegions: regions,
    accounts,
    environments: environments.map((e) => ({ name: e.name, tier: e.tier, account: e.name })),
    notifications: { emails: [alerts] },
    cost: { emails: [alerts] },
    deploy: { githubRepository: answers.githubRepository ?? `${name}/platform` },
    identityCenter: {
      instanceArn: 'arn:aws:sso:::instance/ssoins-0000000000000000',
      identityStoreId: 'd-0000000000',
      groups: {
        'platform-admins': '00000000-0000-4000-8000-000000000001',
        developers: '00000000-0000-4000-8000-000000000002',
      },
      assignments: [
        { group: 'platform-admins', accounts: accounts.map((a) => a.name), permissionSets: ['PlatformAdmin'] },
        {
          group: 'developers',
          accounts: environments.map((e) => e.name),
          permissionSets: ['Developer'],
        },
      ],
    },
  };
}

/** Each account's address: `--email NAME=ADDRESS`, else `--email-base` with plus-addressing. */
function emailsFor(answers: InitAnswers, names: readonly string[]): (name: string) => string {
  const given = new Map<string, string>();
  for (const pair of answers.emails) {
    const at = pair.indexOf('=');
    const key = pair.slice(0, at);
    if (at < 0 || !names.includes(key) || key === '')
      throw new UsageError(
        `--email ${renderValue(pair)}: is not NAME=ADDRESS with NAME an account (allowed: ${names.join(', ')})`,
      );
    given.set(key, check(email, `--email ${key}=`, pair.slice(at + 1)));
  }
  const base = answers.emailBase === undefined ? undefined : check(email, '--email-base', answers.emailBase);
  return (name) => {
    const address = given.get(name);
    if (address !== undefined) return address;
    if (base === undefined) {
      if (name === 'alerts') return given.get('management') ?? '';
      throw new UsageError(
        `--email-base: needed for account ${name} (give --email-base ADDRESS for plus-addressing, or --email ${name}=ADDRESS)`,
      );
    }
    const at = base.lastIndexOf('@');
    return `${base.slice(0, at)}+${name}${base.slice(at)}`;
  };
}

/** `config/platform.ts` for the platform: TypeScript the loader reads, formatted as prettier would. */
export function renderPlatform(platform: PlatformInput, libImport = '../lib/config'): string {
  return [
    `import { definePlatform } from '${libImport}';`,
    '',
    '/**',
    ' * Written by `npx landfall init`. Placeholders (account IDs of 12 equal digits, the organization and Identity',
    ' * Center IDs) are listed by `npx landfall validate`; `npx landfall rollout` says which step fills each.',
    ' */',
    `export default definePlatform(${literal(platform, '')});`,
    '',
  ].join('\n');
}

/** A JavaScript literal: identifier keys bare, strings in single quotes, one key per line. */
function literal(value: unknown, indent: string): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v !== 'object')) return `[${value.map((v) => literal(v, inner)).join(', ')}]`;
    return `[\n${value.map((v) => `${inner}${literal(v, inner)},`).join('\n')}\n${indent}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`);
    return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${literal(v, inner)},`).join('\n')}\n${indent}}`;
  }
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return String(value);
}
