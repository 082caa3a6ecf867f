/**
 * Every external input the assembly references must be a prerequisite of the rollout plan: a step lists it in
 * `inputs`, so the user provides it (and runs its check) before the deploy that needs it.
 */
import type { ExternalInput, RolloutStep } from './rollout-types';

/** Slack IDs belong to the account, not a region (AWS Chatbot is a global service): region is not compared. */
const GLOBAL_KINDS: ReadonlySet<ExternalInput['kind']> = new Set(['slack-workspace', 'slack-channel']);

const keyOf = (input: ExternalInput) =>
  [input.kind, input.value, input.account, GLOBAL_KINDS.has(input.kind) ? '' : input.region].join('|');

/**
 * The inputs of `found` that no step of the plan lists, in `found`'s order. An input matches a step's input with the
 * same kind, value and account, and the same region except for Slack IDs.
 */
export function missingFromPlan(
  found: readonly ExternalInput[],
  steps: readonly Pick<RolloutStep, 'inputs'>[],
): ExternalInput[] {
  const listed = new Set(steps.flatMap((s) => (s.inputs ?? []).map(keyOf)));
  return found.filter((input) => !listed.has(keyOf(input)));
}
