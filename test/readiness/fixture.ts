import type { Assembly } from '../../lib/checks/readiness';
import type { LandfallModel } from '../../lib/config';
import { loadAssembly } from '../../scripts/readiness';
import { allStacks, buildApp, referenceModel } from '../support/example';

/**
 * Synthesize the platform of a model (the reference fixture by default) with `buildApp()` into a temporary
 * directory and read its cloud assembly; `stackPaths` are the app's stacks, to compare with what the gates read.
 */
export function synthesize(
  model: LandfallModel = referenceModel(),
  failOnFindings = true,
): { assembly: Assembly; stackPaths: string[] } {
  const built = buildApp({ model, failOnFindings });
  built.app.synth();
  return { assembly: loadAssembly(built.outdir), stackPaths: allStacks(built.app).map((s) => s.node.path) };
}

/** The account names and organization ID of the reference fixture, as the runner takes them from config/. */
export function referenceOptions(model: LandfallModel = referenceModel()) {
  return {
    accountNames: Object.fromEntries(model.platform.accounts.map((a) => [a.id, a.name])),
    organizationId: model.platform.organization.id,
  };
}
