/**
 * Accounts that exist outside the organization (`accounts[].invited`) join by invitation instead of being created:
 * the management account invites, the account accepts with its own credentials, and once it is a member it is
 * moved to its OU and imported into the Organization stack (docs/organization.md, "Adopting existing accounts").
 */
import { accountOu } from '../placement';
import type { PlanContext } from './context';
import { step } from './context';
import { ORGANIZATIONS_REGION } from './inventory';
import { STEP } from './ids';
import type { RolloutStep } from './types';

/** `invite-account-<name>`. */
export function inviteStepId(account: string): string {
  return `invite-account-${account}`;
}

/** `accept-invitation-<name>`. */
export function acceptStepId(account: string): string {
  return `accept-invitation-${account}`;
}

/** `import-account-<name>`. */
export function importStepId(account: string): string {
  return `import-account-${account}`;
}

/** Invite and accept, for every invited account: before `accounts sync` records the members. */
export function invitationSteps(ctx: PlanContext): RolloutStep[] {
  const { model, management } = ctx;
  return model.platform.accounts
    .filter((a) => a.invited === true && a.role !== 'management')
    .flatMap((account) => [
      step(management, ORGANIZATIONS_REGION, {
        id: inviteStepId(account.name),
        kind: 'cli',
        title: `Invite the existing account ${account.name} (${account.id}) into the organization, from the management account`,
        needs: [STEP.createOrganization, STEP.fillConfig],
        command: `npx landfall accounts invite ${account.name}`,
        check: {
          description: `the organization has an open invitation for ${account.id}, or the account is a member`,
          command: `aws organizations list-handshakes-for-organization --profile ${management.name} --filter ActionType=INVITE --query "Handshakes[?State=='OPEN'].Parties[?Type=='ACCOUNT'].Id" --output text`,
        },
        phase: 'organization',
        reads: 'confirm',
      }),
      step(account, ORGANIZATIONS_REGION, {
        id: acceptStepId(account.name),
        kind: 'cli',
        title: `Accept the invitation with account ${account.name}'s own credentials; it joins at the root, where the root SCPs apply to it at once`,
        needs: [inviteStepId(account.name)],
        command: `npx landfall accounts accept --profile ${account.name}`,
        check: {
          description: `account ${account.id} is a member of the organization`,
          command: `aws organizations describe-account --account-id ${account.id} --profile ${management.name} --query Account.Status --output text`,
        },
        phase: 'organization',
        reads: 'confirm',
      }),
    ]);
}

/** After the Organization stack made the OUs: move each invited account to its OU and import it into the stack. */
export function importSteps(ctx: PlanContext, organizationStep: string): RolloutStep[] {
  const { model, management } = ctx;
  return model.platform.accounts
    .filter((a) => a.invited === true && a.role !== 'management')
    .map((account) =>
      step(management, ORGANIZATIONS_REGION, {
        id: importStepId(account.name),
        kind: 'manual',
        title: `Move account ${account.name} to the ${accountOu(model, account)} OU (aws organizations move-account), remove its importPending, and run \`npx cdk import Org/Organization\` (docs/organization.md, "Adopting existing accounts")`,
        needs: [organizationStep, acceptStepId(account.name), STEP.syncMembers],
        check: {
          description: `the Organization stack holds account ${account.id} in ${accountOu(model, account)}`,
          command: `aws organizations list-parents --child-id ${account.id} --profile ${management.name} --output text`,
        },
        phase: 'organization',
        reads: 'confirm',
      }),
    );
}
