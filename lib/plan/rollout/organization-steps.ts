/**
 * Before the first deploy, and the organization itself: the placeholders only the user can fill in, the
 * organization and its account quota, Identity Center, billing alerts, `landfall bootstrap`, `accounts sync`, the
 * management account's `cdk bootstrap`, the Organization stack, and the delegated administrators.
 */
import { cdkBootstrapCommand, toolkitCheck } from './commands';
import type { PlanContext } from './context';
import { deployStep, stacksAt, step } from './context';
import { cdkBootstrapStepId, STEP } from './ids';
import { accountRegions, BILLING_REGION, ORGANIZATIONS_REGION } from './inventory';
import { acceptStepId, importSteps, invitationSteps } from './invitation-steps';
import type { RolloutStep } from './types';

/** `fill-management-account`, `fill-config`, the organization, its quota, Identity Center, billing alerts. */
export function prepareSteps(ctx: PlanContext): RolloutStep[] {
  const { model, home, management } = ctx;
  const { platform } = model;
  const icRegion = platform.identityCenter.region ?? home;
  const groups = Object.keys(platform.identityCenter.groups);
  const accountCount = platform.accounts.length;
  return [
    step(management, home, {
      id: STEP.fillManagementAccount,
      kind: 'manual',
      title:
        "Put the management account's real ID and root email in config/platform.ts (every command and deploy targets that account)",
      needs: [],
      check: {
        description:
          "no placeholder is left in the management account's id and email, and they are the organization's management account",
        command: `aws sts get-caller-identity --profile ${management.name} --query Account --output text`,
      },
      phase: 'prepare',
      reads: 'management-account',
    }),
    step(management, home, {
      id: STEP.fillConfig,
      kind: 'manual',
      title:
        "Fill in the rest of what only you know: the member accounts' root emails, notification emails, Slack IDs and domain names (`npx landfall rollout` lists what is left)",
      needs: [STEP.fillManagementAccount],
      check: {
        description: 'no placeholder of config/platform.ts is left for you to fill in',
        command: 'npx landfall rollout --offline',
      },
      phase: 'prepare',
      reads: 'placeholders',
    }),
    step(management, ORGANIZATIONS_REGION, {
      id: STEP.createOrganization,
      kind: 'manual',
      title:
        'Create the organization with all features from the management account (`aws organizations create-organization --feature-set ALL`), or enable all features of the existing one',
      needs: [STEP.fillManagementAccount],
      check: {
        description: "the organization exists, its management account is the config's, and its feature set is ALL",
        command: `aws organizations describe-organization --profile ${management.name} --query "Organization.[Id,MasterAccountId,FeatureSet]" --output text`,
      },
      phase: 'prepare',
      reads: 'organization',
    }),
    step(management, ORGANIZATIONS_REGION, {
      id: STEP.accountQuota,
      kind: 'manual',
      title: `Make sure the organization may hold ${accountCount} accounts: new organizations may allow fewer than the default 10; request an increase in Service Quotas (us-east-1) if not`,
      needs: [STEP.createOrganization],
      check: {
        description: `Service Quotas console in us-east-1 > AWS services > AWS Organizations: the quota on the number of accounts is at least ${accountCount} (the Organizations console lists the accounts it already holds)`,
        command: `aws service-quotas list-service-quotas --service-code organizations --region us-east-1 --profile ${management.name} --query "Quotas[].[QuotaName,QuotaCode,Value]" --output text`,
      },
      phase: 'prepare',
      reads: 'account-quota',
    }),
    step(management, icRegion, {
      id: STEP.enableIdentityCenter,
      kind: 'manual',
      title: `Enable IAM Identity Center (the organization instance) in ${icRegion} in the management account's console${groups.length > 0 ? `, and create the groups ${groups.join(', ')}` : ''}`,
      needs: [STEP.createOrganization],
      check: {
        description: `an Identity Center instance exists in ${icRegion}${groups.length > 0 ? ' and every configured group is found by display name' : ''}`,
        command: `aws sso-admin list-instances --region ${icRegion} --profile ${management.name} --query "Instances[].[InstanceArn,IdentityStoreId,Status]" --output text`,
      },
      phase: 'prepare',
      reads: 'identity-center',
    }),
    step(management, BILLING_REGION, {
      id: STEP.enableBillingAlerts,
      kind: 'manual',
      title:
        'Enable billing alerts in the management account (Billing and Cost Management console > Billing preferences > CloudWatch billing alerts): AWS/Billing EstimatedCharges exists only in us-east-1, and only after that',
      needs: [STEP.fillManagementAccount],
      check: {
        description: 'CloudWatch in us-east-1 lists the EstimatedCharges metric (about 15 minutes after enabling)',
        command: `aws cloudwatch list-metrics --namespace AWS/Billing --metric-name EstimatedCharges --region us-east-1 --profile ${management.name} --query "length(Metrics)"`,
      },
      phase: 'prepare',
      reads: 'confirm',
    }),
  ];
}

