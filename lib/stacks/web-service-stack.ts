import type { StackProps } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Construct } from 'constructs';
import type { DatabaseConnection } from '../../constructs/database-client';
import { DatabaseClient } from '../../constructs/database-client';
import type { Severity } from '../../constructs/alarm-conventions';
import type { ArmWebServiceProps } from '../../constructs/arm-web-service';
import { ArmWebService } from '../../constructs/arm-web-service';
import type { EnvironmentReferencesProps } from '../../constructs/environment-references';
import { EnvironmentReferences } from '../../constructs/environment-references';
import { OomWatch } from '../../constructs/oom-watch';
import type { ServiceInputsProps } from '../../constructs/service-inputs';
import { ServiceInputs } from '../../constructs/service-inputs';
import type { WebAlarmKind, WebServiceObjectives, WebServiceThresholds } from '../../constructs/web-service-alarms';
import { WebServiceAlarms } from '../../constructs/web-service-alarms';
import type { ServiceAlarmSettings } from './service-alarm-settings';
import { alarmPolicy } from './service-alarm-settings';

export interface WebServiceStackProps extends StackProps {
  /** The environment's cluster, VPC, listener, log key and topics, by derived name and SSM parameter. */
  readonly references: EnvironmentReferencesProps;
  /** Image, secrets and queues the service sends to, by name. */
  readonly inputs: ServiceInputsProps;
  /** Everything else the web service takes (sizes, routing, scaling, logs). */
  readonly service: Omit<
    ArmWebServiceProps,
    'image' | 'secrets' | 'sendsTo' | 'cluster' | 'listener' | 'logEncryptionKey' | 'alarmActions'
  >;
  /** Databases the service connects to (its own and those that grant it access). @default none */
  readonly databases?: readonly DatabaseConnection[];
  /** The service's alarms: objectives, thresholds and the environment's alarm settings. */
  readonly alarms: ServiceAlarmSettings & {
    readonly objectives: WebServiceObjectives;
    readonly thresholds: WebServiceThresholds;
    /** Severity overrides. @default WEB_ALARM_SEVERITY */
    readonly severities?: Partial<Record<WebAlarmKind, Severity>>;
  };
}

/**
 * One web service (`kind: web`) of an environment with its alarms (burn rates, 5xx, latency, targets, saturation,
 * OOM kills): the stack owns everything of the service and takes nothing from another stack through an export.
 */
export class WebServiceStack extends Stack {
  public readonly web: ArmWebService;
  public readonly alarms: WebServiceAlarms;

  constructor(scope: Construct, id: string, props: WebServiceStackProps) {
    super(scope, id, props);
    const environment = new EnvironmentReferences(this, 'Environment', props.references);
    const inputs = new ServiceInputs(this, 'Inputs', props.inputs);
    const { topics } = environment;
    this.web = new ArmWebService(this, 'Web', {
      ...props.service,
      cluster: environment.cluster,
      listener: environment.listener,
      logEncryptionKey: environment.logKey,
      // A rollback heals itself: people hear of it through the ticket topic, not a page.
      alarmActions: props.alarms.actionsEnabled ? [new cloudwatchActions.SnsAction(topics.ticket)] : [],
      image: inputs.image,
      secrets: inputs.secrets,
      sendsTo: inputs.sendsTo,
    });
    if (props.databases !== undefined && props.databases.length > 0) {
      const [securityGroup] = this.web.service.connections.securityGroups;
      if (securityGroup === undefined) throw new Error(`${this.node.path}: the service has no security group`);
      new DatabaseClient(this, 'Databases', {
        taskDefinition: this.web.taskDefinition,
        securityGroup,
        connections: props.databases,
      });
    }
    const { targetGroup, alternateTargetGroup } = this.web;
    this.alarms = new WebServiceAlarms(this, 'Alarms', {
      policy: alarmPolicy(props.alarms, topics),
      serviceName: props.alarms.serviceName,
      service: this.web.service,
      targetGroup: alternateTargetGroup === undefined ? targetGroup : [targetGroup, alternateTargetGroup],
      objectives: props.alarms.objectives,
      thresholds: props.alarms.thresholds,
      containerInsights: props.alarms.containerInsights,
      outOfMemoryStops: OomWatch.metricFor(this.web.service),
      ...(props.alarms.severities === undefined ? {} : { severities: props.alarms.severities }),
    });
    // Besides its 5xx rate, a deployment rolls back on the p99 latency alarm and the fast burn rates' short windows.
    // Their metrics are the target groups' only, so naming them in the service makes no dependency cycle.
    this.web.addDeploymentAlarms(this.alarms.deploymentAlarms);
  }
}
