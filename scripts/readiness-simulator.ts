/**
 * The writer gate's `PolicySimulator`, backed by `@cloud-copilot/iam-simulate` (a devDependency, AGPL-3.0: it stays
 * in scripts/ and tests, out of the product code in lib/).
 *
 * iam-simulate 0.1.173 drops request context keys whose variable part follows a colon, such as
 * `kms:EncryptionContext:aws:cloudtrail:arn` (it matches variable keys only after a `/`), so a key policy that
 * conditions on the encryption context would always deny. The adapter evaluates such keys under an alias the
 * simulator keeps (`aws:PrincipalTag/<key>`), renamed the same way in the policies and in the request: same
 * operators, same values.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { PolicySimulator, SimulationOutcome, SimulationRequest } from '../lib/checks/readiness';

const ENCRYPTION_CONTEXT = /^kms:EncryptionContext:/i;
const alias = (key: string) => `aws:PrincipalTag/${key.replace(/:/g, '_')}`;

/** Rename encryption-context condition keys in a policy document. */
function aliasConditions(document: unknown): unknown {
  if (Array.isArray(document)) return document.map(aliasConditions);
  if (document === null || typeof document !== 'object') return document;
  return Object.fromEntries(
    Object.entries(document as Record<string, unknown>).map(([k, v]) => {
      if (k !== 'Condition' || v === null || typeof v !== 'object') return [k, aliasConditions(v)];
      const conditions = Object.entries(v as Record<string, Record<string, unknown>>).map(([op, keys]) => [
        op,
        Object.fromEntries(
          Object.entries(keys).map(([key, value]) => [ENCRYPTION_CONTEXT.test(key) ? alias(key) : key, value]),
        ),
      ]);
      return [k, Object.fromEntries(conditions)];
    }),
  );
}

export const simulatePolicies: PolicySimulator = async (request: SimulationRequest): Promise<SimulationOutcome> => {
  const context = Object.fromEntries(
    Object.entries(request.context).map(([k, v]) => [ENCRYPTION_CONTEXT.test(k) ? alias(k) : k, v]),
  );
  const result = await runSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: request.resourceAccount },
        contextVariables: context,
      },
      identityPolicies: request.identityPolicies.map((p) => ({ name: p.name, policy: aliasConditions(p.document) })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(request.resourcePolicy === undefined
        ? {}
        : { resourcePolicy: aliasConditions(request.resourcePolicy.document) }),
    },
    {},
  );
  if (result.resultType === 'error') return { result: 'invalid', reason: JSON.stringify(result.errors) };
  if (result.overallResult === 'Allowed') return { result: 'allowed' };
  return { result: result.overallResult === 'ExplicitlyDenied' ? 'explicitly denied' : 'implicitly denied' };
};
