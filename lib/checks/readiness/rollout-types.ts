/** The rollout plan's types the gates read (`lib/plan/rollout/types.ts` is their one definition). */
export type { ExternalInput, RolloutStep, StepKind } from '../../plan/rollout/types';
