import type { Construct } from 'constructs';
import type { LandfallModel } from '../config';
import { ORGANIZATION_RESOURCE_NAMES, ROLE_NAMES, STACKS, stackName } from '../naming';
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
  readonly guardDuty: GuardDutyStack;
  readonly securityHub: SecurityHubStack;
  readonly findings: FindingsStack;
}

/** The security account as delegated administrator: GuardDuty, Security Hub central configuration, findings. */
export function addSecurityServices(stage: Construct, stageName: string, model: LandfallModel): SecurityServiceStacks {
  const { platform } = model;
  const guardDuty = new GuardDutyStack(stage, STACKS.guardDuty, {
    ...protectedStack(stageName, STACKS.guardDuty, 'landfall GuardDuty: detector and organization auto-enable'),
    findingPublishingFrequency: platform.guardDuty.findingPublishingFrequency,
    configuratorRoleName: ROLE_NAMES.guardDutyConfigurator,
  });
  const securityHub = new SecurityHubStack(stage, STACKS.securityHub, {
    ...protectedStack(
      stageName,
      STACKS.securityHub,
      'landfall Security Hub central configuration for the organization',
    ),
    policyName: ORGANIZATION_RESOURCE_NAMES.securityHubPolicy,
    standardArns: securityHubStandardArns(model),
    disabledControls: platform.securityHub.disabledControls,
    linkedRegions: linkedRegions(model),
    rootId: platform.organization.rootId,
  });
  const findings = new FindingsStack(stage, STACKS.findings, {
    ...protectedStack(stageName, STACKS.findings, 'landfall security findings to the security notification topic'),
    emails: platform.notifications.emails,
    guardDutyMinSeverity: platform.guardDuty.notifySeverityAtLeast,
  });
  return { guardDuty, securityHub, findings };
}
