import {
  EnableOrganizationAdminAccountCommand as EnableGuardDutyAdminCommand,
  paginateListOrganizationAdminAccounts as paginateGuardDutyAdmins,
} from '@aws-sdk/client-guardduty';
import {
  EnableAWSServiceAccessCommand,
  EnablePolicyTypeCommand,
  ListRootsCommand,
  paginateListAWSServiceAccessForOrganization,
  paginateListDelegatedAdministrators,
  RegisterDelegatedAdministratorCommand,
} from '@aws-sdk/client-organizations';
import {
  EnableOrganizationAdminAccountCommand as EnableSecurityHubAdminCommand,
  paginateListOrganizationAdminAccounts as paginateSecurityHubAdmins,
} from '@aws-sdk/client-securityhub';
import type { LandfallModel } from '../../config';
import type { PolicyType } from '../../plan/organization-policies';
import { POLICY_TYPES } from '../../plan/organization-policies';
import { nextStepsHint, ORGANIZATION_DEPLOY_STEP, rolloutPlan, STEP } from '../../plan/rollout';
import { call, collect } from '../aws/call';
import type { RetryOptions } from '../aws/call';
import type { AwsClients } from '../aws/clients';
import type { IdentityCenterDiscovery } from '../aws/identity-center';
import type { OrganizationAccount, OrganizationState } from '../aws/organization';
import { accountByEmail } from '../aws/organization';
import type { Step, StepStatus } from './engine';
import { costAllocationTagsStep } from './cost-allocation-tags';
import { rootAccessSteps } from './root-access';

/** Services landfall integrates with the organization (trusted access), and why. */
export const TRUSTED_SERVICES: ReadonlyArray<{ readonly principal: string; readonly label: string }> = [
  { principal: 'sso.amazonaws.com', label: 'IAM Identity Center (permission sets and assignments)' },
  { principal: 'guardduty.amazonaws.com', label: 'GuardDuty (organization-wide threat detection)' },
  { principal: 'securityhub.amazonaws.com', label: 'Security Hub (central configuration)' },
  { principal: 'config.amazonaws.com', label: 'AWS Config (recorders that Security Hub evaluates)' },
  { principal: 'cloudtrail.amazonaws.com', label: 'CloudTrail (the organization trail)' },
  { principal: 'iam.amazonaws.com', label: 'IAM (centralized root access for member accounts)' },
];

/** IAM's trusted access, which centralized root access needs first. */
const IAM_PRINCIPAL = 'iam.amazonaws.com';

/** Services whose delegated administrator is the security account. */
export const DELEGATED_SERVICES = ['guardduty.amazonaws.com', 'securityhub.amazonaws.com'] as const;

export interface StepContext {
  readonly clients: AwsClients;
  readonly retry: RetryOptions;
  readonly model: LandfallModel;
  readonly organization: OrganizationState;
  readonly accounts: readonly OrganizationAccount[];
  readonly region: string;
  /** Identity Center discovery, done once before planning. */
  readonly identityCenter: IdentityCenterDiscovery;
}

const done = (detail: string): StepStatus => ({ state: 'done', detail });
const todo = (detail: string): StepStatus => ({ state: 'to do', detail });
const blocked = (detail: string): StepStatus => ({ state: 'blocked', detail });

/** Every step of `landfall bootstrap`, in the order they are applied. */
export function bootstrapSteps(ctx: StepContext): Step[] {
  // The 2024 features (RCPs, declarative policies, centralized root access) come after the service
  // administrators: independent of them, and what local emulators lack, so a run against one gets that far.
  const [scp, ...newerPolicyTypes] = POLICY_TYPE_STEPS;
  const trusted = (s: (typeof TRUSTED_SERVICES)[number]) => trustedAccessStep(ctx, s.principal, s.label);
  return [
    ...TRUSTED_SERVICES.filter((s) => s.principal !== IAM_PRINCIPAL).map(trusted),
    policyTypeStep(ctx, scp.type, scp.title),
    ...guardDutyRegions(ctx).map((region) => guardDutyAdminStep(ctx, region)),
    securityHubAdminStep(ctx),
    ...DELEGATED_SERVICES.map((principal) => delegatedAdminStep(ctx, principal)),
    ...newerPolicyTypes.map((p) => policyTypeStep(ctx, p.type, p.title)),
    ...TRUSTED_SERVICES.filter((s) => s.principal === IAM_PRINCIPAL).map(trusted),
    ...rootAccessSteps(ctx),
    identityCenterStep(ctx),
    // Last: Billing lists landfall's tags only after the first deploy, and local emulators lack the API.
    costAllocationTagsStep(ctx),
  ];
}

function trustedAccessStep(ctx: StepContext, principal: string, label: string): Step {
  const { clients, retry } = ctx;
  return {
    id: `trusted-access:${principal}`,
    title: `trusted access: ${label.split(' (')[0]}`,
    async check() {
      const enabled = await collect(
        'organizations:ListAWSServiceAccessForOrganization',
        paginateListAWSServiceAccessForOrganization({ client: clients.organizations }, {}),
        (page) => page.EnabledServicePrincipals,
      );
      return enabled.some((e) => e.ServicePrincipal === principal)
        ? done(`${principal} is trusted`)
        : todo(`EnableAWSServiceAccess ${principal}`);
    },
    async act() {
      await call(
        'organizations:EnableAWSServiceAccess',
        () => clients.organizations.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: principal })),
        retry,
      );
    },
  };
}

