import { CliError, EXIT } from '../errors';
import { AwsCallError, errorCode } from '../aws/call';

export type StepState = 'done' | 'to do' | 'blocked';

/** What a step's check found in AWS. */
export interface StepStatus {
  readonly state: StepState;
  /** done: what is in place; to do: the call that `--apply` makes; blocked: why, and what to do about it. */
  readonly detail: string;
}

/**
 * One idempotent step of the organization bootstrap. Its state is read from AWS on every run (no local state
 * file), so a run after a failure continues where the failed one stopped.
 */
export interface Step {
  /** Stable identifier for `--json` (for example `trusted-access:sso.amazonaws.com`). */
  readonly id: string;
  /** What the step is about, as the plan table shows it. */
  readonly title: string;
  /** Read the state. Throws only on errors that make the state unknowable. */
  check(): Promise<StepStatus>;
  /** Make the change. Absent: a step that only reads (discovery). */
  act?(): Promise<void>;
  /** Error codes of `act` that mean someone already made the change (the step counts as done). */
  readonly alreadyDoneCodes?: readonly string[];
}

export interface PlannedStep extends StepStatus {
  readonly step: Step;
}

/** Check every step. A step whose state cannot be read is blocked with the reason; the others are unaffected. */
export async function planSteps(steps: readonly Step[]): Promise<PlannedStep[]> {
  const planned: PlannedStep[] = [];
  for (const step of steps) {
    try {
      planned.push({ step, ...(await step.check()) });
    } catch (err) {
      if (!(err instanceof AwsCallError)) throw err;
      planned.push({ step, state: 'blocked', detail: `could not read the state: ${err.message}` });
    }
  }
  return planned;
}

export type ApplyOutcome = 'changed' | 'already done';

export interface AppliedStep {
  readonly step: Step;
  readonly outcome: ApplyOutcome;
}

/**
 * Apply the steps planned as "to do", in order. Each is checked again just before it runs (an earlier step may
 * have done it as a side effect, or someone else did). On a failure the error names the step, how many were
 * applied before it, and that a re-run continues from there.
 */
export async function applySteps(
  planned: readonly PlannedStep[],
  onApplied: (applied: AppliedStep, index: number, total: number) => void,
): Promise<AppliedStep[]> {
  const todo = planned.filter((p) => p.state === 'to do' && p.step.act);
  const applied: AppliedStep[] = [];
  for (const [i, { step }] of todo.entries()) {
    let outcome: ApplyOutcome;
    try {
      outcome = await applyOne(step);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const changed = applied.filter((a) => a.outcome === 'changed').length;
      throw new CliError(
        `step ${i + 1} of ${todo.length} "${step.title}" failed: ${reason}`,
        err instanceof CliError ? err.exitCode : EXIT.aws,
        `${changed} step${changed === 1 ? '' : 's'} applied before it. Fix the cause and run \`landfall bootstrap --apply\` again: it reads the state from AWS and continues with this step`,
      );
    }
    const result = { step, outcome };
    applied.push(result);
    onApplied(result, i, todo.length);
  }
  return applied;
}

async function applyOne(step: Step): Promise<ApplyOutcome> {
  const before = await step.check();
  if (before.state === 'done') return 'already done';
  if (before.state === 'blocked') throw new CliError(`it is blocked now: ${before.detail}`, EXIT.precondition);
  try {
    await step.act?.();
    return 'changed';
  } catch (err) {
    if ((step.alreadyDoneCodes ?? []).includes(errorCode(err) ?? '')) return 'already done';
    throw err;
  }
}
