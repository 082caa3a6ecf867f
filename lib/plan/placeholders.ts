/**
 * Values the config still holds from the shipped example: account IDs such as 111111111111, addresses at the
 * domains RFC 2606 reserves for examples, zero certificate and group IDs, example Slack, organization and Identity
 * Center IDs. A deploy with them fails or, worse, sends mail nowhere; `landfall rollout` lists them first.
 */
import type { LandfallModel } from '../config';
import type { Problem } from '../config/problems';
import { renderValue } from '../config/problems';
import { accountRegions } from './rollout/inventory';
import { STACKS, stackName, STAGES } from '../naming';
import { cdkBootstrapStepId, deployStepId, environmentDeployStepId, inputsStepId, STEP } from './rollout/ids';

/** A field that still holds an example value, in the config's problem format. */
export interface Placeholder extends Problem {
  /** The example value. */
  readonly value: string;
  /** What to put there instead. */
  readonly fill: string;
  /** The rollout step that fills it: one of the `fill-*` steps (you), or the landfall command that writes it. */
  readonly filledBy: string;
  /** Steps that cannot run while it remains, besides those that need `filledBy`. */
  readonly before: readonly string[];
}

/** RFC 2606: second-level domains and top-level domains reserved for documentation and tests. */
const RESERVED_DOMAINS = ['example.com', 'example.net', 'example.org'];
const RESERVED_TLDS = ['example', 'test', 'invalid', 'localhost'];
/** Account IDs AWS documentation uses as examples. */
const DOCUMENTATION_ACCOUNT_IDS = new Set(['123456789012', '111122223333', '444455556666', '777788889999']);
/** UUIDs documentation uses: the ACM example and the one this project's error messages show. */
const DOCUMENTATION_UUIDS = new Set(['12345678-1234-1234-1234-123456789012', '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d']);

/** 12 times the same digit (the shipped example) or an account ID of the AWS documentation. */
export function isExampleAccountId(id: string): boolean {
  return /^(\d)\1{11}$/.test(id) || DOCUMENTATION_ACCOUNT_IDS.has(id);
}

/** A DNS name at or under a domain RFC 2606 reserves (example.com, .test, ...). */
export function isReservedDomain(name: string): boolean {
  const lower = name.toLowerCase().replace(/\.$/, '');
  const tld = lower.split('.').pop() ?? '';
  return RESERVED_TLDS.includes(tld) || RESERVED_DOMAINS.some((d) => lower === d || lower.endsWith(`.${d}`));
}

/** An address whose domain RFC 2606 reserves: mail to it goes nowhere. */
export function isReservedEmail(email: string): boolean {
  return isReservedDomain(email.slice(email.lastIndexOf('@') + 1));
}

/**
 * A UUID that is mostly zeros (`00000000-0000-4000-8000-000000000555`: 27 of 32 digits; a random one has about
 * 2) or one of documentation's.
 */
export function isExampleUuid(id: string): boolean {
  const hex = id.toLowerCase().replace(/^[0-9a-f]{10}-(?=[0-9a-f]{8}-)/, '');
  if (DOCUMENTATION_UUIDS.has(hex)) return true;
  const digits = hex.replace(/-/g, '');
  return digits.length === 32 && [...digits].filter((c) => c === '0').length >= 24;
}

/** Slack IDs of the example: a run of 12345 after the type letter (`T0123456789`, `C0PAGE12345`). */
export function isExampleSlackId(id: string): boolean {
  return id.slice(1).includes('12345');
}

/** Organization, root and Identity Center IDs of the example: `o-exampleorg1`, `r-exmp`, all zeros. */
export function isExampleAwsId(id: string): boolean {
  const suffix = id.replace(/^(arn:aws[a-z-]*:sso:::instance\/)?(o|r|d|ssoins|ins)-/, '');
  return /example|exmp/.test(suffix) || /^0+$/.test(suffix);
}

const RFC2606 = 'a domain RFC 2606 reserves for examples';
const SYNC = '`npx landfall accounts sync`';

/**
 * Every placeholder of the model, the management account's ID and email first, then in config order. Pure: the
 * model is the config with `discovered.json` merged, so an ID the sync has written is real.
 */