/**
 * The policy types on the root, each before the Organization stack creates policies of it (CloudFormation cannot
 * create a policy whose type is disabled: "Enabling a policy type", AWS Organizations User Guide). RCPs and
 * declarative policies need an organization with all features ("RCPs are available only in an organization that
 * has all features enabled", "Resource control policies (RCPs)").
 */
export const POLICY_TYPE_STEPS: ReadonlyArray<{ readonly type: PolicyType; readonly title: string }> = [
  { type: POLICY_TYPES.serviceControl, title: 'SCP policy type on the root' },
  { type: POLICY_TYPES.resourceControl, title: 'RCP policy type on the root' },
  { type: POLICY_TYPES.declarativeEc2, title: 'EC2 declarative policy type on the root' },
];

function policyTypeStep(ctx: StepContext, type: PolicyType, title: string): Step {
  const { clients, retry, organization } = ctx;
  return {
    id: `policy-type:${type}`,
    title,
    async check() {
      const roots = await call(
        'organizations:ListRoots',
        () => clients.organizations.send(new ListRootsCommand({})),
        retry,
      );
      const root = roots.Roots?.find((r) => r.Id === organization.rootId);
      const policyType = root?.PolicyTypes?.find((p) => p.Type === type);
      if (policyType?.Status === 'ENABLED') return done(`enabled on ${organization.rootId}`);
      if (policyType?.Status === 'PENDING_ENABLE')
        return done(`being enabled on ${organization.rootId} (PENDING_ENABLE)`);
      if (policyType?.Status === 'PENDING_DISABLE')
        return blocked(`being disabled on ${organization.rootId}; run again when that has finished`);
      return todo(`EnablePolicyType ${type} on ${organization.rootId}`);
    },
    async act() {
      await call(
        'organizations:EnablePolicyType',
        () =>
          clients.organizations.send(new EnablePolicyTypeCommand({ RootId: organization.rootId, PolicyType: type })),
        retry,
      );
    },
    alreadyDoneCodes: ['PolicyTypeAlreadyEnabledException'],
  };
}

/** The security account in the organization (found by the email in config), or why it cannot be used yet. */
function securityAccount(ctx: StepContext): { account: OrganizationAccount } | { reason: string } {
  const configured = ctx.model.accounts.security;
  const account = accountByEmail(ctx.accounts, configured.email);
  if (!account) {
    return {
      reason: `the security account "${configured.name}" (${configured.email}) is not in organization ${ctx.organization.id} yet: next ${nextStepsHint(
        rolloutPlan(ctx.model),
        [ORGANIZATION_DEPLOY_STEP, STEP.syncMembers, STEP.delegatedAdministrators],
      )}`,
    };
  }
  if (account.state !== 'ACTIVE')
    return { reason: `the security account ${account.id} (${account.email}) is ${account.state}` };
  if (account.id === ctx.organization.managementAccountId) {
    return { reason: `the security account ${account.id} is the management account; it must be a member account` };
  }
  return { account };
}

/**
 * The regions where the security account becomes GuardDuty's delegated administrator: the home region first, then
 * every other region the guardrails allow. Delegation and auto-enable are per region (GuardDuty user guide,
 * "Permissions required to designate a delegated GuardDuty administrator account": the designation "allows the
 * delegated administrator account to enable and manage GuardDuty for other accounts in the organization in the
 * current Region"), and the Security stage deploys a GuardDuty stack in each of them.
 */
export function guardDutyRegions(ctx: Pick<StepContext, 'model' | 'region'>): string[] {
  return [ctx.region, ...ctx.model.platform.allowedRegions.filter((r) => r !== ctx.region)];
}

/** Shared logic of the GuardDuty and Security Hub organization admin steps. */
function organizationAdminStep(
  ctx: StepContext,
  options: {
    id: string;
    region: string;
    service: string;
    listAdmins: () => Promise<Array<{ accountId: string; status: string }>>;
    enable: (accountId: string) => Promise<void>;
    disableCommand: string;
  },
): Step {
  return {
    id: options.id,
    title: `${options.service} administrator in ${options.region}`,
    async check() {
      const security = securityAccount(ctx);
      if ('reason' in security) return blocked(security.reason);
      const admins = await options.listAdmins();
      if (admins.some((a) => a.accountId === security.account.id && a.status === 'ENABLED')) {
        return done(`security account ${security.account.id}`);
      }
      const other = admins.find((a) => a.accountId !== security.account.id);
      if (other) {
        return blocked(
          `the ${options.service} administrator is account ${other.accountId} (${other.status}), not the security account ${security.account.id}: remove it first (${options.disableCommand} ${other.accountId})`,
        );
      }
      if (admins.length > 0)
        return blocked(
          `the security account's ${options.service} administration is ${admins[0].status}; run again later`,
        );
      return todo(`EnableOrganizationAdminAccount ${security.account.id} (security)`);
    },
    async act() {
      const security = securityAccount(ctx);
      if ('account' in security) await options.enable(security.account.id);
    },
  };
}

