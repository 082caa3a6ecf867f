import type { StackProps } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { ControlParameter, DisabledControl } from '../../constructs/security-hub-central-configuration';
import { SecurityHubCentralConfiguration } from '../../constructs/security-hub-central-configuration';

export interface SecurityHubStackProps extends StackProps {
  /** Name of the configuration policy. */
  readonly policyName: string;
  /** Standards the policy enables (ARNs in the home region). */
  readonly standardArns: readonly string[];
  /** Controls off in every account, with reasons. */
  readonly disabledControls: readonly DisabledControl[];
  /** Regions aggregated into the home region. */
  readonly linkedRegions: readonly string[];
  /** The organization root, which the policy is associated with. */
  readonly rootId: string;
  /** Control parameters set in every account. @default none */
  readonly controlParameters?: readonly ControlParameter[];
}

/** The delegated administrator's hub and Security Hub central configuration for the whole organization. */
export class SecurityHubStack extends Stack {
  public readonly configuration: SecurityHubCentralConfiguration;

  constructor(scope: Construct, id: string, props: SecurityHubStackProps) {
    super(scope, id, props);
    this.configuration = new SecurityHubCentralConfiguration(this, 'CentralConfiguration', {
      policyName: props.policyName,
      standardArns: props.standardArns,
      disabledControls: props.disabledControls,
      linkedRegions: props.linkedRegions,
      rootId: props.rootId,
      controlParameters: props.controlParameters,
    });
  }
}
