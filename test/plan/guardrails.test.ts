import { PREFIX } from '../../lib/naming';
import {
  attachmentsByTarget,
  landfallScps,
  platformScps,
  renderTemplate,
  SCP_LIMITS,
  scpSize,
} from '../../lib/plan/guardrails';
import { SCP_TARGETS } from '../../lib/config/schema/organization';
import { referencePlatform, validate } from '../support/example';

/** Rendering of the guardrail data files. What the SCPs allow and deny is in guardrails-simulated.test.ts. */

const { platform } = validate(referencePlatform());
const values = {
  allowedRegions: ['ap-northeast-1', 'us-east-1'],
  breakGlassRoleName: 'break-glass',
  cdkQualifier: 'hnb659fds',
  prefix: 'landfall',
  guardDutyConfiguratorRoleName: 'landfall-guardduty-configurator',
};

describe('guardrail rendering', () => {
  it('splices a list placeholder into the array that holds it', () => {
    expect(renderTemplate({ a: ['x', '{{allowedRegions}}', 'y'] }, { allowedRegions: ['r1', 'r2'] })).toEqual({
      a: ['x', 'r1', 'r2', 'y'],
    });
  });

  it('replaces a string placeholder inside a string', () => {
    expect(renderTemplate('arn:*:iam::*:role/{{name}}', { name: 'break-glass' })).toBe('arn:*:iam::*:role/break-glass');
  });

  it('fails on a placeholder without a value, naming it', () => {
    expect(() => renderTemplate({ a: '{{nope}}' }, { known: 'x' })).toThrow(
      'document uses {{nope}}, which has no value (known: known)',
    );
  });

  it('fails on a list placeholder inside a longer string', () => {
    expect(() => renderTemplate('regions: {{allowedRegions}}', { allowedRegions: ['r1'] })).toThrow(
      'document uses list {{allowedRegions}} inside a string; put it alone in an array',
    );
  });

  it('leaves no placeholder in any built-in guardrail', () => {
    for (const scp of landfallScps(values)) expect(JSON.stringify(scp)).not.toContain('{{');
  });

  it('names every built-in guardrail with the landfall prefix', () => {
    expect(landfallScps(values).map((s) => s.name)).toEqual([
      'landfall-organization-integrity',
      'landfall-protect-security-services',
      'landfall-deny-iam-users',
      'landfall-deny-other-regions',
      'landfall-suspended',
    ]);
  });

  it('keeps every built-in guardrail of the example within the SCP size limit', () => {
    for (const scp of platformScps(platform, PREFIX))
      expect(scpSize(scp.document)).toBeLessThanOrEqual(SCP_LIMITS.maxCharacters);
  });

  it('writes the allowed regions into the region guardrail', () => {
    const regions = landfallScps(values).find((s) => s.name === 'landfall-deny-other-regions');
    expect(JSON.stringify(regions?.document)).toContain('"aws:RequestedRegion":["ap-northeast-1","us-east-1"]');
  });

  it('attaches per OU, leaving room for one more SCP on every target', () => {
    const attached = attachmentsByTarget(platformScps(platform, PREFIX), SCP_TARGETS);
    expect(Object.fromEntries(attached)).toEqual({
      Root: ['FullAWSAccess', 'landfall-organization-integrity', 'landfall-protect-security-services'],
      Security: ['FullAWSAccess', 'landfall-deny-iam-users', 'landfall-deny-other-regions'],
      Workloads: ['FullAWSAccess', 'landfall-deny-iam-users', 'landfall-deny-other-regions'],
      'Workloads/NonProd': ['FullAWSAccess'],
      'Workloads/Prod': ['FullAWSAccess'],
      Suspended: ['FullAWSAccess', 'landfall-suspended'],
    });
  });
});
