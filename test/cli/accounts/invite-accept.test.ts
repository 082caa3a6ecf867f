import type { Handshake } from '@aws-sdk/client-organizations';
import {
  AcceptHandshakeCommand,
  AWSOrganizationsNotInUseException,
  DescribeOrganizationCommand,
  DuplicateHandshakeException,
  InviteAccountToOrganizationCommand,
  ListHandshakesForAccountCommand,
  ListHandshakesForOrganizationCommand,
} from '@aws-sdk/client-organizations';
import { makeAccountsAcceptCommand } from '../../../lib/cli/accounts/accept';
import { makeAccountsInviteCommand } from '../../../lib/cli/accounts/invite';
import { runIn, tempRepo } from '../../support/cli';
import { fakeAws, freshOrganization } from '../../support/fake-aws';
import type { FakeAws } from '../../support/fake-aws';

// moto 5.2 has none of the handshake APIs (InviteAccountToOrganization, ListHandshakesFor*, AcceptHandshake):
// these commands are tested against mocked clients only.

const PROD = '962705831654';
const instant = { sleep: async () => undefined, baseDelayMs: 1 };

/** The reference config with prod's real ID (the account the team already runs) and the organization's real ID. */
const repo = () =>
  tempRepo((s) => s.replace("'666666666666'", `'${PROD}'`).replace("id: 'o-exampleorg1'", "id: 'o-a1b2c3d4e5'"));

function invitation(overrides: Partial<Handshake> = {}): Handshake {
  return {
    Id: 'h-a1b2c3d4e5',
    Arn: 'arn:aws:organizations::111111111111:handshake/o-a1b2c3d4e5/invite/h-a1b2c3d4e5',
    Parties: [
      { Id: 'o-a1b2c3d4e5', Type: 'ORGANIZATION' },
      { Id: PROD, Type: 'ACCOUNT' },
    ],
    State: 'OPEN',
    Action: 'INVITE',
    ExpirationTimestamp: new Date('2026-12-16T00:00:00Z'),
    ...overrides,
  };
}

/** The organization without the prod account (it runs outside, waiting to be invited). */
function organization(): FakeAws {
  const state = freshOrganization();
  return fakeAws({ ...state, accounts: state.accounts.filter((a) => a.name !== 'prod') });
}

describe('landfall accounts invite NAME (mocked Organizations)', () => {
  const invite = (aws: FakeAws, args: string[], cwd = repo()) =>
    runIn([makeAccountsInviteCommand({ clients: aws.factory, retry: instant })], ['accounts', 'invite', ...args], {
      cwd,
    });

  it('invites the config account by its ID when it has no open invitation, and says how it accepts', async () => {
    const aws = organization();
    aws.organizations.on(ListHandshakesForOrganizationCommand).resolves({ Handshakes: [] });
    aws.organizations.on(InviteAccountToOrganizationCommand).resolves({ Handshake: invitation() });
    const run = await invite(aws, ['prod']);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(aws.organizations.commandCalls(InviteAccountToOrganizationCommand)[0].args[0].input).toEqual({
      Target: { Type: 'ACCOUNT', Id: PROD },
      Notes: 'landfall: join acme as account prod',
    });
    expect(run.stdout).toBe(
      `Invited account prod (${PROD}) to o-a1b2c3d4e5: handshake h-a1b2c3d4e5; next: \`npx landfall accounts accept\` with the credentials of account prod (${PROD}).\n`,
    );
  });

  it('reports an open invitation instead of sending a second one (idempotent)', async () => {
    const aws = organization();
    aws.organizations.on(ListHandshakesForOrganizationCommand).resolves({ Handshakes: [invitation()] });
    const run = await invite(aws, ['prod']);
    expect(run.code).toBe(0);
    expect(aws.organizations.commandCalls(InviteAccountToOrganizationCommand)).toHaveLength(0);
    expect(run.stdout).toContain(
      `has an open invitation h-a1b2c3d4e5 from o-a1b2c3d4e5 (OPEN, expires 2026-12-16T00:00:00.000Z): not sent again`,
    );
  });

  it('treats DuplicateHandshakeException (an invitation sent meanwhile) as the open invitation it is', async () => {
    const aws = organization();
    aws.organizations.on(ListHandshakesForOrganizationCommand).resolves({ Handshakes: [] });
    aws.organizations
      .on(InviteAccountToOrganizationCommand)
      .rejects(new DuplicateHandshakeException({ message: 'duplicate', $metadata: {} }));
    const run = await invite(aws, ['prod']);
    expect([run.code, run.stdout]).toEqual([
      0,
      `Account prod (${PROD}) already has an open invitation: next: \`npx landfall accounts accept\` with the credentials of account prod (${PROD}).\n`,
    ]);
  });

  it('does nothing for an account that is already a member', async () => {
    const aws = fakeAws(freshOrganization());
    const run = await invite(
      aws,
      ['security'],
      tempRepo((s) => s.replace("'222222222222'", "'210987654321'")),
    );
    expect([run.code, run.stdout]).toEqual([
      0,
      'Account security (210987654321) is already a member of o-a1b2c3d4e5: nothing to do.\n',
    ]);
    expect(aws.organizations.commandCalls(InviteAccountToOrganizationCommand)).toHaveLength(0);
  });

  it('refuses while the account ID is a placeholder, before any AWS call (exit 4)', async () => {
    const aws = organization();
    const run = await invite(aws, ['prod'], tempRepo());
    expect(run.code).toBe(4);
    expect(run.stderr.split('\n')[0]).toBe(
      'landfall: config/platform.ts accounts[5].id: "666666666666" is a placeholder (an example account ID): `npx landfall accounts sync` fills it in once the account exists in the organization; `landfall accounts invite prod` needs it',
    );
    expect(aws.sts.calls()).toHaveLength(0);
  });

  it('refuses to invite the management account (exit 2)', async () => {
    const run = await invite(organization(), ['management']);
    expect([run.code, run.stderr.split('\n')[0]]).toEqual([
      2,
      'landfall: "management" is the management account: it owns the organization and is never invited into it',
    ]);
  });
});

