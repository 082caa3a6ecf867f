import * as organizations from 'aws-cdk-lib/aws-organizations';
import { Construct } from 'constructs';

export interface OrganizationPolicyProps {
  /** Policy name in AWS Organizations. */
  readonly name: string;
  /** What the policy enforces, shown in the Organizations console. */
  readonly description: string;
  /**
   * Policy type. Each must be enabled on the root first (`landfall bootstrap` does it): CloudFormation cannot
   * create a policy of a type that is not enabled.
   */
  readonly type: 'RESOURCE_CONTROL_POLICY' | 'DECLARATIVE_POLICY_EC2';
  /**
   * The policy document. AWS limits an RCP to 5,120 characters and a declarative policy to 10,000, written
   * without whitespace.
   */
  readonly document: Record<string, unknown>;
  /** IDs of the root and OUs the policy is attached to. */
  readonly targetIds: readonly string[];
}

/** One resource control policy or declarative policy, attached to its targets. */
export class OrganizationPolicy extends Construct {
  public readonly policy: organizations.CfnPolicy;

  constructor(scope: Construct, id: string, props: OrganizationPolicyProps) {
    super(scope, id);
    this.policy = new organizations.CfnPolicy(this, 'Policy', {
      name: props.name,
      description: props.description,
      type: props.type,
      content: props.document,
      targetIds: [...props.targetIds],
    });
  }
}
