import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import { Construct } from 'constructs';

export interface DisabledControl {
  /** Security control ID, for example `IAM.6`. */
  readonly control: string;
  /** Why it is off; kept in the template metadata for reviewers. */
  readonly reason: string;
}

export interface SecurityHubCentralConfigurationProps {
  /** Name of the configuration policy. */
  readonly policyName: string;
  /** ARNs of the standards the policy enables. */
  readonly standardArns: readonly string[];
  /** Controls the policy disables in every account. Every other control, including new ones, is on. */
  readonly disabledControls: readonly DisabledControl[];
  /** Regions whose findings are aggregated into this (home) region; empty aggregates none. */
  readonly linkedRegions: readonly string[];
  /** ID of the organization root: the policy applies to every account through it. */
  readonly rootId: string;
}

/**
 * Security Hub central configuration, from the delegated administrator in the home region: a finding aggregator
 * (central configuration requires one), the organization switched to CENTRAL, one configuration policy enabling
 * the standards, and its association with the root so every account, existing and new, gets it.
 */
export class SecurityHubCentralConfiguration extends Construct {
  public readonly aggregator: securityhub.CfnFindingAggregator;
  public readonly organizationConfiguration: securityhub.CfnOrganizationConfiguration;
  public readonly policy: securityhub.CfnConfigurationPolicy;
  public readonly association: securityhub.CfnPolicyAssociation;

  constructor(scope: Construct, id: string, props: SecurityHubCentralConfigurationProps) {
    super(scope, id);
    this.aggregator = new securityhub.CfnFindingAggregator(this, 'FindingAggregator', {
      regionLinkingMode: props.linkedRegions.length > 0 ? 'SPECIFIED_REGIONS' : 'NO_REGIONS',
      regions: props.linkedRegions.length > 0 ? [...props.linkedRegions] : undefined,
    });

    this.organizationConfiguration = new securityhub.CfnOrganizationConfiguration(this, 'OrganizationConfiguration', {
      configurationType: 'CENTRAL',
      autoEnable: false,
      autoEnableStandards: 'NONE',
    });
    this.organizationConfiguration.addResourceDependency(this.aggregator);

    this.policy = new securityhub.CfnConfigurationPolicy(this, 'Policy', {
      name: props.policyName,
      description: `Security Hub on, standards ${props.standardArns.map((a) => a.split('standards/')[1] ?? a).join(' and ')}, ${props.disabledControls.length} controls off`,
      configurationPolicy: {
        securityHub: {
          serviceEnabled: true,
          enabledStandardIdentifiers: [...props.standardArns],
          securityControlsConfiguration: {
            disabledSecurityControlIdentifiers: props.disabledControls.map((c) => c.control),
          },
        },
      },
    });
    this.policy.addResourceDependency(this.organizationConfiguration);
    this.policy.addMetadata(
      'landfall:disabled-controls',
      Object.fromEntries(props.disabledControls.map((c) => [c.control, c.reason])),
    );

    this.association = new securityhub.CfnPolicyAssociation(this, 'RootAssociation', {
      configurationPolicyId: this.policy.attrId,
      targetType: 'ROOT',
      targetId: props.rootId,
    });
  }
}
