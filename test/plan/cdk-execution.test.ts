import { Template } from 'aws-cdk-lib/assertions';
import { bootstrapPolicyFlags, cdkExecutionPolicy, cdkPermissionsBoundary } from '../../lib/plan/cdk-execution';
import { allStacks, buildApp, referencePlatform, validate } from '../support/example';

/**
 * The execution policy and boundary of the CDK bootstrap (issue 10, item 1). `cdk bootstrap --help`:
 * "--cloudformation-execution-policies: The Managed Policy ARNs that should be attached to the role performing
 * deployments into this environment"; "--custom-permissions-boundary: Use the permissions boundary specified by
 * name" (the bootstrap template sets it on CloudFormationExecutionRole as `policy/<name>` of the account).
 */
const IAM_PREFIX: Record<string, string> = {
  'AWS::ElasticLoadBalancingV2': 'elasticloadbalancing',
  'AWS::ApplicationAutoScaling': 'application-autoscaling',
  'AWS::ApplicationSignals': 'application-signals',
};
const prefixOf = (type: string) => IAM_PREFIX[type] ?? type.split('::')[1].toLowerCase();

describe('the CDK execution policy', () => {
  const allowed = (cdkExecutionPolicy('landfall').document.Statement as Array<{ Action: string[] }>)[0].Action;

  it('allows every service whose resources the reference platform deploys', () => {
    const built = buildApp({ model: validate(referencePlatform()) });
    const types = new Set<string>();
    for (const stack of allStacks(built.app)) {
      const resources = (Template.fromStack(stack).toJSON().Resources ?? {}) as Record<string, { Type: string }>;
      for (const r of Object.values(resources)) {
        if (r.Type.startsWith('AWS::') && r.Type !== 'AWS::CDK::Metadata')
          types.add(r.Type.split('::').slice(0, 2).join('::'));
      }
    }
    const missing = [...types].filter((t) => !allowed.includes(`${prefixOf(t)}:*`));
    expect(missing).toEqual([]);
    // Custom resources run as Lambda functions CloudFormation invokes.
    expect(allowed).toContain('lambda:*');
  });

  it('is not AdministratorAccess: no "*" action', () => {
    expect(JSON.stringify(cdkExecutionPolicy('landfall').document)).not.toContain('"Action":"*"');
  });

  it('fits the 6,144 characters of a managed policy', () => {
    // IAM User Guide, "IAM and AWS STS quotas": managed policy size 6,144 characters (whitespace not counted).
    for (const p of [cdkExecutionPolicy('landfall'), cdkPermissionsBoundary('landfall')])
      expect(JSON.stringify(p.document).length).toBeLessThanOrEqual(6144);
  });
});

describe('the CDK permissions boundary', () => {
  const statements = cdkPermissionsBoundary('acme').document.Statement as Array<{
    Sid: string;
    Effect: string;
    Action: string | string[];
    Resource: string | string[];
  }>;
  const sid = (s: string) => statements.find((x) => x.Sid === s);

  it('denies IAM users and long-lived keys to the execution role, in the management account too (no SCP there)', () => {
    expect(sid('NoIamUsersOrLongLivedKeys')?.Action).toEqual(
      expect.arrayContaining(['iam:CreateUser', 'iam:CreateAccessKey']),
    );
  });

  it("keeps the execution role off the bootstrap roles of the organization's qualifier", () => {
    expect(sid('NoChangeToTheBootstrapRoles')?.Resource).toBe('arn:*:iam::*:role/cdk-acme-*');
  });

  it('keeps the execution role off its own policy and boundary', () => {
    expect(sid('NoChangeToTheseTwoPolicies')?.Resource).toEqual([
      'arn:*:iam::*:policy/landfall-cdk-execution',
      'arn:*:iam::*:policy/landfall-cdk-boundary',
    ]);
  });

  it('is attached by name, the execution policy by ARN in the account', () => {
    expect(bootstrapPolicyFlags('123456789012', 'acme')).toEqual([
      '--cloudformation-execution-policies arn:aws:iam::123456789012:policy/landfall-cdk-execution',
      '--custom-permissions-boundary landfall-cdk-boundary',
    ]);
  });
});
