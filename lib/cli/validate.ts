import * as path from 'node:path';
import type { LandfallModel } from '../config';
import { ConfigError } from '../config';
import type { Problem } from '../config/problems';
import { loadPlatform } from '../plan/load';
import type { Placeholder } from '../plan/placeholders';
import { findPlaceholders, formatPlaceholders } from '../plan/placeholders';
import { defineCommand } from './command';
import { EXIT } from './errors';
import { CONFIG_OPTION, REPORT_FORMAT_OPTION } from './options';
import { platformFileOf } from './placeholder-guard';
import { table } from './table';

/** `landfall validate`: every config problem at once (exit 1), or a summary of what will be synthesized. */
export const validateCommand = defineCommand({
  name: ['validate'],
  summary: 'check the config and summarize the accounts, environments and services it defines',
  description:
    "Loads the config as `cdk synth` does (platform.ts, services/*.ts and discovered.json) and checks it: schema rules first, then cross-field rules. Prints every problem at once and exits 1, or a summary of the accounts, environments and services that will be synthesized. A valid config still exits 0 while it holds placeholders (example account IDs, addresses at example.com, example Slack and certificate IDs): they are listed on stderr, with the loader's notices, because the deploy commands refuse them.",
  options: { config: CONFIG_OPTION, format: REPORT_FORMAT_OPTION },
  examples: ['landfall validate', 'landfall validate --format json'],
  async run({ options }, io) {
    const dir = path.resolve(io.cwd, options.config);
    let model: LandfallModel;
    try {
      model = loadPlatform(dir);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      if (options.format === 'json') io.out(JSON.stringify({ valid: false, problems: err.problems }, null, 2));
      else
        io.err(
          `${err.message}\n\n${err.problems.length} problem${err.problems.length === 1 ? '' : 's'} found; nothing was synthesized.`,
        );
      return EXIT.problems;
    }
    const placeholders = findPlaceholders(model, platformFileOf(io, dir));
    const notices = model.notices ?? [];
    if (options.format === 'json') {
      io.out(JSON.stringify({ valid: true, ...summaryData(model), placeholders, notices }, null, 2));
      return EXIT.ok;
    }
    io.out(summaryText(model, path.relative(io.cwd, dir) || '.', options.format));
    const remarks = remarksText(placeholders, notices);
    if (remarks !== '') io.err(remarks);
    return EXIT.ok;
  },
});

/**
 * What a valid config still holds that a deploy cannot use (placeholders) and what the loader ignored (notices),
 * for stderr: `config/platform.ts has 2 placeholders:` and a line each, then the notices the same way.
 */
export function remarksText(placeholders: readonly Placeholder[], notices: readonly Problem[]): string {
  const parts: string[] = [];
  if (placeholders.length > 0) {
    const n = placeholders.length;
    parts.push(
      formatPlaceholders(placeholders),
      `${n} placeholder${n === 1 ? '' : 's'} left: the config is valid, but \`landfall deploy-target\`, \`accounts cdk-bootstrap\`, \`bootstrap --apply\` and \`redrive\` refuse a placeholder they need (\`landfall rollout\` says which step fills each).`,
    );
  }
  const byFile = new Map<string, Problem[]>();
  for (const p of notices) byFile.set(p.file, [...(byFile.get(p.file) ?? []), p]);
  for (const [file, list] of byFile) {
    parts.push(
      [
        `${file} has ${list.length} notice${list.length === 1 ? '' : 's'}:`,
        ...list.map((p) => `  * ${p.path === '' ? '' : `${p.path}: `}${p.message}`),
      ].join('\n'),
    );
  }
  return parts.join('\n');
}

function summaryData(model: LandfallModel) {
  return {
    organization: model.platform.organization.name,
    homeRegion: model.platform.homeRegion,
    accounts: model.platform.accounts.map((a) => ({ name: a.name, role: a.role, id: a.id })),
    environments: model.environments.map((e) => ({ name: e.name, tier: e.tier, account: e.account.name })),
    services: model.services.map((s) => ({ name: s.name, kind: s.kind })),
  };
}

export function summaryText(model: LandfallModel, dir: string, format: 'text' | 'md' = 'text'): string {
  const { platform } = model;
  const heading = (text: string) => (format === 'md' ? `### ${text}` : text);
  const accounts = table(
    platform.accounts,
    [
      { header: 'account', value: (a) => a.name },
      { header: 'role', value: (a) => a.role },
      { header: 'id', value: (a) => a.id },
      { header: 'email', value: (a) => a.email },
      { header: 'budget/month', value: (a) => `$${a.monthlyBudgetUsd}`, right: true },
    ],
    format,
  );
  const environments = table(
    model.environments,
    [
      { header: 'environment', value: (e) => e.name },
      { header: 'tier', value: (e) => e.tier },
      { header: 'account', value: (e) => `${e.account.name} (${e.account.id})` },
      { header: 'NAT', value: (e) => e.profile.natGateways, right: true },
      { header: 'tasks', value: (e) => `${e.profile.minTasks}-${e.profile.maxTasks}` },
      { header: 'log days', value: (e) => e.profile.logRetentionDays, right: true },
      { header: 'retain data', value: (e) => (e.profile.retainData ? 'yes' : 'no') },
    ],
    format,
  );
  const services = table(
    model.services,
    [
      { header: 'service', value: (s) => s.name },
      { header: 'kind', value: (s) => s.kind },
      { header: 'cpu', value: (s) => s.cpu, right: true },
      { header: 'memory MiB', value: (s) => s.memoryMiB, right: true },
      { header: 'sends to', value: (s) => (s.sendsTo ?? []).join(', ') || '-' },
    ],
    format,
  );
  return [
    `${dir}: valid. Organization ${platform.organization.name} (owner ${platform.organization.owner}), home region ${platform.homeRegion} (${platform.availabilityZones.join(', ')}), allowed regions ${platform.allowedRegions.join(', ')}.`,
    '',
    heading(`Accounts (${platform.accounts.length}):`),
    ...(format === 'md' ? [''] : []),
    accounts,
    '',
    heading(`Environments (${model.environments.length}):`),
    ...(format === 'md' ? [''] : []),
    environments,
    '',
    heading(`Services (${model.services.length}, deployed to every environment):`),
    ...(format === 'md' ? [''] : []),
    services,
  ].join('\n');
}
