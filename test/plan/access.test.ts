import { accessPlan } from '../../lib/plan/access';
import { referencePlatform, validate } from '../support/example';

/** The Identity Center plan: one assignment per group x account x permission set, permission sets per tier. */

const model = validate(referencePlatform());
const plan = accessPlan(model);
const keys = (p: ReturnType<typeof accessPlan>) =>
  p.assignments.map((a) => `${a.group}|${a.account}|${a.permissionSet}`);

describe('access plan', () => {
  it('fans every assignment out to one per group, account and permission set', () => {
    const expected = model.platform.identityCenter.assignments.reduce(
      (n, a) => n + a.accounts.length * a.permissionSets.length,
      0,
    );
    expect(plan.assignments).toHaveLength(expected);
  });

  it('plans no assignment twice', () => {
    expect(new Set(keys(plan)).size).toBe(plan.assignments.length);
  });

  it('plans an overlapping assignment once', () => {
    const p = referencePlatform();
    p.identityCenter.assignments = [
      { group: 'developers', accounts: ['dev', 'stg'], permissionSets: ['Developer', 'ReadOnly'] },
      { group: 'developers', accounts: ['stg', 'prod'], permissionSets: ['Developer'] },
      { group: 'developers', accounts: ['dev'], permissionSets: ['ReadOnly'] },
    ];
    expect(keys(accessPlan(validate(p)))).toEqual([
      'developers|dev|Developer-dev',
      'developers|dev|ReadOnly-dev',
      'developers|stg|Developer-stg',
      'developers|stg|ReadOnly-stg',
      'developers|prod|Developer-prod',
    ]);
  });

  it('gives each account the permission set variant of its tier', () => {
    const developers = plan.assignments.filter((a) => a.group === 'developers');
    expect(developers.map((a) => [a.account, a.permissionSet])).toEqual([
      ['dev', 'Developer-dev'],
      ['stg', 'Developer-stg'],
      ['prod', 'Developer-prod'],
    ]);
  });

  it('treats the shared accounts like prod', () => {
    const shared = plan.assignments.filter(
      (a) => ['management', 'security', 'log-archive'].includes(a.account) && a.group === 'platform-admins',
    );
    expect(shared.map((a) => a.permissionSet)).toEqual([
      'PlatformAdmin-prod',
      'PlatformAdmin-prod',
      'PlatformAdmin-prod',
    ]);
  });

  it('uses the group and account IDs from config', () => {
    const a = plan.assignments.find((x) => x.group === 'on-call' && x.permissionSet === 'OnCall-prod');
    expect(a).toEqual({
      group: 'on-call',
      groupId: '00000000-0000-4000-8000-000000000003',
      account: 'prod',
      accountId: '666666666666',
      permissionSet: 'OnCall-prod',
    });
  });

  it('takes session durations from the tier profiles', () => {
    const hours = Object.fromEntries(
      plan.permissionSets.filter((s) => s.set === 'Developer').map((s) => [s.name, s.sessionDurationHours]),
    );
    expect(hours).toEqual({ 'Developer-dev': 12, 'Developer-stg': 8, 'Developer-prod': 4 });
  });

  it('takes an environment override of the session duration', () => {
    const p = referencePlatform();
    p.environments[0].overrides = { sessionDurationHours: 2 };
    const sets = accessPlan(validate(p)).permissionSets;
    expect(sets.find((s) => s.name === 'Developer-dev')?.sessionDurationHours).toBe(2);
  });

  it('makes Developer a power user in dev and read-only with logs in stg and prod', () => {
    const policies = Object.fromEntries(
      plan.permissionSets.filter((s) => s.set === 'Developer').map((s) => [s.tier, s.spec.managedPolicies]),
    );
    expect(policies).toEqual({
      dev: ['PowerUserAccess'],
      stg: ['job-function/ViewOnlyAccess', 'CloudWatchReadOnlyAccess'],
      prod: ['job-function/ViewOnlyAccess', 'CloudWatchReadOnlyAccess'],
    });
  });

  it('plans every permission set in every tier, assigned or not', () => {
    expect(plan.permissionSets.map((s) => s.name)).toEqual(
      ['PlatformAdmin', 'Developer', 'OnCall', 'ReadOnly', 'Billing'].flatMap((set) =>
        ['dev', 'stg', 'prod'].map((tier) => `${set}-${tier}`),
      ),
    );
  });

  it('plans the same permission sets when there is no assignment at all', () => {
    const p = referencePlatform();
    p.identityCenter.assignments = [];
    const empty = accessPlan(validate(p));
    expect([empty.permissionSets.length, empty.assignments.length]).toEqual([15, 0]);
  });

  it('keeps every permission set name within the 32 characters Identity Center allows', () => {
    for (const s of plan.permissionSets) expect(s.name.length).toBeLessThanOrEqual(32);
  });
});
