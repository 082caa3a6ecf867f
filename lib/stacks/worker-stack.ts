import type { StackProps } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { QueueWorkerProps } from '../../constructs/queue-worker';
import { QueueWorker } from '../../constructs/queue-worker';
import type { ServiceInputsProps } from '../../constructs/service-inputs';
import { ServiceInputs } from '../../constructs/service-inputs';

export interface WorkerStackProps extends StackProps {
  /** Image, secrets and queues the worker sends to, by name. */
  readonly inputs: ServiceInputsProps;
  /** Everything else the worker takes (cluster, queue names, sizes, scaling, logs). */
  readonly worker: Omit<QueueWorkerProps, 'image' | 'secrets' | 'sendsTo'>;
}

/** One worker (`kind: worker`) of an environment: its queues live here, retained where the profile says so. */
export class WorkerStack extends Stack {
  public readonly worker: QueueWorker;

  constructor(scope: Construct, id: string, props: WorkerStackProps) {
    super(scope, id, props);
    const inputs = new ServiceInputs(this, 'Inputs', props.inputs);
    this.worker = new QueueWorker(this, 'Worker', {
      ...props.worker,
      image: inputs.image,
      secrets: inputs.secrets,
      sendsTo: inputs.sendsTo,
    });
  }
}
