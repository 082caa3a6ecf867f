/**
 * Which steps are done, which can run next and which are blocked (and why), from what was read about each step.
 * Pure: the CLI reads AWS and hands the facts in; offline only the placeholders are known.
 */
import type { Placeholder } from '../placeholders';
import type { RolloutPlan, RolloutStep } from './types';

/**
 * - done: the step's result is in place;
 * - next: every step it needs is done: run it now;
 * - blocked: a step it needs is not done, or a placeholder or a conflict stops it (the reason says which);
 * - unknown: its state could not be read (the reason says why);
 * - confirm: landfall cannot read it (a console or GitHub setting, an email): confirm it with the step's check;
 * - unread: not read (offline, or after a step that was not read).
 */
export type StepState = 'done' | 'next' | 'blocked' | 'unknown' | 'confirm' | 'unread';

/** What reading one step's state found. */
export type StepFact =
  | { readonly state: 'done'; readonly detail: string }
  /** Not done; `blockers` are conflicts that stop it even when its needs are done (an existing recorder, ...). */
  | { readonly state: 'not-done'; readonly detail: string; readonly blockers?: readonly string[] }
  | { readonly state: 'unknown'; readonly detail: string }
  | { readonly state: 'confirm' }
  | { readonly state: 'unread' };

export interface StepStatus {
  readonly id: string;
  readonly state: StepState;
  /** What is in place (done), what to do (next), why not (blocked, unknown), or how to confirm it. */
  readonly reason: string;
}

/** The placeholders a step fills that remain. */
export function remainingPlaceholders(plan: RolloutPlan, stepId: string): Placeholder[] {
  return plan.placeholders.filter((p) => p.filledBy === stepId);
}

const list = (items: readonly string[], max = 3): string =>
  items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;

/** The fact of a step that fills placeholders: done when none of its placeholders is left. */
export function placeholderFact(plan: RolloutPlan, step: RolloutStep): StepFact {
  const left = remainingPlaceholders(plan, step.id);
  if (left.length > 0) {
    return {
      state: 'not-done',
      detail: `${left.length} placeholder${left.length === 1 ? '' : 's'} left: ${list(left.map((p) => p.path))}`,
    };
  }
  return step.reads === 'placeholders-then-confirm'
    ? { state: 'confirm' }
    : { state: 'done', detail: 'no placeholder left' };
}

/** What is known without AWS: the placeholders, and that manual steps landfall cannot read need confirming. */
export function offlineFact(plan: RolloutPlan, step: RolloutStep): StepFact {
  switch (step.reads) {
    case 'placeholders':
    case 'placeholders-then-confirm':
    case 'management-account':
      return placeholderFact(plan, step);
    case 'confirm':
      return { state: 'confirm' };
    default:
      return { state: 'unread' };
  }
}

/**
 * The state of every step, in plan order. A step the user has to confirm never blocks the steps after it (landfall
 * cannot tell, and the deploy that needs it fails with CloudFormation's reason); anything else not done does.
 */
export function stepStatuses(
  plan: RolloutPlan,
  factOf: (step: RolloutStep) => StepFact = (s) => offlineFact(plan, s),
): StepStatus[] {
  const byId = new Map<string, StepStatus>();
  for (const step of plan.steps) {
    const status = statusOf(plan, step, factOf(step), byId);
    byId.set(step.id, status);
  }
  return plan.steps.map((s) => byId.get(s.id) as StepStatus);
}

function statusOf(
  plan: RolloutPlan,
  step: RolloutStep,
  fact: StepFact,
  before: ReadonlyMap<string, StepStatus>,
): StepStatus {
  const status = (state: StepState, reason: string): StepStatus => ({ id: step.id, state, reason });
  if (fact.state === 'done') return status('done', fact.detail);

  const placeholders = plan.placeholders.filter((p) => p.before.includes(step.id));
  if (placeholders.length > 0) {
    return status(
      'blocked',
      `placeholder${placeholders.length === 1 ? '' : 's'} left: ${list(placeholders.map((p) => p.path))} (${placeholders[0].fill})`,
    );
  }
  const needs = step.needs.map((id) => before.get(id)).filter((s): s is StepStatus => s !== undefined);
  const waiting = needs.filter((s) => s.state === 'next' || s.state === 'blocked' || s.state === 'unknown');
  if (waiting.length > 0) return status('blocked', `waits for ${list(waiting.map((s) => s.id))}`);
  if (needs.some((s) => s.state === 'unread')) return status('unread', 'not read');

  switch (fact.state) {
    case 'not-done':
      return fact.blockers !== undefined && fact.blockers.length > 0
        ? status('blocked', fact.blockers.join('; '))
        : status('next', fact.detail);
    case 'unknown':
      return status('unknown', fact.detail);
    case 'confirm':
      return status(
        'confirm',
        `landfall cannot read this: confirm with ${step.check.command ?? step.check.description}`,
      );
    default:
      return status('unread', 'not read');
  }
}

/** How many steps are in each state. */
export function countStates(statuses: readonly StepStatus[]): Record<StepState, number> {
  const counts: Record<StepState, number> = { done: 0, next: 0, blocked: 0, unknown: 0, confirm: 0, unread: 0 };
  for (const s of statuses) counts[s.state] += 1;
  return counts;
}
