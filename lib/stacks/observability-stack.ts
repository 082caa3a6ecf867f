import type { RemovalPolicy, StackProps } from 'aws-cdk-lib';
import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { EnvironmentReferencesProps } from '../../constructs/environment-references';
import { EnvironmentReferences } from '../../constructs/environment-references';
import type { DatabaseRow, ServiceRow } from '../../constructs/environment-dashboard';
import { EnvironmentDashboard } from '../../constructs/environment-dashboard';
import { OomWatch } from '../../constructs/oom-watch';
import { SecretAgeWatch } from '../../constructs/secret-age-watch';
import { ReleaseMarker } from '../../constructs/release-marker';
import { ecsServiceMetrics, queueMetrics } from '../../constructs/service-metrics';

/** A web service on the dashboard: names only, so this stack needs nothing from the service's stack. */
export interface DashboardWebService {
  readonly kind: 'web';
  /** Service name from config. */
  readonly name: string;
  /** Name of its ECS service in the environment's cluster. */
  readonly ecsServiceName: string;
  /** Names of its alarms: those that notify (the alarm status), and those whose graphs the row shows. */
  readonly alarms: {
    readonly notifying: readonly string[];
    readonly serverErrors: string;
    readonly p99Latency: string;
    readonly unhealthyTargets: string;
  };
}

/** A worker on the dashboard: names only. */
export interface DashboardWorker {
  readonly kind: 'worker';
  readonly name: string;
  readonly ecsServiceName: string;
  readonly queueName: string;
  readonly deadLetterQueueName: string;
  readonly alarms: { readonly notifying: readonly string[] };
}

/** A service's database on the dashboard: its alarms' derived names by kind (absent kinds do not apply). */
export interface DashboardDatabase {
  readonly alarms: {
    readonly 'cpu-high': string;
    readonly 'freeable-memory-low': string;
    readonly 'connections-high': string;
    readonly 'capacity-at-max'?: string;
    readonly 'replica-lag'?: string;
    readonly deadlocks: string;
    readonly 'slow-queries': string;
  };
}

export type DashboardService = (DashboardWebService | DashboardWorker) & {
  /** The database the service owns. @default none */
  readonly database?: DashboardDatabase;
};

export interface ObservabilityStackProps extends StackProps {
  /** Environment name (descriptions, the OOM announcement). */
  readonly environment: string;
  /** The environment's cluster, topics and log key, by derived name and SSM parameter. */
  readonly references: EnvironmentReferencesProps;
  /** Name of the dashboard, for example `landfall-prod` or `landfall-prod-2`. */
  readonly dashboardName: string;
  readonly services: readonly DashboardService[];
  /** Whether the cluster has Container Insights (profile `containerInsights`): task-count widgets. */
  readonly containerInsights: boolean;
  /**
   * The environment's OOM watch, in the first Observability stack only: its log group, how long it keeps the stop
   * events, what happens to it when the stack deletes it, and the runbook its announcements link.
   * @default no OOM watch in this stack
   */
  readonly oomWatch?: {
    readonly logGroupName: string;
    readonly retention: logs.RetentionDays;
    readonly removalPolicy: RemovalPolicy;
    readonly runbookUrl: string;
  };
  /**
   * The environment's secret-age watch, in the first Observability stack only: its Config rule's name, the days a
   * secret may stay unchanged and the runbook its announcements link.
   * @default no secret-age watch in this stack
   */
  readonly secretAgeWatch?: {
    readonly ruleName: string;
    readonly maxAgeDays: number;
    readonly runbookUrl: string;
  };
  /**
   * The release markers of this stack's services: the log group that keeps their deployment events, how long, and
   * what happens to it when the stack deletes it. @default no release graph
   */
  readonly releaseMarker?: {
    readonly logGroupName: string;
    readonly retention: logs.RetentionDays;
    readonly removalPolicy: RemovalPolicy;
  };
}

/**
 * The operations of an environment that belong to no service: the OOM and secret-age watches and the dashboard. Every alarm lives in
 * its service's stack; the dashboard refers to alarms by the ARNs of their derived names and builds every other
 * metric from derived dimensions (cluster, ECS service and queue names). Metrics whose dimensions only exist after
 * deployment (the target group's generated name: requests, 5xx, latency) are shown through the service's own alarm
 * widgets. Nothing is imported from a service stack, so this stack deploys side by side with them.
 */
