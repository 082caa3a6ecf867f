import type { StackProps } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { ArmWebServiceProps } from '../../constructs/arm-web-service';
import { ArmWebService } from '../../constructs/arm-web-service';
import type { ServiceInputsProps } from '../../constructs/service-inputs';
import { ServiceInputs } from '../../constructs/service-inputs';

export interface WebServiceStackProps extends StackProps {
  /** Image, secrets and queues the service sends to, by name. */
  readonly inputs: ServiceInputsProps;
  /** Everything else the web service takes (cluster, listener, sizes, scaling, logs). */
  readonly service: Omit<ArmWebServiceProps, 'image' | 'secrets' | 'sendsTo'>;
}

/** One web service (`kind: web`) of an environment. */
export class WebServiceStack extends Stack {
  public readonly web: ArmWebService;

  constructor(scope: Construct, id: string, props: WebServiceStackProps) {
    super(scope, id, props);
    const inputs = new ServiceInputs(this, 'Inputs', props.inputs);
    this.web = new ArmWebService(this, 'Web', {
      ...props.service,
      image: inputs.image,
      secrets: inputs.secrets,
      sendsTo: inputs.sendsTo,
    });
  }
}
