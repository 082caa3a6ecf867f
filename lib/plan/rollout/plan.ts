/**
 * The one rollout order of a platform, from an empty management account to deployed environments: what to run,
 * where, after what, and how to check it. Derived from the validated model, the stack inventory and
 * `lib/naming.ts`; the README, the docs and the CLI hints are generated from it.
 */
import type { LandfallModel } from '../../config';
import { findPlaceholders } from '../placeholders';
import { memberBootstrapSteps, slackSteps } from './account-steps';
import { planContext, step } from './context';
import { environmentSteps } from './environment-steps';
import type { FirstDeployCheck } from './first-deploy-checks';
import { FIRST_DEPLOY_CHECKS } from './first-deploy-checks';
import { firstDeployCheckStepId } from './ids';
import { organizationSteps, prepareSteps } from './organization-steps';
import { baselineSteps, securitySteps } from './stack-steps';
import type { RolloutPlan, RolloutStep } from './types';

/**
 * The plan of a validated model. `platformFile` is how the placeholders name the config file (the CLI passes the
 * path of `--config`). @default 'config/platform.ts'
 */
export function rolloutPlan(model: LandfallModel, options: { readonly platformFile?: string } = {}): RolloutPlan {
  const ctx = planContext(model);
  const baselines = baselineSteps(ctx);
  const steps = [
    ...prepareSteps(ctx),
    ...organizationSteps(ctx),
    ...memberBootstrapSteps(ctx),
    ...slackSteps(ctx),
    ...baselines,
    ...securitySteps(
      ctx,
      baselines.filter((s) => s.group?.id === 'baselines').map((s) => s.id),
    ),
    ...environmentSteps(ctx),
  ];
  const checks = FIRST_DEPLOY_CHECKS.flatMap((define) => define(ctx));
  const planned = withChecks(steps, checks);
  assertOrdered(planned);
  return { steps: planned, placeholders: findPlaceholders(model, options.platformFile) };
}

/** Each first-deploy check as a manual step right after the step it applies to (checks of one step in list order). */
function withChecks(steps: readonly RolloutStep[], checks: readonly FirstDeployCheck[]): RolloutStep[] {
  return steps.flatMap((s) => [
    s,
    ...checks
      .filter((c) => c.after === s.id)
      .map((c) =>
        step(c.account, c.region, {
          id: firstDeployCheckStepId(c.id),
          kind: 'manual',
          title: `First real deploy, check: ${c.title} (${c.source})`,
          needs: [s.id],
          check: c.check,
          phase: s.phase,
          reads: 'confirm',
          group: {
            id: 'first-deploy-checks',
            title: 'First real deploy: check what the documentation could not settle offline',
          },
        }),
      ),
  ]);
}

/** Ids are unique and every step's needs come before it: a plan that breaks this is a bug in the plan. */
function assertOrdered(steps: readonly RolloutStep[]): void {
  const seen = new Set<string>();
  for (const s of steps) {
    if (seen.has(s.id)) throw new Error(`rollout plan: step id ${s.id} is used twice`);
    for (const need of s.needs) {
      if (!seen.has(need)) throw new Error(`rollout plan: step ${s.id} needs ${need}, which does not come before it`);
    }
    seen.add(s.id);
  }
}
