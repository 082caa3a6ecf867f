import { AwsCallError, retryWithNotice, sdkRetryNotice } from '../aws/call';
import { configuredGroupNames, discoverIdentityCenter } from '../aws/identity-center';
import type { IdentityCenterDiscovery } from '../aws/identity-center';
import { listOrganizationAccounts, managementPreflight } from '../aws/organization';
import type { Command } from '../command';
import { defineCommand, flag } from '../command';
import { loadModel } from '../config-option';
import { accountIdPath, refusePlaceholders } from '../placeholder-guard';
import type { CommandDeps } from '../deps';
import { withDeps } from '../deps';
import { EXIT } from '../errors';
import { CONFIG_OPTION, JSON_ALIAS_OPTION, PROFILE_OPTION, REPORT_FORMAT_OPTION } from '../options';
import { table } from '../table';
import { applySteps, planSteps } from './engine';
import type { AppliedStep, PlannedStep } from './engine';
import { bootstrapSteps } from './steps';

/**
 * `landfall bootstrap`: prepare the organization for landfall with management-account credentials. Prints the
 * plan (done / to do / blocked and why); `--apply` runs the to-do steps. Every run derives the state from AWS.
 */
export function makeBootstrapCommand(overrides: Partial<CommandDeps> = {}): Command {
  const deps = withDeps(overrides);
  return defineCommand({
    name: ['bootstrap'],
    summary:
      'check and prepare the organization: trusted access, SCPs, delegated administrators, Identity Center (--apply)',
    description:
      'With management-account credentials: checks that the caller is the management account of an organization with all features, then plans every step (done, to do, or blocked and why): trusted access for IAM Identity Center, GuardDuty, Security Hub, AWS Config, CloudTrail and IAM, the SCP, RCP and EC2 declarative policy types on the root, centralized root access for member accounts (root credentials management, then root sessions), the security account as GuardDuty administrator in every allowed region, as Security Hub administrator, and as their delegated administrator, the Identity Center discovery, and the landfall tag keys (landfall:service, landfall:environment, landfall:owner) as cost allocation tags, once Billing has seen them after the first deploy. `--apply` runs the steps to do, in order, each checked again just before it runs. Every run reads the state from AWS (no state file), so a re-run after a failure continues where it stopped. Exits 1 while a step is blocked.',
    options: {
      apply: flag({ description: 'make the changes the plan lists as to do' }),
      profile: PROFILE_OPTION,
      format: REPORT_FORMAT_OPTION,
      json: JSON_ALIAS_OPTION,
      config: CONFIG_OPTION,
    },
    aws: 'management account: organizations (reads, EnableAWSServiceAccess, EnablePolicyType, RegisterDelegatedAdministrator), iam ListOrganizationsFeatures, EnableOrganizationsRootCredentialsManagement and EnableOrganizationsRootSessions, guardduty and securityhub EnableOrganizationAdminAccount, sso and identitystore reads, ce ListCostAllocationTags and UpdateCostAllocationTagsStatus',
    examples: ['landfall bootstrap', 'landfall bootstrap --apply --profile acme-management'],
    async run({ options }, io) {
      const json = options.format === 'json';
      const { model, dir } = loadModel(io, options.config);
      const region = model.platform.homeRegion;
      const clients = deps.clients({ region, profile: options.profile, onRetry: sdkRetryNotice(io) });
      const retry = retryWithNotice(io, deps.retry);

      const organization = await managementPreflight(clients, retry, 'landfall bootstrap');
      if (options.apply)
        refusePlaceholders(
          io,
          model,
          dir,
          'bootstrap --apply',
          [accountIdPath(model, model.accounts.management)],
          [organization.managementAccountId],
        );
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
      if (options.format !== 'json') io.out(`${header}\n\n${planTable(planned, options.format)}\n`);

      const todo = planned.filter((p) => p.state === 'to do').length;
      const blocked = planned.filter((p) => p.state === 'blocked').length;
      let applied: AppliedStep[] = [];
      if (options.apply && todo > 0) {
        if (!json) io.out(`Applying ${todo} step${todo === 1 ? '' : 's'}:`);
        applied = await applySteps(planned, (a, i, n) => {
          if (!json)
            io.out(`  [${i + 1}/${n}] ${a.outcome === 'changed' ? 'applied' : 'already done'}: ${a.step.title}`);
        });
      }
      const changed = applied.filter((a) => a.outcome === 'changed').length;

      if (json) {
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
        io.out(summary({ planned: planned.length, todo, blocked, changed, apply: options.apply }));
      }
      return blocked > 0 ? EXIT.problems : EXIT.ok;
    },
  });
}

async function discoverSafely(discover: () => Promise<IdentityCenterDiscovery>): Promise<IdentityCenterDiscovery> {
  try {
    return await discover();
  } catch (err) {
    if (!(err instanceof AwsCallError)) throw err;
    return { found: false, reason: `could not read Identity Center: ${err.message}` };
  }
}

/** The plan as a table: text for terminals, md for a pull request's job summary. */
export function planTable(planned: readonly PlannedStep[], format: 'text' | 'md' = 'text'): string {
  return table(
    planned,
    [
      { header: '#', value: (p) => planned.indexOf(p) + 1, right: true },
      { header: 'step', value: (p) => p.step.title },
      { header: 'state', value: (p) => p.state },
      { header: 'detail', value: (p) => p.detail },
    ],
    format,
  );
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
