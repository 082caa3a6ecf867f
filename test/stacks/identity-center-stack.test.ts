import { Match, Template } from 'aws-cdk-lib/assertions';
import { accessPlan } from '../../lib/plan/access';
import { buildApp, referencePlatform, stackAt, validate } from '../support/example';

const model = validate(referencePlatform());
const built = buildApp({ model });
const stack = stackAt(built, 'Org/IdentityCenter');
const template = Template.fromStack(stack);
const INSTANCE = 'arn:aws:sso:::instance/ssoins-0000000000000000';

/** Permission set logical ID by name, to read assignments back as group|account|permission set. */
const setIdByName = Object.fromEntries(
  Object.entries(template.findResources('AWS::SSO::PermissionSet')).map(([id, r]) => [id, r.Properties.Name as string]),
);
const assignmentKeys = Object.values(template.findResources('AWS::SSO::Assignment')).map((r) => {
  const p = r.Properties;
  return `${p.PrincipalId}|${p.TargetId}|${setIdByName[p.PermissionSetArn['Fn::GetAtt'][0]]}`;
});

describe('IdentityCenter stack', () => {
  it('is termination-protected, in the management account and the Identity Center region', () => {
    expect([stack.terminationProtection, stack.account, stack.region]).toEqual([
      true,
      '111111111111',
      'ap-northeast-1',
    ]);
  });

  it('follows identityCenter.region when the instance lives elsewhere', () => {
    const p = referencePlatform();
    p.identityCenter.region = 'us-east-1';
    expect(stackAt(buildApp({ model: validate(p) }), 'Org/IdentityCenter').region).toBe('us-east-1');
  });

  it('creates one AWS::SSO::Assignment per group x account x permission set of the config', () => {
    const expected = model.platform.identityCenter.assignments.reduce(
      (n, a) => n + a.accounts.length * a.permissionSets.length,
      0,
    );
    template.resourceCountIs('AWS::SSO::Assignment', expected);
  });

  it('creates no assignment twice', () => {
    expect(new Set(assignmentKeys).size).toBe(assignmentKeys.length);
  });

  it('creates exactly the planned assignments', () => {
    const planned = accessPlan(model).assignments.map((a) => `${a.groupId}|${a.accountId}|${a.permissionSet}`);
    expect([...assignmentKeys].sort()).toEqual([...planned].sort());
  });

  it('assigns groups, to accounts, through the configured instance', () => {
    template.hasResourceProperties('AWS::SSO::Assignment', {
      InstanceArn: INSTANCE,
      PrincipalType: 'GROUP',
      PrincipalId: '00000000-0000-4000-8000-000000000003',
      TargetType: 'AWS_ACCOUNT',
      TargetId: '666666666666',
    });
  });

  it.each([
    ['Developer-dev', 'PT12H'],
    ['Developer-stg', 'PT8H'],
    ['Developer-prod', 'PT4H'],
    ['PlatformAdmin-prod', 'PT4H'],
  ])('gives %s the session duration of its tier (%s)', (name, duration) => {
    template.hasResourceProperties('AWS::SSO::PermissionSet', {
      Name: name,
      SessionDuration: duration,
      InstanceArn: INSTANCE,
    });
  });

  it('makes Developer a power user in dev', () => {
    template.hasResourceProperties('AWS::SSO::PermissionSet', {
      Name: 'Developer-dev',
      ManagedPolicies: ['arn:aws:iam::aws:policy/PowerUserAccess'],
    });
  });

  it('makes Developer read-only with metrics and logs in prod', () => {
    template.hasResourceProperties('AWS::SSO::PermissionSet', {
      Name: 'Developer-prod',
      ManagedPolicies: [
        'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
        'arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess',
      ],
    });
  });

  it('gives OnCall an inline policy that denies IAM', () => {
    template.hasResourceProperties('AWS::SSO::PermissionSet', {
      Name: 'OnCall-prod',
      InlinePolicy: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Action: ['iam:*', 'sts:AssumeRole'] })]),
      },
    });
  });

  it('gives Billing the billing job function', () => {
    template.hasResourceProperties('AWS::SSO::PermissionSet', {
      Name: 'Billing-prod',
      ManagedPolicies: ['arn:aws:iam::aws:policy/job-function/Billing'],
    });
  });
});
