/** Step ids of the rollout plan: stable, kebab-case; CLI hints and placeholders refer to steps by these. */
import { PREFIX, STACKS, stackName, STAGES } from '../../naming';

export const STEP = {
  fillManagementAccount: 'fill-management-account',
  fillConfig: 'fill-config',
  createOrganization: 'create-organization',
  accountQuota: 'organization-account-quota',
  enableIdentityCenter: 'enable-identity-center',
  enableBillingAlerts: 'enable-billing-alerts',
  bootstrapOrganization: 'bootstrap-organization',
  syncOrganization: 'accounts-sync-organization',
  syncMembers: 'accounts-sync-members',
  delegatedAdministrators: 'bootstrap-delegated-admins',
  githubEnvironments: 'github-environments',
} as const;

/** `cdk-bootstrap-<account>-<region>`. */
export function cdkBootstrapStepId(account: string, region: string): string {
  return `cdk-bootstrap-${account}-${region}`;
}

/** `deploy-<stage>-<stack>` from the stack's CloudFormation name: `landfall-org-trail` -> `deploy-org-trail`. */
export function deployStepId(stackName: string): string {
  return `deploy-${stackName.startsWith(`${PREFIX}-`) ? stackName.slice(PREFIX.length + 1) : stackName}`;
}

/** The GitHub Actions deploy of an environment: `deploy-<environment>`. */
export function environmentDeployStepId(environment: string): string {
  return `deploy-${environment}`;
}

/** The Slack authorization in AWS Chatbot of one account: `chatbot-slack-<account>`. */
export function chatbotStepId(account: string): string {
  return `chatbot-slack-${account}`;
}

/** The external inputs (certificate, secrets) an environment needs: `inputs-<environment>`. */
export function inputsStepId(environment: string): string {
  return `inputs-${environment}`;
}

/** The email subscription confirmations of one account and region: `confirm-subscriptions-<account>-<region>`. */
export function subscriptionsStepId(account: string, region: string): string {
  return `confirm-subscriptions-${account}-${region}`;
}

/** A first-real-deploy check: `check-<id>`. */
export function firstDeployCheckStepId(id: string): string {
  return `check-${id}`;
}

/** The deploy of the Organization stack, which creates the member accounts. */
export const ORGANIZATION_DEPLOY_STEP = deployStepId(stackName(STAGES.org, STACKS.organization));