export function findPlaceholders(model: LandfallModel, file = 'config/platform.ts'): Placeholder[] {
  const { platform } = model;
  const out: Placeholder[] = [];
  const add = (
    path: string,
    value: string,
    why: string,
    fill: string,
    filledBy: string,
    before: readonly string[] = [],
  ) => {
    out.push({
      file,
      path,
      value,
      message: `${renderValue(value)} is a placeholder (${why}): ${fill}`,
      fill,
      filledBy,
      before,
    });
  };
  const emails = (path: string, list: readonly string[] | undefined, fill: string) =>
    (list ?? []).forEach((e, i) => {
      if (isReservedEmail(e)) add(`${path}[${i}]`, e, RFC2606, fill, STEP.fillConfig);
    });
  const slackChannel = (path: string, id: string | undefined) => {
    if (id !== undefined && isExampleSlackId(id))
      add(
        path,
        id,
        'an example Slack ID',
        "put the Slack channel's ID here (at the bottom of the channel details)",
        STEP.fillConfig,
      );
  };

  const managementIndex = platform.accounts.findIndex((a) => a.role === 'management');
  const management = platform.accounts[managementIndex];
  if (management !== undefined) {
    if (isExampleAccountId(management.id))
      add(
        `accounts[${managementIndex}].id`,
        management.id,
        'an example account ID',
        "put the management account's real ID here (`aws sts get-caller-identity` with its credentials)",
        STEP.fillManagementAccount,
      );
    if (isReservedEmail(management.email))
      add(
        `accounts[${managementIndex}].email`,
        management.email,
        RFC2606,
        "put the management account's root email here",
        STEP.fillManagementAccount,
      );
  }

  platform.accounts.forEach((account, i) => {
    if (i === managementIndex) return;
    if (isExampleAccountId(account.id))
      add(
        `accounts[${i}].id`,
        account.id,
        'an example account ID',
        `${SYNC} fills it in once the account exists in the organization`,
        STEP.syncMembers,
        accountRegions(model, account).map((r) => cdkBootstrapStepId(account.name, r)),
      );
    if (isReservedEmail(account.email))
      add(
        `accounts[${i}].email`,
        account.email,
        RFC2606,
        `put a real address for the root user of account ${account.name} here (one address per account, never used by another AWS account)`,
        STEP.fillConfig,
      );
  });

  const { organization } = platform;
  if (isExampleAwsId(organization.id))
    add('organization.id', organization.id, 'an example organization ID', `${SYNC} fills it in`, STEP.syncOrganization);
  if (isExampleAwsId(organization.rootId))
    add('organization.rootId', organization.rootId, 'an example root ID', `${SYNC} fills it in`, STEP.syncOrganization);

  const ic = platform.identityCenter;
  const icBefore = [deployStepId(stackName(STAGES.org, STACKS.identityCenter))];
  const icFill = `${SYNC} fills it in once IAM Identity Center is enabled`;
  if (isExampleAwsId(ic.instanceArn))
    add('identityCenter.instanceArn', ic.instanceArn, 'an example instance ARN', icFill, STEP.syncMembers, icBefore);
  if (isExampleAwsId(ic.identityStoreId))
    add('identityCenter.identityStoreId', ic.identityStoreId, 'an example ID', icFill, STEP.syncMembers, icBefore);
  for (const [group, id] of Object.entries(ic.groups)) {
    if (isExampleUuid(id))
      add(
        `identityCenter.groups.${group}`,
        id,
        'an example group ID',
        `${SYNC} fills it in once the group "${group}" exists in Identity Center`,
        STEP.syncMembers,
        icBefore,
      );
  }

  const { notifications, cost } = platform;
  emails(
    'notifications.emails',
    notifications.emails,
    'put the address that receives alarms and security findings here',
  );
  emails('notifications.page.emails', notifications.page?.emails, 'put the address that receives pages here');
  slackChannel('notifications.page.slackChannelId', notifications.page?.slackChannelId);
  emails('notifications.ticket.emails', notifications.ticket?.emails, 'put the address that receives tickets here');
  slackChannel('notifications.ticket.slackChannelId', notifications.ticket?.slackChannelId);
  if (notifications.slackWorkspaceId !== undefined && isExampleSlackId(notifications.slackWorkspaceId))
    add(
      'notifications.slackWorkspaceId',
      notifications.slackWorkspaceId,
      'an example Slack ID',
      'authorize your Slack workspace in AWS Chatbot (console in us-east-2) and put the workspace ID it shows here',
      STEP.fillConfig,
    );
  emails('cost.emails', cost.emails, 'put the address that receives budget and billing alerts here');
  slackChannel('cost.slackChannelId', cost.slackChannelId);

  platform.environments.forEach((env, i) => {
    const domain = env.domain;
    if (domain === undefined) return;
    if (isReservedDomain(domain.name))
      add(
        `environments[${i}].domain.name`,
        domain.name,
        RFC2606,
        `put the domain of environment ${env.name} here`,
        STEP.fillConfig,
      );
    if (isExampleUuid(domain.certificateId))
      add(
        `environments[${i}].domain.certificateId`,
        domain.certificateId,
        'an example certificate ID',
        `put the ID of the issued ACM certificate for ${domain.name} in account ${env.account} (${platform.homeRegion}) here`,
        inputsStepId(env.name),
        [environmentDeployStepId(env.name)],
      );
  });
  return out;
}

/** The placeholders as the config's problems are reported: `config/platform.ts has 2 placeholders:` and a line each. */
export function formatPlaceholders(placeholders: readonly Placeholder[]): string {
  const byFile = new Map<string, Placeholder[]>();
  for (const p of placeholders) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  return [...byFile]
    .map(([file, list]) =>
      [
        `${file} has ${list.length} placeholder${list.length === 1 ? '' : 's'}:`,
        ...list.map((p) => `  * ${p.path}: ${p.message}`),
      ].join('\n'),
    )
    .join('\n');
}
