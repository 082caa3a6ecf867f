/**
 * landfall's tag keys as cost allocation tags, so Cost Explorer can split costs by service and environment (the
 * weekly review's cost per `landfall:service`). Activation is done once for the organization, in the management
 * account (payer). A user-defined tag key can be activated only after Billing has seen it on a resource: it appears
 * up to 24 hours after the first tagged resource exists, so before the first deploy the step waits.
 */
import { ListCostAllocationTagsCommand, UpdateCostAllocationTagsStatusCommand } from '@aws-sdk/client-cost-explorer';
import { TAGS } from '../../naming';
import { environmentDeployStepId, nextStepsHint, rolloutPlan } from '../../plan/rollout';
import { call } from '../aws/call';
import { CliError, EXIT } from '../errors';
import type { Step, StepStatus } from './engine';
import type { StepContext } from './steps';

/** The tag keys landfall puts on every resource (lib/stages/tagging.ts), in the order they are activated. */
export const COST_ALLOCATION_TAG_KEYS: readonly string[] = [TAGS.service, TAGS.environment, TAGS.owner];

/** The status of each landfall tag key Billing knows (`Active` or `Inactive`); keys it has not seen are absent. */
async function tagStatuses(ctx: StepContext): Promise<Map<string, string>> {
  const statuses = new Map<string, string>();
  let token: string | undefined;
  do {
    const page = await call(
      'ce:ListCostAllocationTags',
      () =>
        ctx.clients.costExplorer.send(
          new ListCostAllocationTagsCommand({
            TagKeys: [...COST_ALLOCATION_TAG_KEYS],
            Type: 'UserDefined',
            ...(token === undefined ? {} : { NextToken: token }),
          }),
        ),
      ctx.retry,
    );
    for (const tag of page.CostAllocationTags ?? []) statuses.set(tag.TagKey ?? '', tag.Status ?? 'Inactive');
    token = page.NextToken;
  } while (token !== undefined);
  return statuses;
}

export function costAllocationTagsStep(ctx: StepContext): Step {
  const waitHint = () => {
    const first = ctx.model.environments[0];
    const next =
      first === undefined
        ? ''
        : `: next ${nextStepsHint(rolloutPlan(ctx.model), [environmentDeployStepId(first.name)])}`;
    return `Billing lists a tag key up to 24 hours after a resource first carries it${next}, then run bootstrap again`;
  };
  return {
    id: 'cost-allocation-tags',
    title: 'cost allocation tags (landfall:service, environment, owner)',
    async check(): Promise<StepStatus> {
      const statuses = await tagStatuses(ctx);
      const inactive = COST_ALLOCATION_TAG_KEYS.filter((k) => statuses.get(k) === 'Inactive');
      const unseen = COST_ALLOCATION_TAG_KEYS.filter((k) => !statuses.has(k));
      if (inactive.length > 0) {
        const later = unseen.length > 0 ? ` (not seen by Billing yet: ${unseen.join(', ')})` : '';
        return { state: 'to do', detail: `UpdateCostAllocationTagsStatus Active: ${inactive.join(', ')}${later}` };
      }
      if (unseen.length > 0) {
        return { state: 'blocked', detail: `not seen by Billing yet: ${unseen.join(', ')}; ${waitHint()}` };
      }
      return { state: 'done', detail: `${COST_ALLOCATION_TAG_KEYS.join(', ')} are active` };
    },
    async act() {
      const statuses = await tagStatuses(ctx);
      const inactive = COST_ALLOCATION_TAG_KEYS.filter((k) => statuses.get(k) === 'Inactive');
      if (inactive.length === 0) return;
      const out = await call(
        'ce:UpdateCostAllocationTagsStatus',
        () =>
          ctx.clients.costExplorer.send(
            new UpdateCostAllocationTagsStatusCommand({
              CostAllocationTagsStatus: inactive.map((TagKey) => ({ TagKey, Status: 'Active' })),
            }),
          ),
        ctx.retry,
      );
      // Per-key failures come back in Errors with HTTP 200 (Cost Explorer API, UpdateCostAllocationTagsStatus).
      const errors = out.Errors ?? [];
      if (errors.length > 0) {
        throw new CliError(
          `ce:UpdateCostAllocationTagsStatus refused ${errors.map((e) => `${e.TagKey} (${e.Code ?? 'error'}: ${e.Message ?? 'no message'})`).join(', ')}`,
          EXIT.aws,
          'run bootstrap again; a key Billing has not seen yet can be activated once it is listed',
        );
      }
    },
  };
}
