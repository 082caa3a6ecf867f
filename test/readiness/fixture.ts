import type { Assembly } from '../../lib/checks/readiness';
import type { LandfallModel } from '../../lib/config';
import { loadAssembly } from '../../scripts/readiness';
import { buildApp, referenceModel } from '../support/example';

/** Synthesize the platform of a model (the reference fixture by default) and read its cloud assembly. */
export function synthesizedAssembly(model: LandfallModel = referenceModel(), failOnFindings = true): Assembly {
  const built = buildApp({ model, failOnFindings });
  built.app.synth();
  return loadAssembly(built.outdir);
}

/** The account names and organization ID of the reference fixture, as the runner takes them from config/. */
export function referenceOptions(model: LandfallModel = referenceModel()) {
  return {
    accountNames: Object.fromEntries(model.platform.accounts.map((a) => [a.id, a.name])),
    organizationId: model.platform.organization.id,
  };
}
