/**
 * The rollout plan's data: what `landfall rollout` prints, what the README and docs are generated from, and what
 * the CLI hints and the deploy-readiness gates read. Pure data, derived from the validated model.
 */
import type { Placeholder } from '../placeholders';

export type StepKind = 'cli' | 'deploy' | 'manual';

/** Something a stack reads but no stack creates: it must exist before the step that deploys the stack. */
export interface ExternalInput {
  readonly kind: 'certificate' | 'secret' | 'ssm-parameter' | 'slack-workspace' | 'slack-channel';
  /** Certificate ARN, secret name or ARN, parameter name, Slack ID. */
  readonly value: string;
  /** Account name from config. */
  readonly account: string;
  readonly region: string;
  /** The read-only command that proves it exists. */
  readonly check: string;
}

/** The part of the rollout a step belongs to; the generated docs group steps by phase. */
export type RolloutPhase = 'prepare' | 'organization' | 'accounts' | 'baselines' | 'security' | 'environments';

/**
 * How `landfall rollout` finds out, read-only, whether a step is done. `confirm`: landfall cannot read it (a console
 * setting, a GitHub setting, an email): the user confirms it with the step's check.
 */
export type StateReader =
  | 'placeholders'
  | 'placeholders-then-confirm'
  | 'management-account'
  | 'organization'
  | 'account-quota'
  | 'identity-center'
  | 'organization-bootstrap'
  | 'organization-ids'
  | 'member-account-ids'
  | 'delegated-administrators'
  | 'cdk-toolkit'
  | 'stacks'
  | 'confirm';

export interface RolloutStep {
  /** Stable, kebab-case, for example `deploy-org-organization`. */
  readonly id: string;
  readonly kind: StepKind;
  readonly title: string;
  /** Account name (`management`, `dev`, ...). */
  readonly account: string;
  readonly accountId: string;
  readonly region: string;
  /** Ids of the steps that must be done first; every one comes earlier in the plan. */
  readonly needs: readonly string[];
  /** What to run (cli and deploy steps). */
  readonly command?: string;
  /** Deploy steps: the construct paths of the stacks the step deploys, for example `['Org/Organization']`. */
  readonly stacks?: readonly string[];
  /** Manual prerequisites that are external inputs. */
  readonly inputs?: readonly ExternalInput[];
  /** How to check that the step is done: a sentence and, where one exists, a read-only command. */
  readonly check: { readonly description: string; readonly command?: string };
  readonly phase: RolloutPhase;
  /** How `landfall rollout` reads the step's state. */
  readonly reads: StateReader;
  /**
   * Steps of one kind that the generated summaries show as one line (every `cdk bootstrap` of the member accounts,
   * every Baseline). @default the step stands alone
   */
  readonly group?: { readonly id: string; readonly title: string };
}

export interface RolloutPlan {
  /** Every step, in an order where each step's needs come before it. */
  readonly steps: RolloutStep[];
  /** Values the config still holds from the example; the management account's ID and email first. */
  readonly placeholders: Placeholder[];
}
