/**
 * CLI hints that name a next step take their words from the plan's step, so no command tells another order than
 * `landfall rollout`.
 */
import type { RolloutPlan } from './types';

/** `` `npx cdk deploy Org/Organization` (rollout step deploy-org-organization) ``; a manual step by its title. */
export function stepHint(plan: RolloutPlan, id: string): string {
  const step = plan.steps.find((s) => s.id === id);
  if (step === undefined) throw new Error(`no rollout step ${id}`);
  return `${step.command === undefined ? step.title : `\`${step.command}\``} (rollout step ${id})`;
}

/** Several steps in their order: `a (rollout step x), then b (rollout step y)`. */
export function nextStepsHint(plan: RolloutPlan, ids: readonly string[]): string {
  return ids.map((id) => stepHint(plan, id)).join(', then ');
}
