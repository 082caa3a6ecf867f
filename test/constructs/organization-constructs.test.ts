import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { IdentityCenterAccess } from '../../constructs/identity-center-access';
import { LogBucket } from '../../constructs/log-bucket';
import { MemberAccounts } from '../../constructs/member-accounts';
import { OrganizationalUnits } from '../../constructs/organizational-units';

const newStack = () => new Stack(new App(), 'Test', { env: { account: '111111111111', region: 'ap-northeast-1' } });
const INSTANCE = 'arn:aws:sso:::instance/ssoins-0000000000000000';
const GROUP = '00000000-0000-4000-8000-000000000001';
const adminSet = {
  name: 'Admin-prod',
  description: 'admin',
  sessionDurationHours: 4,
  managedPolicies: ['AdministratorAccess'],
};

describe('OrganizationalUnits', () => {
  it('nests an OU under its parent path', () => {
    const stack = newStack();
    new OrganizationalUnits(stack, 'Units', { rootId: 'r-abcd', paths: ['Apps', 'Apps/Web'] });
    Template.fromStack(stack).hasResourceProperties('AWS::Organizations::OrganizationalUnit', {
      Name: 'Web',
      ParentId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^UnitsApps'), 'Id'] },
    });
  });

  it('refuses a child listed before its parent', () => {
    expect(
      () => new OrganizationalUnits(newStack(), 'Units', { rootId: 'r-abcd', paths: ['Apps/Web', 'Apps'] }),
    ).toThrow('no organizational unit "Apps" (known: ); list parents before children');
  });

  it('resolves Root to the root ID', () => {
    const units = new OrganizationalUnits(newStack(), 'Units', { rootId: 'r-abcd', paths: [] });
    expect(units.targetId('Root')).toBe('r-abcd');
  });
});

describe('MemberAccounts', () => {
  it('makes each account wait for the one before it', () => {
    const stack = newStack();
    new MemberAccounts(stack, 'Accounts', {
      accounts: ['a', 'b', 'c'].map((n) => ({ name: n, email: `${n}@example.com`, parentId: 'r-abcd' })),
    });
    const accounts = Template.fromStack(stack).findResources('AWS::Organizations::Account');
    const ids = Object.keys(accounts);
    expect(Object.values(accounts).map((a) => a.DependsOn)).toEqual([undefined, [ids[0]], [ids[1]]]);
  });

  it('uses the given access role name', () => {
    const stack = newStack();
    new MemberAccounts(stack, 'Accounts', {
      accounts: [{ name: 'a', email: 'a@example.com', parentId: 'r-abcd' }],
      accessRoleName: 'AdminAccess',
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Organizations::Account', { RoleName: 'AdminAccess' });
  });
});

describe('IdentityCenterAccess', () => {
  it('refuses the same group, account and permission set twice', () => {
    const assignment = { groupId: GROUP, accountId: '222222222222', permissionSet: 'Admin-prod' };
    expect(
      () =>
        new IdentityCenterAccess(newStack(), 'Access', {
          instanceArn: INSTANCE,
          permissionSets: [adminSet],
          assignments: [
            { ...assignment, id: 'one' },
            { ...assignment, id: 'two' },
          ],
        }),
    ).toThrow(`assignment two repeats group ${GROUP}, account 222222222222 and Admin-prod`);
  });

  it('refuses an assignment to a permission set it does not define', () => {
    expect(
      () =>
        new IdentityCenterAccess(newStack(), 'Access', {
          instanceArn: INSTANCE,
          permissionSets: [],
          assignments: [{ id: 'one', groupId: GROUP, accountId: '222222222222', permissionSet: 'Admin-prod' }],
        }),
    ).toThrow('assignment one uses permission set Admin-prod, which is not defined');
  });

  it('refuses a session longer than Identity Center allows', () => {
    expect(
      () =>
        new IdentityCenterAccess(newStack(), 'Access', {
          instanceArn: INSTANCE,
          permissionSets: [{ ...adminSet, sessionDurationHours: 13 }],
          assignments: [],
        }),
    ).toThrow('permission set Admin-prod: session duration 13 h is not a whole number of hours in 1-12');
  });

  it('writes the session duration as ISO 8601', () => {
    const stack = newStack();
    new IdentityCenterAccess(stack, 'Access', { instanceArn: INSTANCE, permissionSets: [adminSet], assignments: [] });
    Template.fromStack(stack).hasResourceProperties('AWS::SSO::PermissionSet', { SessionDuration: 'PT4H' });
  });
});

describe('LogBucket', () => {
  it('skips the lifecycle steps it is not given', () => {
    const stack = newStack();
    new LogBucket(stack, 'Logs', { lifecycle: { expireAfterDays: 30, noncurrentVersionExpireAfterDays: 7 } });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 30, Transitions: Match.absent() })] },
    });
  });
});