function guardDutyAdminStep(ctx: StepContext, region: string): Step {
  const { retry } = ctx;
  const regional = region === ctx.region ? ctx.clients : ctx.clients.inRegion?.(region);
  if (regional === undefined) {
    return {
      id: `organization-admin:guardduty:${region}`,
      title: `GuardDuty administrator in ${region}`,
      check: async () => blocked(`no AWS clients for ${region}: run bootstrap with the landfall CLI`),
    };
  }
  const clients = () => regional;
  return organizationAdminStep(ctx, {
    id: `organization-admin:guardduty:${region}`,
    region,
    service: 'GuardDuty',
    disableCommand: 'aws guardduty disable-organization-admin-account --admin-account-id',
    listAdmins: async () =>
      (
        await collect(
          'guardduty:ListOrganizationAdminAccounts',
          paginateGuardDutyAdmins({ client: clients().guardDuty }, {}),
          (page) => page.AdminAccounts,
        )
      ).map((a) => ({ accountId: a.AdminAccountId ?? '', status: a.AdminStatus ?? 'ENABLED' })),
    enable: async (accountId) => {
      await call(
        'guardduty:EnableOrganizationAdminAccount',
        () => clients().guardDuty.send(new EnableGuardDutyAdminCommand({ AdminAccountId: accountId })),
        retry,
      );
    },
  });
}

function securityHubAdminStep(ctx: StepContext): Step {
  const { clients, retry } = ctx;
  return organizationAdminStep(ctx, {
    id: `organization-admin:securityhub:${ctx.region}`,
    region: ctx.region,
    service: 'Security Hub',
    disableCommand: 'aws securityhub disable-organization-admin-account --admin-account-id',
    listAdmins: async () =>
      (
        await collect(
          'securityhub:ListOrganizationAdminAccounts',
          paginateSecurityHubAdmins({ client: clients.securityHub }, {}),
          (page) => page.AdminAccounts,
        )
      ).map((a) => ({ accountId: a.AccountId ?? '', status: a.Status ?? 'ENABLED' })),
    enable: async (accountId) => {
      await call(
        'securityhub:EnableOrganizationAdminAccount',
        () => clients.securityHub.send(new EnableSecurityHubAdminCommand({ AdminAccountId: accountId })),
        retry,
      );
    },
  });
}

/**
 * The Organizations side of delegation. GuardDuty's and Security Hub's EnableOrganizationAdminAccount register the
 * account themselves, so this step usually finds it done when it runs after them; it registers only what is left.
 */
function delegatedAdminStep(ctx: StepContext, principal: string): Step {
  const { clients, retry } = ctx;
  return {
    id: `delegated-admin:${principal}`,
    title: `delegated administrator for ${principal}`,
    async check() {
      const security = securityAccount(ctx);
      if ('reason' in security) return blocked(security.reason);
      const admins = await collect(
        'organizations:ListDelegatedAdministrators',
        paginateListDelegatedAdministrators({ client: clients.organizations }, { ServicePrincipal: principal }),
        (page) => page.DelegatedAdministrators,
      );
      if (admins.some((a) => a.Id === security.account.id)) return done(`security account ${security.account.id}`);
      const other = admins.find((a) => a.Id !== security.account.id);
      if (other) {
        return blocked(
          `account ${other.Id} is the delegated administrator for ${principal}, not the security account ${security.account.id}: deregister it first (aws organizations deregister-delegated-administrator)`,
        );
      }
      return todo(`RegisterDelegatedAdministrator ${security.account.id} (security) for ${principal}`);
    },
    async act() {
      const security = securityAccount(ctx);
      if (!('account' in security)) return;
      await call(
        'organizations:RegisterDelegatedAdministrator',
        () =>
          clients.organizations.send(
            new RegisterDelegatedAdministratorCommand({ AccountId: security.account.id, ServicePrincipal: principal }),
          ),
        retry,
      );
    },
    alreadyDoneCodes: ['AccountAlreadyRegisteredException'],
  };
}

/** Discovery only: reports the instance and groups `landfall accounts sync` records. */
function identityCenterStep(ctx: StepContext): Step {
  return {
    id: 'identity-center',
    title: 'Identity Center instance and groups',
    async check() {
      const ic = ctx.identityCenter;
      if (!ic.found) return blocked(ic.reason);
      const groups = Object.keys(ic.groups);
      const summary = `${ic.instanceArn}, identity store ${ic.identityStoreId}, ${groups.length} group${groups.length === 1 ? '' : 's'}`;
      if (ic.missingGroups.length > 0) {
        return blocked(
          `${summary}; groups not found by display name: ${ic.missingGroups.join(', ')} (create them in Identity Center or your identity provider)`,
        );
      }
      return done(`${summary}${groups.length > 0 ? ` (${groups.join(', ')})` : ''}`);
    },
  };
}
