import * as path from 'node:path';
import type { AccountConfig, LandfallModel } from '../config';
import type { Placeholder } from '../plan/placeholders';
import { findPlaceholders } from '../plan/placeholders';
import { CliError, EXIT } from './errors';
import type { CliIo } from './io';

/** How placeholders name the platform file of `--config DIR`: relative to the working directory. */
export function platformFileOf(io: CliIo, configDir: string): string {
  return path.relative(io.cwd, path.join(configDir, 'platform.ts')) || 'platform.ts';
}

/** The field path of an account's ID in platform.ts (`accounts[5].id`). */
export function accountIdPath(model: LandfallModel, account: AccountConfig): string {
  return `accounts[${model.platform.accounts.findIndex((a) => a.name === account.name)}].id`;
}

/**
 * Stop a command that acts on AWS (or tells a workflow where to deploy) while a field it depends on still holds a
 * placeholder: one line naming the field and the value (exit 4), the other placeholders counted, never a deploy
 * into account 666666666666. A value AWS has confirmed is not a placeholder, however it looks: an account ID
 * `landfall accounts sync` wrote to discovered.json, or one in `confirmed` (the caller's account, say).
 */
export function refusePlaceholders(
  io: CliIo,
  model: LandfallModel,
  configDir: string,
  command: string,
  fields: readonly string[],
  confirmed: readonly string[] = [],
): void {
  const file = platformFileOf(io, configDir);
  const discovered = new Set((model.discovered?.accounts ?? []).map((a) => a.id));
  const blocking: Placeholder[] = findPlaceholders(model, file).filter(
    (p) =>
      fields.includes(p.path) &&
      !confirmed.includes(p.value) &&
      !(/^accounts\[\d+\]\.id$/.test(p.path) && discovered.has(p.value)),
  );
  const [first] = blocking;
  if (first === undefined) return;
  const more = blocking.length - 1;
  throw new CliError(
    `${first.file} ${first.path}: ${first.message}; \`landfall ${command}\` needs it${more > 0 ? ` (and ${more} more placeholder${more === 1 ? '' : 's'} it needs)` : ''}`,
    EXIT.precondition,
    '`landfall validate` lists every placeholder; `landfall rollout` says which step fills each',
  );
}
