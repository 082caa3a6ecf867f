/**
 * Deploy-readiness gates over a synthesized cloud assembly: what AWS checks only at deploy time, across stacks,
 * accounts and regions, that per-template tools (cfn-lint, cdk-nag, cfn-guard) cannot see. Pure functions over
 * parsed JSON; the runner is `scripts/readiness.ts`.
 */
import type { Assembly, GateName, ReadinessProblem } from './assembly';
import { checkExportStability } from './export-stability';
import type { ExternalInputOptions } from './external-inputs';
import { externalInputs } from './external-inputs';
import { checkImports } from './imports';
import { checkNames } from './names';
import { checkReferencedBuckets } from './referenced-buckets';
import type { ExternalInput, RolloutStep } from './rollout-types';
import { missingFromPlan } from './plan-coverage';
import { checkSingletons } from './singletons';
import type { PolicySimulator, WriterOptions } from './writers';
import { checkWriters } from './writers';

export type { Assembly, AssemblyStack, GateName, ReadinessProblem, Template, TemplateResource } from './assembly';
export { assemblyFrom } from './assembly';
export { checkExportStability } from './export-stability';
export { externalInputs, CHATBOT_API_REGION } from './external-inputs';
export type { ExternalInputOptions } from './external-inputs';
export { checkImports } from './imports';
export { checkNames } from './names';
export { NAME_SCOPES } from './name-scopes';
export type { NameRule, NameScope, TypeNames } from './name-scopes';
export { missingFromPlan } from './plan-coverage';
export { checkReferencedBuckets } from './referenced-buckets';
export type { ExternalInput, RolloutStep, StepKind } from './rollout-types';
export { checkSingletons } from './singletons';
export { checkWriters, writerCalls } from './writers';
export type { PolicySimulator, SimulationOutcome, SimulationRequest, WriterCall, WriterOptions } from './writers';
export { formatMarkdown, formatText } from './report';

export interface ReadinessOptions extends WriterOptions, ExternalInputOptions {
  /** Decides the writers' calls (`scripts/readiness-simulator.ts`). */
  readonly simulate: PolicySimulator;
  /** The assembly deployed before this change: adds the export-stability gate. @default no comparison */
  readonly before?: Assembly;
  /**
   * The rollout plan's steps of the config the assembly was synthesized from: every external input must be a
   * prerequisite one of them lists. @default inputs are listed, not checked against a plan
   */
  readonly plannedSteps?: readonly Pick<RolloutStep, 'inputs'>[];
}

export interface ReadinessReport {
  readonly stacks: number;
  /** The gates that ran, in order. */
  readonly gates: readonly GateName[];
  readonly problems: readonly ReadinessProblem[];
  /** Prerequisites the rollout plan must list (not problems). */
  readonly inputs: readonly ExternalInput[];
}

/** Run every gate over an assembly. */
export async function checkReadiness(assembly: Assembly, options: ReadinessOptions): Promise<ReadinessReport> {
  const gates: GateName[] = ['imports', 'names', 'singletons', 'external-inputs', 'writers'];
  const problems = [
    ...checkImports(assembly),
    ...(options.before === undefined ? [] : checkExportStability(options.before, assembly)),
    ...checkNames(assembly),
    ...checkSingletons(assembly),
    ...checkReferencedBuckets(assembly),
    ...(await checkWriters(assembly, options.simulate, options)),
  ];
  if (options.before !== undefined) gates.splice(1, 0, 'export-stability');
  const inputs = externalInputs(assembly, options);
  if (options.plannedSteps !== undefined) {
    for (const input of missingFromPlan(inputs, options.plannedSteps)) {
      problems.push({
        gate: 'external-inputs',
        stack: input.account,
        message: `${input.kind} ${input.value} (account ${input.account}, ${input.region}) is read by the templates but no rollout step lists it as a prerequisite: \`landfall rollout\` would never ask for it`,
      });
    }
  }
  return { stacks: assembly.stacks.length, gates, problems, inputs };
}