/** `landfall bootstrap`, `accounts sync`, the management account's `cdk bootstrap` and the Organization stack. */
export function organizationSteps(ctx: PlanContext): RolloutStep[] {
  const { model, home, management } = ctx;
  const regions = accountRegions(model, management);
  const allowed = model.platform.allowedRegions;
  const organization = deployStep(
    stacksAt(ctx, (s) => s.role === 'organization'),
    {
      title:
        'The organization stack: OUs, the member accounts (created one at a time, retained), the SCP guardrails, the data-perimeter RCP and the EC2 declarative policy (needs their policy types and the real root ID)',
      needs: [STEP.fillConfig, STEP.accountQuota, STEP.bootstrapOrganization, STEP.syncOrganization],
      phase: 'organization',
    },
  );
  const invitations = invitationSteps(ctx);
  const invitedAccounts = model.platform.accounts.filter((a) => a.invited === true && a.role !== 'management');
  return [
    step(management, home, {
      id: STEP.bootstrapOrganization,
      kind: 'cli',
      title:
        'Prepare the organization: trusted access for Identity Center, GuardDuty, Security Hub, Config, CloudTrail and IAM, the SCP, RCP and EC2 declarative policy types, and centralized root access (`npx landfall bootstrap` shows the plan first; its delegated-administrator steps wait for the security account)',
      needs: [STEP.createOrganization],
      command: 'npx landfall bootstrap --apply',
      check: {
        description: 'the trusted-access, policy-type and root-access steps of `landfall bootstrap` are done',
        command: 'npx landfall bootstrap',
      },
      phase: 'organization',
      reads: 'organization-bootstrap',
    }),
    step(management, home, {
      id: STEP.syncOrganization,
      kind: 'cli',
      title:
        "Record the organization's ID and root ID (and Identity Center's IDs, once enabled) in config/discovered.json; commit it (the sync reports the member accounts as missing until Org/Organization creates them)",
      needs: [STEP.createOrganization],
      command: 'npx landfall accounts sync',
      check: {
        description: "the config's organization and root IDs are the organization's",
        command: 'npx landfall accounts sync --dry-run',
      },
      phase: 'organization',
      reads: 'organization-ids',
    }),
    ...regions.map((region) =>
      step(management, region, {
        id: cdkBootstrapStepId(management.name, region),
        kind: 'cli',
        title: `cdk bootstrap the management account in ${region}`,
        needs: [STEP.fillManagementAccount],
        command: cdkBootstrapCommand(model, management, region),
        check: {
          description: `the ${region} bootstrap stack CDKToolkit exists with qualifier ${model.platform.deploy.cdkQualifier}`,
          command: toolkitCheck(management, region),
        },
        phase: 'organization',
        reads: 'cdk-toolkit',
        group: {
          id: 'cdk-bootstrap-management',
          title:
            'cdk bootstrap the management account in every region its stacks use, after creating the execution policy and boundary there (`npx landfall accounts cdk-bootstrap --write-policies .` prints the commands and writes the documents)',
        },
      }),
    ),
    ...invitations,
    organization,
    step(management, home, {
      id: STEP.syncMembers,
      kind: 'cli',
      title: "Record the new member accounts' IDs (and Identity Center's) in config/discovered.json; commit it",
      needs: [organization.id, ...invitedAccounts.map((a) => acceptStepId(a.name))],
      command: 'npx landfall accounts sync',
      check: {
        description: 'every config account is in the organization, found by email, with its real ID in the config',
        command: 'npx landfall accounts sync --dry-run',
      },
      phase: 'organization',
      reads: 'member-account-ids',
    }),
    ...importSteps(ctx, organization.id),
    step(management, home, {
      id: STEP.delegatedAdministrators,
      kind: 'cli',
      title: `Make the security account the GuardDuty administrator in every allowed region (${allowed.join(', ')}) and the Security Hub administrator in ${home} (\`landfall bootstrap\` again, now that the account exists)`,
      needs: [organization.id, STEP.bootstrapOrganization],
      command: 'npx landfall bootstrap --apply',
      check: {
        description: 'the delegated-administrator steps of `landfall bootstrap` are done',
        command: 'npx landfall bootstrap',
      },
      phase: 'organization',
      reads: 'delegated-administrators',
    }),
  ];
}
