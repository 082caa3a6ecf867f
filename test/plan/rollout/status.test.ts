import type { RolloutPlan, RolloutStep, StepFact } from '../../../lib/plan/rollout';
import { rolloutPlan, stepStatuses } from '../../../lib/plan/rollout';
import { referenceModel } from '../../support/example';
import { realModel } from '../../support/real-platform';

const stateOf = (plan: RolloutPlan, facts: (s: RolloutStep) => StepFact) =>
  Object.fromEntries(stepStatuses(plan, facts).map((s) => [s.id, s]));

describe('step states', () => {
  it('offers no deploy step while the example values remain: every step waits for the management account', () => {
    const plan = rolloutPlan(referenceModel());
    const statuses = stepStatuses(plan);
    expect(statuses[0]).toEqual({
      id: 'fill-management-account',
      state: 'next',
      reason: '2 placeholders left: accounts[0].id, accounts[0].email',
    });
    for (const s of statuses.slice(1)) expect([s.id, s.state]).toEqual([s.id, 'blocked']);
    expect(statuses.find((s) => s.id === 'deploy-org-organization')?.reason).toBe(
      'waits for cdk-bootstrap-management-us-east-1, fill-config, organization-account-quota and 2 more',
    );
  });

  it('offline, marks nothing done or next beyond what the placeholders show', () => {
    const plan = rolloutPlan(realModel());
    const statuses = stateOf(plan, (s) =>
      s.reads === 'placeholders' || s.reads === 'management-account'
        ? { state: 'done', detail: 'no placeholder left' }
        : s.reads === 'confirm'
          ? { state: 'confirm' }
          : { state: 'unread' },
    );
    expect(statuses['create-organization']).toEqual({ id: 'create-organization', state: 'unread', reason: 'not read' });
    expect(statuses['deploy-org-organization'].state).toBe('unread');
  });

  it('marks a step next when everything it needs is done, and blocked with the steps it waits for otherwise', () => {
    const plan = rolloutPlan(realModel());
    const done = new Set(['fill-management-account', 'fill-config', 'create-organization']);
    const statuses = stateOf(plan, (s) =>
      done.has(s.id) ? { state: 'done', detail: 'ok' } : { state: 'not-done', detail: `${s.id} to do` },
    );
    expect(statuses['organization-account-quota']).toEqual({
      id: 'organization-account-quota',
      state: 'next',
      reason: 'organization-account-quota to do',
    });
    expect(statuses['accounts-sync-members']).toEqual({
      id: 'accounts-sync-members',
      state: 'blocked',
      reason: 'waits for deploy-org-organization',
    });
  });

  it('never lets a step the user confirms block the steps after it', () => {
    const plan = rolloutPlan(realModel());
    const statuses = stateOf(plan, (s) =>
      s.reads === 'confirm'
        ? { state: 'confirm' }
        : s.id === 'deploy-org-billing'
          ? { state: 'not-done', detail: 'not deployed: landfall-org-billing' }
          : { state: 'done', detail: 'ok' },
    );
    expect(statuses['enable-billing-alerts']).toEqual({
      id: 'enable-billing-alerts',
      state: 'confirm',
      reason:
        'landfall cannot read this: confirm with aws cloudwatch list-metrics --namespace AWS/Billing --metric-name EstimatedCharges --region us-east-1 --profile management --query "length(Metrics)"',
    });
    // Billing needs the billing alerts (which landfall cannot read) and can still run next.
    expect(statuses['deploy-org-billing']).toEqual({
      id: 'deploy-org-billing',
      state: 'next',
      reason: 'not deployed: landfall-org-billing',
    });
  });

  it('blocks the steps after a step whose state cannot be read', () => {
    const plan = rolloutPlan(realModel());
    const statuses = stateOf(plan, (s) =>
      s.id === 'deploy-stg'
        ? { state: 'unknown', detail: 'cannot read account stg (AccessDenied)' }
        : s.id === 'deploy-prod'
          ? { state: 'not-done', detail: 'not deployed' }
          : { state: 'done', detail: 'ok' },
    );
    expect(statuses['deploy-stg']).toEqual({
      id: 'deploy-stg',
      state: 'unknown',
      reason: 'cannot read account stg (AccessDenied)',
    });
    expect(statuses['deploy-prod']).toEqual({ id: 'deploy-prod', state: 'blocked', reason: 'waits for deploy-stg' });
  });

  it('blocks a step on a conflict even when everything it needs is done', () => {
    const plan = rolloutPlan(realModel());
    const statuses = stateOf(plan, (s) =>
      s.id === 'deploy-dev-baseline'
        ? { state: 'not-done', detail: 'not deployed', blockers: ['account dev already has the recorder default'] }
        : { state: 'done', detail: 'ok' },
    );
    expect(statuses['deploy-dev-baseline']).toEqual({
      id: 'deploy-dev-baseline',
      state: 'blocked',
      reason: 'account dev already has the recorder default',
    });
  });
});
