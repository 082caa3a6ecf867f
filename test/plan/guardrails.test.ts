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
  cdkQualifier: 'landfall',
  prefix: 'landfall',
  guardDutyConfiguratorRoleName: 'landfall-guardduty-configurator',
  githubDeployRoleName: 'landfall-github-deploy',
  organizationName: 'acme',
};

/** Every `aws:PrincipalArn` pattern an `ArnNotLike` condition exempts, across the built-in guardrails. */
function exemptPatterns(scps: ReturnType<typeof landfallScps>): Set<string> {
  const out = new Set<string>();
  for (const scp of scps) {
    for (const st of (scp.document as { Statement: Array<{ Condition?: Record<string, Record<string, unknown>> }> })
      .Statement) {
      const arns = st.Condition?.ArnNotLike?.['aws:PrincipalArn'];
      for (const a of [arns ?? []].flat()) out.add(a as string);
    }
  }
  return out;
}

/** The role ARN patterns that `iam:CreateRole` and `iam:UpdateAssumeRolePolicy` are denied on. */
function protectedRolePatterns(scps: ReturnType<typeof landfallScps>): string[] {
  return scps.flatMap((scp) =>
    (scp.document as { Statement: Array<{ Action: string | string[]; Resource: string | string[] }> }).Statement.filter(
      (st) =>
        [st.Action].flat().includes('iam:CreateRole') && [st.Action].flat().includes('iam:UpdateAssumeRolePolicy'),
    ).flatMap((st) => [st.Resource].flat().filter((r) => r.includes(':role/'))),
  );
}

/** Whether an ARN pattern (with `*`) is matched by another. */
function covers(pattern: string, arn: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(arn);
}

describe('exemptions that cannot be minted', () => {
  it('protects the creation and trust of every role any guardrail exempts', () => {
    const scps = landfallScps(values);
    const protectedRoles = protectedRolePatterns(scps);
    const unprotected = [...exemptPatterns(scps)].filter((p) => !protectedRoles.some((r) => covers(r, p)));
    expect(unprotected).toEqual([]);
  });

  it('exempts the roles of the configured qualifier, not the CDK default', () => {
    const text = JSON.stringify(landfallScps({ ...values, cdkQualifier: 'acme' }));
    expect(text).toContain('arn:*:iam::*:role/cdk-acme-cfn-exec-role-*');
    expect(text).not.toContain('hnb659fds');
  });
});

describe('guardrail rendering', () => {
  it('renders placeholders in object keys (a condition key naming a tag)', () => {
    expect(renderTemplate({ Null: { 'aws:ResourceTag/{{tag}}': 'false' } }, { tag: 'landfall:owner' })).toEqual({
      Null: { 'aws:ResourceTag/landfall:owner': 'false' },
    });
  });

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
      'landfall-protect-exemptions',
      'landfall-deny-iam-users',
      'landfall-deny-other-regions',
      'landfall-protect-logs-and-baseline',
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
      Root: [
        'FullAWSAccess',
        'landfall-organization-integrity',
        'landfall-protect-security-services',
        'landfall-protect-exemptions',
      ],
      Security: [
        'FullAWSAccess',
        'landfall-deny-iam-users',
        'landfall-deny-other-regions',
        'landfall-protect-logs-and-baseline',
      ],
      Workloads: [
        'FullAWSAccess',
        'landfall-deny-iam-users',
        'landfall-deny-other-regions',
        'landfall-protect-logs-and-baseline',
      ],
      'Workloads/NonProd': ['FullAWSAccess'],
      'Workloads/Prod': ['FullAWSAccess'],
      Suspended: ['FullAWSAccess', 'landfall-suspended'],
    });
  });
});
