import { parseCommandArgs } from '../args';
import { AwsCallError, retryWithNotice } from '../aws/call';
import { configuredGroupNames, discoverIdentityCenter } from '../aws/identity-center';
import type { IdentityCenterDiscovery } from '../aws/identity-center';
import { listOrganizationAccounts, managementPreflight } from '../aws/organization';
import type { Command } from '../command';
import { CONFIG_OPTION, loadModel } from '../config-option';
import type { CommandDeps } from '../deps';
import { withDeps } from '../deps';
import { EXIT } from '../errors';
import { textTable } from '../table';
import { applySteps, planSteps } from './engine';
import type { AppliedStep, PlannedStep } from './engine';
import { bootstrapSteps } from './steps';

const USAGE = 'landfall bootstrap [--apply] [--profile NAME] [--json] [--config DIR]';

/**
 * `landfall bootstrap`: prepare the organization for landfall with management-account credentials. Prints the
 * plan (done / to do / blocked and why); `--apply` runs the to-do steps. Every run derives the state from AWS.
 */
export function makeBootstrapCommand(overrides: Partial<CommandDeps> = {}): Command {
  const deps = withDeps(overrides);
  return {
    name: ['bootstrap'],
    summary:
      'check and prepare the organization: trusted access, SCPs, delegated administrators, Identity Center (--apply)',
    usage: USAGE,
    async run(args, io) {
      const { values } = parseCommandArgs(
        args,
        { ...CONFIG_OPTION, apply: { type: 'boolean' }, profile: { type: 'string' }, json: { type: 'boolean' } },
        USAGE,
      );
      const { model } = loadModel(io, values.config);
      const region = model.platform.homeRegion;
      const clients = deps.clients({ region, profile: values.profile });
      const retry = retryWithNotice(io, deps.retry);

      const organization = await managementPreflight(clients, retry, 'landfall bootstrap');
      const accounts = await listOrganizationAccounts(clients, retry);
      const identityCenter = await discoverSafely(() =>
        discoverIdentityCenter(clients, retry, {
          managementAccountId: organization.managementAccountId,
          region,
          groupNames: configuredGroupNames(model),
        }),
      );
      const planned = await planSteps(
        bootstrapSteps({ clients, retry, model, organization, accounts, region, identityCenter }),
      );

      const header = `Organization ${organization.id}: management account ${organization.managementAccountId}, all features, caller ${organization.callerArn}, region ${region}.`;
      if (!values.json) io.out(`${header}\n\n${planTable(planned)}\n`);

      const todo = planned.filter((p) => p.state === 'to do').length;
      const blocked = planned.filter((p) => p.state === 'blocked').length;
      let applied: AppliedStep[] = [];
      if (values.apply && todo > 0) {
        if (!values.json) io.out(`Applying ${todo} step${todo === 1 ? '' : 's'}:`);
        applied = await applySteps(planned, (a, i, n) => {
          if (!values.json)
            io.out(`  [${i + 1}/${n}] ${a.outcome === 'changed' ? 'applied' : 'already done'}: ${a.step.title}`);
        });
      }
      const changed = applied.filter((a) => a.outcome === 'changed').length;

      if (values.json) {
        const appliedIds = new Set(applied.map((a) => a.step.id));
        io.out(
          JSON.stringify(
            {
              organization: {
                id: organization.id,
                managementAccountId: organization.managementAccountId,
                rootId: organization.rootId,
              },
              caller: organization.callerArn,
              region,
              steps: planned.map((p) => ({
                id: p.step.id,
                title: p.step.title,
                state: appliedIds.has(p.step.id) ? 'done' : p.state,
                planned: p.state,
                detail: p.detail,
                applied: appliedIds.has(p.step.id),
              })),
              changed,
              identityCenter,
            },
            null,
            2,
          ),
        );
      } else {
        io.out(summary({ planned: planned.length, todo, blocked, changed, apply: Boolean(values.apply) }));
      }
      return blocked > 0 ? EXIT.problems : EXIT.ok;
    },
  };
}

async function discoverSafely(discover: () => Promise<IdentityCenterDiscovery>): Promise<IdentityCenterDiscovery> {
  try {
    return await discover();
  } catch (err) {
    if (!(err instanceof AwsCallError)) throw err;
    return { found: false, reason: `could not read Identity Center: ${err.message}` };
  }
}

export function planTable(planned: readonly PlannedStep[]): string {
  return textTable(planned, [
    { header: '#', value: (p) => planned.indexOf(p) + 1, right: true },
    { header: 'step', value: (p) => p.step.title },
    { header: 'state', value: (p) => p.state },
    { header: 'detail', value: (p) => p.detail },
  ]);
}

function summary(s: { planned: number; todo: number; blocked: number; changed: number; apply: boolean }): string {
  const blockedNote = s.blocked > 0 ? ` ${s.blocked} blocked: see the reasons above, then run again.` : '';
  if (s.todo === 0)
    return `Nothing to do: ${s.planned - s.blocked} of ${s.planned} steps are done; nothing changed.${blockedNote}`;
  if (!s.apply) return `${s.todo} to do. Run \`landfall bootstrap --apply\` to make the changes.${blockedNote}`;
  const already = s.todo - s.changed;
  return `Changed ${s.changed} step${s.changed === 1 ? '' : 's'}${already > 0 ? ` (${already} found already done)` : ''}.${blockedNote}`;
}

export const bootstrapCommand = makeBootstrapCommand();
