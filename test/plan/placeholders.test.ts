import {
  findPlaceholders,
  formatPlaceholders,
  isExampleAccountId,
  isExampleSlackId,
  isExampleUuid,
  isReservedEmail,
} from '../../lib/plan/placeholders';
import { rolloutPlan, stepStatuses } from '../../lib/plan/rollout';
import { referenceModel } from '../support/example';
import { realModel } from '../support/real-platform';

describe('placeholders of the shipped example', () => {
  const placeholders = findPlaceholders(referenceModel());

  it("names the management account's ID and email first, with what to put there", () => {
    expect(placeholders.slice(0, 2).map((p) => `${p.path}: ${p.message}`)).toEqual([
      'accounts[0].id: "111111111111" is a placeholder (an example account ID): put the management account\'s real ID here (`aws sts get-caller-identity` with its credentials)',
      'accounts[0].email: "aws+management@example.com" is a placeholder (a domain RFC 2606 reserves for examples): put the management account\'s root email here',
    ]);
    expect(placeholders.slice(0, 2).map((p) => p.filledBy)).toEqual([
      'fill-management-account',
      'fill-management-account',
    ]);
  });

  it('names a member account ID as filled in by accounts sync, before that account is bootstrapped', () => {
    expect(placeholders.find((p) => p.path === 'accounts[3].id')).toEqual({
      file: 'config/platform.ts',
      path: 'accounts[3].id',
      value: '444444444444',
      message:
        '"444444444444" is a placeholder (an example account ID): `npx landfall accounts sync` fills it in once the account exists in the organization',
      fill: '`npx landfall accounts sync` fills it in once the account exists in the organization',
      filledBy: 'accounts-sync-members',
      before: ['cdk-bootstrap-dev-ap-northeast-1', 'cdk-bootstrap-dev-us-east-1'],
    });
  });

  it('names the organization, root and Identity Center IDs of the example', () => {
    const messages = Object.fromEntries(placeholders.map((p) => [p.path, p.message]));
    expect(messages['organization.id']).toBe(
      '"o-exampleorg1" is a placeholder (an example organization ID): `npx landfall accounts sync` fills it in',
    );
    expect(messages['organization.rootId']).toBe(
      '"r-exmp" is a placeholder (an example root ID): `npx landfall accounts sync` fills it in',
    );
    expect(messages['identityCenter.instanceArn']).toBe(
      '"arn:aws:sso:::instance/ssoins-0000000000000000" is a placeholder (an example instance ARN): `npx landfall accounts sync` fills it in once IAM Identity Center is enabled',
    );
    expect(messages['identityCenter.groups.on-call']).toBe(
      '"00000000-0000-4000-8000-000000000003" is a placeholder (an example group ID): `npx landfall accounts sync` fills it in once the group "on-call" exists in Identity Center',
    );
  });

  it('names the certificate IDs, Slack IDs and notification addresses of the example', () => {
    const messages = Object.fromEntries(placeholders.map((p) => [p.path, p.message]));
    expect(messages['environments[1].domain.certificateId']).toBe(
      '"00000000-0000-4000-8000-000000000555" is a placeholder (an example certificate ID): put the ID of the issued ACM certificate for stg.example.com in account stg (ap-northeast-1) here',
    );
    expect(messages['notifications.slackWorkspaceId']).toBe(
      '"T0123456789" is a placeholder (an example Slack ID): authorize your Slack workspace in AWS Chatbot (console in us-east-2) and put the workspace ID it shows here',
    );
    expect(messages['cost.slackChannelId']).toBe(
      '"C0COST12345" is a placeholder (an example Slack ID): put the Slack channel\'s ID here (at the bottom of the channel details)',
    );
    expect(messages['notifications.page.emails[0]']).toBe(
      '"oncall@example.com" is a placeholder (a domain RFC 2606 reserves for examples): put the address that receives pages here',
    );
  });

  it('lists them in the config problem format', () => {
    expect(formatPlaceholders(placeholders.slice(0, 2))).toBe(
      [
        'config/platform.ts has 2 placeholders:',
        '  * accounts[0].id: "111111111111" is a placeholder (an example account ID): put the management account\'s real ID here (`aws sts get-caller-identity` with its credentials)',
        '  * accounts[0].email: "aws+management@example.com" is a placeholder (a domain RFC 2606 reserves for examples): put the management account\'s root email here',
      ].join('\n'),
    );
  });

  it('finds every example value of the reference fixture (32)', () => {
    expect(placeholders).toHaveLength(32);
  });
});

describe('placeholders of a filled-in config', () => {
  it('finds none once every value is real', () => {
    expect(findPlaceholders(realModel())).toEqual([]);
  });

  it('finds a certificate ID left from the example, and blocks only the deploy of its environment', () => {
    const model = realModel((p) => {
      p.environments = p.environments.map((e) =>
        e.name === 'prod' && e.domain
          ? { ...e, domain: { ...e.domain, certificateId: '00000000-0000-4000-8000-000000000666' } }
          : e,
      );
    });
    const plan = rolloutPlan(model);
    expect(plan.placeholders.map((p) => p.path)).toEqual(['environments[2].domain.certificateId']);
    const statuses = Object.fromEntries(stepStatuses(plan).map((s) => [s.id, s]));
    expect(statuses['deploy-prod']).toEqual({
      id: 'deploy-prod',
      state: 'blocked',
      reason:
        'placeholder left: environments[2].domain.certificateId (put the ID of the issued ACM certificate for prod.acme-platform.io in account prod (ap-northeast-1) here)',
    });
    expect(statuses['fill-config'].state).toBe('done');
  });
});

describe('what counts as a placeholder', () => {
  it.each([
    ['111111111111', true],
    ['123456789012', true], // the AWS documentation's example account
    ['111122223333', true],
    ['403925181745', false],
  ])('account ID %s: %s', (id, expected) => expect(isExampleAccountId(id)).toBe(expected));

  // RFC 2606: example.com, example.net and example.org, and the TLDs .test, .example, .invalid, .localhost.
  it.each([
    ['ops@example.com', true],
    ['ops@EXAMPLE.NET', true],
    ['ops@mail.example.org', true],
    ['ops@acme.test', true],
    ['ops@myexample.com', false],
    ['ops@acme-platform.io', false],
  ])('email %s: %s', (email, expected) => expect(isReservedEmail(email)).toBe(expected));

  it.each([
    ['00000000-0000-4000-8000-000000000555', true],
    ['0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', true], // the example in landfall's own error message
    ['3f1c2a9e-6b7d-4c1e-9a2f-8d7e6c5b4a31', false],
    ['9067a1b2c3-1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d', false],
  ])('UUID %s: %s', (id, expected) => expect(isExampleUuid(id)).toBe(expected));

  it.each([
    ['T0123456789', true],
    ['C0PAGE12345', true],
    ['C07EZ1ABC23', false],
  ])('Slack ID %s: %s', (id, expected) => expect(isExampleSlackId(id)).toBe(expected));
});