describe("landfall accounts accept (mocked Organizations, the invited account's credentials)", () => {
  /** The prod account outside any organization, with these invitations waiting for it. */
  function invitedAccount(handshakes: Handshake[]): FakeAws {
    const aws = fakeAws(freshOrganization({ callerAccount: PROD }));
    aws.organizations
      .on(DescribeOrganizationCommand)
      .rejects(new AWSOrganizationsNotInUseException({ message: 'not a member', $metadata: {} }));
    aws.organizations.on(ListHandshakesForAccountCommand).resolves({ Handshakes: handshakes });
    aws.organizations.on(AcceptHandshakeCommand).resolves({ Handshake: { ...handshakes[0], State: 'ACCEPTED' } });
    return aws;
  }
  const accept = (aws: FakeAws, cwd = repo()) =>
    runIn([makeAccountsAcceptCommand({ clients: aws.factory, retry: instant })], ['accounts', 'accept'], { cwd });

  it("accepts the open invitation from the config's organization", async () => {
    const aws = invitedAccount([invitation()]);
    const run = await accept(aws);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(aws.organizations.commandCalls(AcceptHandshakeCommand)[0].args[0].input).toEqual({
      HandshakeId: 'h-a1b2c3d4e5',
    });
    expect(run.stdout).toContain(
      `Account prod (${PROD}) accepted invitation h-a1b2c3d4e5 and joined organization o-a1b2c3d4e5.`,
    );
  });

  it('refuses an invitation from another organization and names it (exit 4)', async () => {
    const other = invitation({
      Id: 'h-0therorg99',
      Arn: 'arn:aws:organizations::999988887777:handshake/o-0therorg99/invite/h-0therorg99',
      Parties: [
        { Id: 'o-0therorg99', Type: 'ORGANIZATION' },
        { Id: PROD, Type: 'ACCOUNT' },
      ],
    });
    const aws = invitedAccount([other]);
    const run = await accept(aws);
    expect([run.code, run.stderr.split('\n')[0]]).toEqual([
      4,
      `landfall: account prod (${PROD}) has no open invitation from organization o-a1b2c3d4e5 (not accepted: h-0therorg99 from o-0therorg99)`,
    ]);
    expect(aws.organizations.commandCalls(AcceptHandshakeCommand)).toHaveLength(0);
  });

  it('ignores invitations that are no longer open', async () => {
    const aws = invitedAccount([invitation({ State: 'EXPIRED' })]);
    const run = await accept(aws);
    expect(run.code).toBe(4);
    expect(aws.organizations.commandCalls(AcceptHandshakeCommand)).toHaveLength(0);
  });

  it('says so when the account is already a member of the organization', async () => {
    const aws = fakeAws(freshOrganization({ callerAccount: PROD }));
    const run = await accept(aws);
    expect([run.code, run.stdout]).toEqual([
      0,
      `Account prod (${PROD}) is already a member of organization o-a1b2c3d4e5: nothing to do.\n`,
    ]);
  });

  it('refuses credentials of an account the config does not have (exit 4)', async () => {
    const aws = invitedAccount([invitation()]);
    const run = await accept(aws, tempRepo());
    expect([run.code, run.stderr.split('\n')[0]]).toEqual([
      4,
      `landfall: the credentials are for account ${PROD}, which is no member account of the config`,
    ]);
  });
});
