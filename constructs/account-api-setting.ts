import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge';
import { acknowledgeCustomResourceProvider } from './custom-resource-provider-findings';

export interface AccountApiSettingProps {
  /** SDK v3 client name, for example `S3Control` or `EC2`. */
  readonly service: string;
  /** API action that applies the setting; it must be idempotent (it runs on create and on every update). */
  readonly action: string;
  /** Parameters of the call. */
  readonly parameters?: Record<string, unknown>;
  /** The IAM actions the call needs (account-level settings have no resource ARN, so they apply to `*`). */
  readonly iamActions: readonly string[];
  /** One line on what the setting does, shown in the template. */
  readonly description: string;
}

/**
 * An account-level setting that CloudFormation has no resource for (S3 account public access block, EBS
 * encryption by default), applied by one idempotent API call. Deleting the stack leaves the setting on: a
 * security baseline must not switch itself off.
 */
export class AccountApiSetting extends Construct {
  public readonly resource: cr.AwsCustomResource;

  constructor(scope: Construct, id: string, props: AccountApiSettingProps) {
    super(scope, id);
    const call: cr.AwsSdkCall = {
      service: props.service,
      action: props.action,
      parameters: props.parameters,
      physicalResourceId: cr.PhysicalResourceId.of(`${props.service}.${props.action}`),
    };
    this.resource = new cr.AwsCustomResource(this, 'Call', {
      resourceType: 'Custom::LandfallAccountSetting',
      onCreate: call,
      onUpdate: call,
      installLatestAwsSdk: false,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: [...props.iamActions], resources: ['*'] }),
      ]),
    });
    this.node.addMetadata('description', props.description);
    const actions = props.iamActions.join(', ');
    acknowledge(this.resource, {
      'AwsSolutions-IAM5[Resource::*]': `${actions} act on account-level settings that have no resource ARN; IAM accepts them only with Resource "*"`,
      'NIST.800.53.R5-IAMNoInlinePolicy': `AwsCustomResource attaches its call permissions inline to its own provider role; the policy grants only ${actions}`,
    });
    acknowledgeCustomResourceProvider(this);
  }
}
