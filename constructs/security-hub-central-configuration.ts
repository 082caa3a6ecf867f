import { RemovalPolicy } from 'aws-cdk-lib';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import { Construct } from 'constructs';

export interface DisabledControl {
  /** Security control ID, for example `IAM.6`. */
  readonly control: string;
  /** Why it is off; kept in the template metadata for reviewers. */
  readonly reason: string;
}

/** A Boolean parameter of a security control, set in every account (for example Config.1's service-linked role check). */
export interface ControlParameter {
  /** Security control ID, for example `Config.1`. */
  readonly control: string;
  /** Parameter name, for example `includeConfigServiceLinkedRoleCheck`. */
  readonly parameter: string;
  readonly value: boolean;
  /** Why it differs from Security Hub's default; kept in the template metadata. */
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
  /** Control parameters the policy sets in every account. @default none */
  readonly controlParameters?: readonly ControlParameter[];
}

/**
 * Security Hub central configuration, from the delegated administrator in the home region: the account's hub, a
 * finding aggregator (central configuration requires one), the organization switched to CENTRAL, one configuration
 * policy enabling the standards, and its association with the root so every account, existing and new, gets it.
 *
 * The hub is declared here because CloudFormation requires it first ("You must create an AWS::SecurityHub::Hub
 * resource for an account before you can create other types of Security Hub resources for the account", the
 * AWS::SecurityHub::Hub page), and the Security Hub documentation does not say that designating the delegated
 * administrator enables Security Hub in that account. Every other resource depends on it. Default standards stay
 * off (the policy chooses the standards) and control findings are consolidated (one finding per control).
 */
export class SecurityHubCentralConfiguration extends Construct {
  public readonly hub: securityhub.CfnHub;
  public readonly aggregator: securityhub.CfnFindingAggregator;
  public readonly organizationConfiguration: securityhub.CfnOrganizationConfiguration;
  public readonly policy: securityhub.CfnConfigurationPolicy;
  public readonly association: securityhub.CfnPolicyAssociation;

  constructor(scope: Construct, id: string, props: SecurityHubCentralConfigurationProps) {
    super(scope, id);
    this.hub = new securityhub.CfnHub(this, 'Hub', {
      enableDefaultStandards: false,
      controlFindingGenerator: 'SECURITY_CONTROL',
    });
    // Deleting the stack leaves Security Hub on (a deployment never switches detection off), and a retained resource
    // is what `cdk import` needs when the account already has a hub (docs/organization.md).
    this.hub.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.aggregator = new securityhub.CfnFindingAggregator(this, 'FindingAggregator', {
      regionLinkingMode: props.linkedRegions.length > 0 ? 'SPECIFIED_REGIONS' : 'NO_REGIONS',
      regions: props.linkedRegions.length > 0 ? [...props.linkedRegions] : undefined,
    });
    this.aggregator.addResourceDependency(this.hub);

    this.organizationConfiguration = new securityhub.CfnOrganizationConfiguration(this, 'OrganizationConfiguration', {
      configurationType: 'CENTRAL',
      autoEnable: false,
      autoEnableStandards: 'NONE',
    });
    this.organizationConfiguration.addResourceDependency(this.aggregator);

    const parameters = props.controlParameters ?? [];
    this.policy = new securityhub.CfnConfigurationPolicy(this, 'Policy', {
      name: props.policyName,
      description: `Security Hub on, standards ${props.standardArns.map((a) => a.split('standards/')[1] ?? a).join(' and ')}, ${props.disabledControls.length} controls off`,
      configurationPolicy: {
        securityHub: {
          serviceEnabled: true,
          enabledStandardIdentifiers: [...props.standardArns],
          securityControlsConfiguration: {
            disabledSecurityControlIdentifiers: props.disabledControls.map((c) => c.control),
            ...(parameters.length === 0
              ? {}
              : {
                  securityControlCustomParameters: parameters.map((p) => ({
                    securityControlId: p.control,
                    parameters: { [p.parameter]: { valueType: 'CUSTOM', value: { boolean: p.value } } },
                  })),
                }),
          },
        },
      },
    });
    this.policy.addResourceDependency(this.organizationConfiguration);
    this.policy.addMetadata(
      'landfall:disabled-controls',
      Object.fromEntries(props.disabledControls.map((c) => [c.control, c.reason])),
    );
    if (parameters.length > 0) {
      this.policy.addMetadata(
        'landfall:control-parameters',
        Object.fromEntries(parameters.map((p) => [`${p.control}.${p.parameter}`, p.reason])),
      );
    }

    this.association = new securityhub.CfnPolicyAssociation(this, 'RootAssociation', {
      configurationPolicyId: this.policy.attrId,
      targetType: 'ROOT',
      targetId: props.rootId,
    });
    for (const resource of [this.organizationConfiguration, this.policy, this.association]) {
      resource.addResourceDependency(this.hub);
    }
  }
}
