import { ELB_ACCOUNTS } from '../../lib/checks/readiness/aws-accounts';
import { PREFIX } from '../../lib/naming';
import {
  landfallDeclarativePolicies,
  landfallRcps,
  ORGANIZATION_POLICY_LIMITS,
  organizationPolicyValues,
  policySize,
  RCP_FULL_AWS_ACCESS,
} from '../../lib/plan/organization-policies';
import { referenceModel } from '../support/example';

const model = referenceModel();
const values = organizationPolicyValues(model.platform, PREFIX, ['582318560864', '127311923021']);
const [rcp] = landfallRcps(values);
const [ec2] = landfallDeclarativePolicies(values);
type Statement = { Sid: string; Condition: Record<string, Record<string, unknown>> };
const statement = (sid: string) => (rcp.document.Statement as Statement[]).find((s) => s.Sid === sid);

describe('landfall resource control policy', () => {
  it('is an RCP named with the prefix and attached to the root', () => {
    expect([rcp.name, rcp.type, rcp.targets]).toEqual([
      `${PREFIX}-data-perimeter`,
      'RESOURCE_CONTROL_POLICY',
      ['Root'],
    ]);
  });

  it("admits only the config's organization", () => {
    expect(statement('EnforceOrgIdentities')?.Condition.StringNotEqualsIfExists['aws:PrincipalOrgID']).toBe(
      model.platform.organization.id,
    );
    expect(statement('EnforceConfusedDeputyProtection')?.Condition.StringNotEqualsIfExists['aws:SourceOrgID']).toBe(
      model.platform.organization.id,
    );
  });

  it('names the Elastic Load Balancing accounts of the allowed regions, sorted and once each', () => {
    const twice = organizationPolicyValues(model.platform, PREFIX, ['582318560864', '127311923021', '582318560864']);
    const [doc] = landfallRcps(twice);
    const s = (doc.document.Statement as Statement[]).find((x) => x.Sid === 'EnforceOrgIdentities');
    expect(s?.Condition.StringNotEqualsIfExists['aws:PrincipalAccount']).toEqual(['127311923021', '582318560864']);
  });

  it('drops the ELB account exception when no allowed region has an ELB account (an empty list is not a value)', () => {
    const [doc] = landfallRcps(organizationPolicyValues(model.platform, PREFIX, []));
    const s = (doc.document.Statement as Statement[]).find((x) => x.Sid === 'EnforceOrgIdentities');
    expect(s?.Condition.StringNotEqualsIfExists).toEqual({ 'aws:PrincipalOrgID': model.platform.organization.id });
  });

  it('fits the 5,120-character RCP limit even with the ELB account of every region (Organizations quotas page)', () => {
    const [doc] = landfallRcps(organizationPolicyValues(model.platform, PREFIX, Object.values(ELB_ACCOUNTS)));
    expect(policySize(doc.document)).toBeLessThanOrEqual(ORGANIZATION_POLICY_LIMITS.rcpMaxCharacters);
  });

  it('leaves room on the root for RCPFullAWSAccess and the per-target limit of 5', () => {
    const onRoot = [RCP_FULL_AWS_ACCESS, ...landfallRcps(values).filter((p) => p.targets.includes('Root'))];
    expect(onRoot.length).toBeLessThanOrEqual(ORGANIZATION_POLICY_LIMITS.rcpMaxPerTarget);
  });

  it('only denies (RCPs support Allow only in RCPFullAWSAccess: "RCP syntax", elements summary)', () => {
    expect((rcp.document.Statement as Array<{ Effect: string }>).map((s) => s.Effect)).toEqual([
      'Deny',
      'Deny',
      'Deny',
      'Deny',
    ]);
  });

  it('leaves web identity and SAML federation out of the organization-identity statement (they carry no aws:PrincipalOrgID)', () => {
    const actions = (rcp.document.Statement as Array<{ Sid: string; Action: string[] }>).find(
      (s) => s.Sid === 'EnforceOrgIdentities',
    )?.Action;
    expect(actions).not.toContain('sts:AssumeRoleWithWebIdentity');
    expect(actions).not.toContain('sts:AssumeRoleWithSAML');
    expect(actions).not.toContain('sts:*');
  });
});

describe('landfall EC2 declarative policy ("Declarative policy syntax and examples")', () => {
  const attributes = ec2.document.ec2_attributes as Record<string, Record<string, unknown>>;

  it('is a DECLARATIVE_POLICY_EC2 attached to the root', () => {
    expect([ec2.name, ec2.type, ec2.targets]).toEqual([`${PREFIX}-ec2-baseline`, 'DECLARATIVE_POLICY_EC2', ['Root']]);
  });

  it('requires IMDSv2 with a hop limit of 2 (the page recommends "a minimum of 2" when http_tokens is required)', () => {
    expect(attributes.instance_metadata_defaults).toEqual(
      expect.objectContaining({
        http_tokens: { '@@assign': 'required' },
        http_put_response_hop_limit: { '@@assign': '2' },
      }),
    );
  });

  it('blocks new public AMI sharing and all public snapshot sharing', () => {
    expect(attributes.image_block_public_access).toEqual({ state: { '@@assign': 'block_new_sharing' } });
    expect(attributes.snapshot_block_public_access).toEqual({ state: { '@@assign': 'block_all_sharing' } });
  });

  it('blocks internet ingress to VPCs and allows exclusions (the public subnets of the load balancers are excluded)', () => {
    expect(attributes.vpc_block_public_access).toEqual({
      internet_gateway_block: { mode: { '@@assign': 'block_ingress' }, exclusions_allowed: { '@@assign': 'enabled' } },
    });
  });

  it('fits the 10,000-character declarative policy limit', () => {
    expect(policySize(ec2.document)).toBeLessThanOrEqual(ORGANIZATION_POLICY_LIMITS.declarativeMaxCharacters);
  });
});
