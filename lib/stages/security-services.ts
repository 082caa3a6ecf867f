import type { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { LandfallModel } from '../config';
import { ORGANIZATION_RESOURCE_NAMES, regionalStackId, ROLE_NAMES, STACKS, stackName } from '../naming';
import { linkedRegions, securityHubStandardArns } from '../plan/security-services';
import { FindingsStack } from '../stacks/findings-stack';
import { GuardDutyStack } from '../stacks/guardduty-stack';
import { SecurityHubStack } from '../stacks/security-hub-stack';

/** Props every stack of the shared accounts gets: its landfall name, a description and termination protection. */
export const protectedStack = (stageName: string, stack: string, description: string) => ({
  stackName: stackName(stageName, stack),
  description,
  terminationProtection: true,
});

export interface SecurityServiceStacks {
  /** The home region's GuardDuty stack (`GuardDuty`). */
  readonly guardDuty: GuardDutyStack;
  /** One `GuardDuty-<region>` stack per other allowed region. */
  readonly regionalGuardDuty: readonly GuardDutyStack[];
  readonly securityHub: SecurityHubStack;
  readonly findings: FindingsStack;
}

/**
 * Security Hub control parameters that differ from Security Hub's defaults because of landfall's design. Config.1
 * ("AWS Config should be enabled and use the service-linked role for resource recording", Critical) fails by
 * default when the recorder uses another role; landfall's recorders use the `landfall-config-recorder` role, which
 * the Config Developer Guide recommends for many accounts delivering to one bucket ("we recommend using IAM roles
 * instead of service-linked roles so you can use AWS Organizations conditions keys such as AWS:PrincipalOrgID").
 */
export const CONTROL_PARAMETERS = [
  {
    control: 'Config.1',
    parameter: 'includeConfigServiceLinkedRoleCheck',
    value: false,
    reason:
      'landfall records with its own landfall-config-recorder role so the log-archive bucket can admit it by aws:PrincipalOrgID; Config.1 still checks that Config records in every account and region',
  },
] as const;

/**
 * The security account as delegated administrator: GuardDuty in every allowed region, Security Hub (its hub and
 * central configuration) and the findings notifications. `after` are the account's Baselines: Security Hub
 * evaluates controls from the configuration items they record, so the hub and its policy come after them.
 */
export function addSecurityServices(
  stage: Construct,
  stageName: string,
  model: LandfallModel,
  after: readonly Stack[] = [],
): SecurityServiceStacks {
  const { platform } = model;
  const guardDutyStack = (region: string, id: string, roleExists: boolean) =>
    new GuardDutyStack(stage, id, {
      ...protectedStack(stageName, id, `landfall GuardDuty in ${region}: detector and organization auto-enable`),
      env: { account: model.accounts.security.id, region },
      findingPublishingFrequency: platform.guardDuty.findingPublishingFrequency,
      configuratorRoleName: ROLE_NAMES.guardDutyConfigurator,
      configuratorRoleExists: roleExists,
    });
  const guardDuty = guardDutyStack(platform.homeRegion, STACKS.guardDuty, false);
  const regionalGuardDuty = linkedRegions(model).map((region) => {
    const stack = guardDutyStack(region, regionalStackId(STACKS.guardDuty, region), true);
    stack.addStackDependency(
      guardDuty,
      'the GuardDuty configurator role is created by the home-region GuardDuty stack',
    );
    return stack;
  });
  const securityHub = new SecurityHubStack(stage, STACKS.securityHub, {
    ...protectedStack(
      stageName,
      STACKS.securityHub,
      'landfall Security Hub: the hub and central configuration for the organization',
    ),
    policyName: ORGANIZATION_RESOURCE_NAMES.securityHubPolicy,
    standardArns: securityHubStandardArns(model),
    disabledControls: platform.securityHub.disabledControls,
    linkedRegions: linkedRegions(model),
    rootId: platform.organization.rootId,
    controlParameters: CONTROL_PARAMETERS,
  });
  for (const stack of after)
    securityHub.addStackDependency(stack, 'Security Hub controls evaluate what Config records');
  const findings = new FindingsStack(stage, STACKS.findings, {
    ...protectedStack(stageName, STACKS.findings, 'landfall security findings to the security notification topic'),
    emails: platform.notifications.emails,
    guardDutyMinSeverity: platform.guardDuty.notifySeverityAtLeast,
    homeRegion: platform.homeRegion,
  });
  return { guardDuty, regionalGuardDuty, securityHub, findings };
}
