/**
 * The rollout plan's types, as PLAN.md's interface between the `rollout` and `gates` branches defines them. Defined
 * here, structurally identical, until `lib/plan/rollout` lands; then import them from there and delete this file.
 */
export type StepKind = 'cli' | 'deploy' | 'manual';

/** Something the templates reference that no stack of the assembly creates: a prerequisite of the rollout. */
export interface ExternalInput {
  readonly kind: 'certificate' | 'secret' | 'ssm-parameter' | 'slack-workspace' | 'slack-channel';
  /** Certificate ARN, secret name or ARN, parameter name, Slack ID. */
  readonly value: string;
  /** Account name from config (the account ID when the name is not known). */
  readonly account: string;
  readonly region: string;
  /** The read-only AWS CLI command that proves it exists. */
  readonly check: string;
}

export interface RolloutStep {
  /** Stable, kebab-case, e.g. 'deploy-org-organization'. */
  readonly id: string;
  readonly kind: StepKind;
  readonly title: string;
  /** Account name ('management', 'dev', ...). */
  readonly account: string;
  readonly accountId: string;
  readonly region: string;
  /** IDs of steps that must be done first. */
  readonly needs: readonly string[];
  /** What to run (cli and deploy steps). */
  readonly command?: string;
  /** Deploy steps: construct paths, e.g. ['Org/Organization']. */
  readonly stacks?: readonly string[];
  /** Manual prerequisites that are external inputs. */
  readonly inputs?: readonly ExternalInput[];
  readonly check: { readonly description: string; readonly command?: string };
}
