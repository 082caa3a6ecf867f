import * as organizations from 'aws-cdk-lib/aws-organizations';
import { Construct } from 'constructs';

export interface ServiceControlPolicyProps {
  /** Policy name in AWS Organizations. */
  readonly name: string;
  /** What the policy prevents, shown in the Organizations console. */
  readonly description: string;
  /** The policy document; AWS limits it to 5,120 characters written without whitespace. */
  readonly document: Record<string, unknown>;
  /** IDs of the root and OUs the policy is attached to. */
  readonly targetIds: readonly string[];
}

/** One service control policy attached to its targets. */
export class ServiceControlPolicy extends Construct {
  public readonly policy: organizations.CfnPolicy;

  constructor(scope: Construct, id: string, props: ServiceControlPolicyProps) {
    super(scope, id);
    this.policy = new organizations.CfnPolicy(this, 'Policy', {
      name: props.name,
      description: props.description,
      type: 'SERVICE_CONTROL_POLICY',
      content: props.document,
      targetIds: [...props.targetIds],
    });
  }
}
