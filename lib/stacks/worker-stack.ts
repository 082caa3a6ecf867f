import type { StackProps } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Construct } from 'constructs';
import type { DatabaseConnection } from '../../constructs/database-client';
import { DatabaseClient } from '../../constructs/database-client';
import type { Severity } from '../../constructs/alarm-conventions';
import type { EnvironmentReferencesProps } from '../../constructs/environment-references';
import { EnvironmentReferences } from '../../constructs/environment-references';
import { OomWatch } from '../../constructs/oom-watch';
import type { QueueWorkerProps } from '../../constructs/queue-worker';
import { QueueWorker } from '../../constructs/queue-worker';
import type { ServiceInputsProps } from '../../constructs/service-inputs';
import { ServiceInputs } from '../../constructs/service-inputs';
import type { WorkerAlarmKind, WorkerThresholds } from '../../constructs/worker-alarms';
import { WorkerAlarms } from '../../constructs/worker-alarms';
import type { ServiceAlarmSettings } from './service-alarm-settings';
import { alarmPolicy } from './service-alarm-settings';

export interface WorkerStackProps extends StackProps {
  /** The environment's cluster, VPC, log key and topics, by derived name and SSM parameter. */
  readonly references: EnvironmentReferencesProps;
  /** Image, secrets and queues the worker sends to, by name. */
  readonly inputs: ServiceInputsProps;
  /** Everything else the worker takes (queue names, sizes, scaling, logs). */
  readonly worker: Omit<
    QueueWorkerProps,
    'image' | 'secrets' | 'sendsTo' | 'cluster' | 'logEncryptionKey' | 'alarmActions'
  >;
  /** Databases the service connects to (its own and those that grant it access). @default none */
  readonly databases?: readonly DatabaseConnection[];
  /** The worker's alarms: thresholds and the environment's alarm settings. */
  readonly alarms: ServiceAlarmSettings & {
    readonly thresholds: WorkerThresholds;
    /** Severity overrides. @default WORKER_ALARM_SEVERITY */
    readonly severities?: Partial<Record<WorkerAlarmKind, Severity>>;
  };
}

/**
 * One worker (`kind: worker`) of an environment with its alarms (dead letters, message age, stalled backlog,
 * saturation, OOM kills): its queues live here, retained where the profile says so.
 */
export class WorkerStack extends Stack {
  public readonly worker: QueueWorker;
  public readonly alarms: WorkerAlarms;

  constructor(scope: Construct, id: string, props: WorkerStackProps) {
    super(scope, id, props);
    const environment = new EnvironmentReferences(this, 'Environment', props.references);
    const inputs = new ServiceInputs(this, 'Inputs', props.inputs);
    const { topics } = environment;
    this.worker = new QueueWorker(this, 'Worker', {
      ...props.worker,
      cluster: environment.cluster,
      logEncryptionKey: environment.logKey,
      // A rollback heals itself: people hear of it through the ticket topic, not a page.
      alarmActions: props.alarms.actionsEnabled ? [new cloudwatchActions.SnsAction(topics.ticket)] : [],
      image: inputs.image,
      secrets: inputs.secrets,
      sendsTo: inputs.sendsTo,
    });
    if (props.databases !== undefined && props.databases.length > 0) {
      const [securityGroup] = this.worker.service.connections.securityGroups;
      if (securityGroup === undefined) throw new Error(`${this.node.path}: the service has no security group`);
      new DatabaseClient(this, 'Databases', {
        taskDefinition: this.worker.taskDefinition,
        securityGroup,
        connections: props.databases,
      });
    }
    this.alarms = new WorkerAlarms(this, 'Alarms', {
      policy: alarmPolicy(props.alarms, topics),
      serviceName: props.alarms.serviceName,
      service: this.worker.service,
      queue: this.worker.queue,
      deadLetterQueue: this.worker.deadLetterQueue,
      thresholds: props.alarms.thresholds,
      containerInsights: props.alarms.containerInsights,
      outOfMemoryStops: OomWatch.metricFor(this.worker.service),
      ...(props.alarms.severities === undefined ? {} : { severities: props.alarms.severities }),
    });
  }
}