export class ObservabilityStack extends Stack {
  public readonly oomWatch?: OomWatch;
  public readonly secretAgeWatch?: SecretAgeWatch;
  public readonly releaseMarker?: ReleaseMarker;
  public readonly dashboard: EnvironmentDashboard;

  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id, props);
    const environment = new EnvironmentReferences(this, 'Environment', props.references);
    if (props.oomWatch !== undefined) {
      this.oomWatch = new OomWatch(this, 'OomWatch', {
        clusterArns: [environment.clusterArn],
        topic: environment.topics.ticket,
        environment: props.environment,
        runbookUrl: props.oomWatch.runbookUrl,
        logGroupName: props.oomWatch.logGroupName,
        retention: props.oomWatch.retention,
        encryptionKey: environment.logKey,
        removalPolicy: props.oomWatch.removalPolicy,
      });
    }

    if (props.secretAgeWatch !== undefined) {
      this.secretAgeWatch = new SecretAgeWatch(this, 'SecretAgeWatch', {
        ...props.secretAgeWatch,
        topic: environment.topics.ticket,
        environment: props.environment,
      });
    }
    if (props.releaseMarker !== undefined) {
      this.releaseMarker = new ReleaseMarker(this, 'ReleaseMarker', {
        clusterName: props.references.clusterName,
        serviceNames: props.services.map((s) => s.ecsServiceName),
        environment: props.environment,
        logGroupName: props.releaseMarker.logGroupName,
        retention: props.releaseMarker.retention,
        encryptionKey: environment.logKey,
        removalPolicy: props.releaseMarker.removalPolicy,
      });
    }

    // Alarms of other stacks by the ARN of their derived name: no export per alarm, no dependency on the stack.
    const alarms = new Map<string, cloudwatch.IAlarm>();
    const alarm = (name: string): cloudwatch.IAlarm => {
      const known = alarms.get(name);
      if (known !== undefined) return known;
      const arn = this.formatArn({
        service: 'cloudwatch',
        resource: 'alarm',
        resourceName: name,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
      const imported = cloudwatch.Alarm.fromAlarmArn(this, `Alarm-${name}`, arn);
      alarms.set(name, imported);
      return imported;
    };
    const databaseRow = (db: DashboardDatabase): DatabaseRow => {
      const optional = (name: string | undefined) => (name === undefined ? undefined : alarm(name));
      const capacity = optional(db.alarms['capacity-at-max']);
      const replicaLag = optional(db.alarms['replica-lag']);
      return {
        cpu: alarm(db.alarms['cpu-high']),
        freeableMemory: alarm(db.alarms['freeable-memory-low']),
        connections: alarm(db.alarms['connections-high']),
        ...(capacity === undefined ? {} : { capacity }),
        ...(replicaLag === undefined ? {} : { replicaLag }),
        deadlocks: alarm(db.alarms.deadlocks),
        slowStatements: alarm(db.alarms['slow-queries']),
      };
    };
    const rows = props.services.map((service): ServiceRow => {
      const ecs = ecsServiceMetrics(
        { clusterName: props.references.clusterName, serviceName: service.ecsServiceName },
        props.containerInsights,
      );
      const database = service.database === undefined ? {} : { database: databaseRow(service.database) };
      return service.kind === 'web'
        ? {
            ...database,
            kind: 'web',
            name: service.name,
            serverErrors: alarm(service.alarms.serverErrors),
            p99Latency: alarm(service.alarms.p99Latency),
            unhealthyTargets: alarm(service.alarms.unhealthyTargets),
            ecs,
          }
        : {
            ...database,
            kind: 'worker',
            name: service.name,
            queue: queueMetrics({ queueName: service.queueName, deadLetterQueueName: service.deadLetterQueueName }),
            ecs,
          };
    });
    this.dashboard = new EnvironmentDashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      alarms: props.services.flatMap((s) => [
        ...s.alarms.notifying.map(alarm),
        ...Object.values(s.database?.alarms ?? {}).map(alarm),
      ]),
      services: rows,
      ...(props.releaseMarker === undefined
        ? {}
        : {
            releases: props.services.map((s) =>
              ReleaseMarker.metricFor(props.references.clusterName, s.ecsServiceName),
            ),
          }),
    });
  }
}
