import { rolloutPlan } from '../../../lib/plan/rollout';
import { referenceModel, referencePlatform, validate } from '../../support/example';

/** The reference platform whose prod account already exists outside the organization and joins by invitation. */
function invitedProd() {
  const p = referencePlatform();
  p.accounts = p.accounts.map((a) =>
    a.name === 'prod' ? { ...a, id: '962705831654', invited: true, importPending: true } : a,
  );
  return rolloutPlan(validate(p));
}

describe('rollout plan: an existing account that joins by invitation', () => {
  it('invites it from the management account and accepts with its own credentials, before accounts sync', () => {
    const steps = invitedProd().steps;
    const ids = steps.map((s) => s.id);
    const invite = steps.find((s) => s.id === 'invite-account-prod');
    const accept = steps.find((s) => s.id === 'accept-invitation-prod');
    expect(invite).toMatchObject({ account: 'management', command: 'npx landfall accounts invite prod' });
    expect(accept).toMatchObject({
      account: 'prod',
      accountId: '962705831654',
      command: 'npx landfall accounts accept --profile prod',
      needs: ['invite-account-prod'],
    });
    expect(steps.find((s) => s.id === 'accounts-sync-members')?.needs).toContain('accept-invitation-prod');
    expect(ids.indexOf('accept-invitation-prod')).toBeLessThan(ids.indexOf('accounts-sync-members'));
  });

  it('moves it to its OU and imports it into the Organization stack once the OUs exist', () => {
    const importStep = invitedProd().steps.find((s) => s.id === 'import-account-prod');
    expect(importStep?.needs).toEqual(['deploy-org-organization', 'accept-invitation-prod', 'accounts-sync-members']);
    expect(importStep?.title).toContain('Move account prod to the Workloads/Prod OU');
    expect(importStep?.title).toContain('`npx cdk import Org/Organization`');
  });

  it('has no invitation steps for accounts the Organization stack creates', () => {
    const ids = rolloutPlan(referenceModel()).steps.map((s) => s.id);
    expect(ids.filter((id) => /^(invite|accept|import)-/.test(id))).toEqual([]);
  });
});
