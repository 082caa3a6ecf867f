import type { StackProps } from 'aws-cdk-lib';
import { ArnFormat, RemovalPolicy, Stack, Tags, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { AlarmPolicy, Severity } from '../../constructs/alarm-conventions';
import { RUNBOOKS, runbookUrl } from '../../constructs/alarm-conventions';
import type { AlarmTopics } from '../../constructs/alarm-topics';
import type { ErrorBudget, ServiceRow } from '../../constructs/environment-dashboard';
import { EnvironmentDashboard } from '../../constructs/environment-dashboard';
import { OomWatch } from '../../constructs/oom-watch';
import type { WebAlarmKind, WebServiceObjectives, WebServiceThresholds } from '../../constructs/web-service-alarms';
import { WebServiceAlarms } from '../../constructs/web-service-alarms';
import type { WorkerAlarmKind, WorkerThresholds } from '../../constructs/worker-alarms';
import { WorkerAlarms } from '../../constructs/worker-alarms';
import { TAGS } from '../naming';

/** A web service as the observability stack sees it: the ECS service, its target group, its objectives. */
export interface ObservedWebService {
  readonly kind: 'web';
  /** Service name from config. */
  readonly name: string;
  readonly service: ecs.IBaseService;
  /** The service's target group, attached to the environment's load balancer. */
  readonly targetGroup: elbv2.IApplicationTargetGroup;
  readonly objectives: WebServiceObjectives;
  readonly thresholds: WebServiceThresholds;
  /** Severity overrides. @default WEB_ALARM_SEVERITY */
  readonly severities?: Partial<Record<WebAlarmKind, Severity>>;
  /** Team that owns the service (`landfall:owner` tag on its alarms). @default the platform owner */
  readonly owner?: string;
  /**
   * Where the service's alarms are created: pass the service's own stack, so each stack stays far below
   * CloudFormation's 500-resource limit however many services an environment has. @default this stack
   */
  readonly alarmScope?: Construct;
}

/** A queue worker as the observability stack sees it: the ECS service, its queue and dead-letter queue. */
export interface ObservedWorker {
  readonly kind: 'worker';
  readonly name: string;
  readonly service: ecs.IBaseService;
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
  readonly thresholds: WorkerThresholds;
  /** Severity overrides. @default WORKER_ALARM_SEVERITY */
  readonly severities?: Partial<Record<WorkerAlarmKind, Severity>>;
  readonly owner?: string;
  /** Where the worker's alarms are created (see `ObservedWebService.alarmScope`). @default this stack */
  readonly alarmScope?: Construct;
}

export type ObservedService = ObservedWebService | ObservedWorker;

/** Construct ID of a service's alarms: `Service-<name>` here, `Alarms` inside the service's own stack. */
const alarmsId = (observed: ObservedService): string =>
  observed.alarmScope === undefined ? `Service-${observed.name}` : 'Alarms';

export interface ObservabilityStackProps extends StackProps {
  /** Environment name (descriptions, report, dashboard). */
  readonly environment: string;
  /** Prefix of alarm, topic and dashboard names, for example `landfall-prod`. */
  readonly namePrefix: string;
  readonly services: readonly ObservedService[];
  /** Clusters whose OOM stops are watched. @default the clusters of `services` */
  readonly clusters?: readonly ecs.ICluster[];
  /**
   * Create the environment's OOM watch here. An environment split over several Observability stacks creates it in
   * the first only; the services' OOM alarms count its metric wherever it lives. @default true
   */
  readonly createOomWatch?: boolean;
  /** Name of the dashboard. @default namePrefix */
  readonly dashboardName?: string;
  /** The environment's page and ticket topics (the Platform stack owns them, so service stacks can use them too). */
  readonly topics: AlarmTopics;
  /** Whether alarms notify (profile `alarmActionsEnabled`). */
  readonly alarmActionsEnabled: boolean;
  /** Whether the cluster has Container Insights (profile `containerInsights`): task-count alarms and widgets. */
  readonly containerInsights: boolean;
  /** Retention of the OOM event log group (profile `logRetentionDays`). */
  readonly logRetentionDays: number;
  /** Keep the OOM event log group when the stack deletes it (profile `retainData`). */
  readonly retainData: boolean;
  /** Base URL of `docs/runbooks/` (no trailing slash). */
  readonly runbookBaseUrl: string;
}

/**
 * The operations of one environment: the OOM watch, every service's alarms (burn rates included; created in each
 * service's stack when `alarmScope` says so) and the environment dashboard, notifying the page and ticket topics of
 * the Platform stack. Deployed after the service stacks it watches.
 */
export class ObservabilityStack extends Stack {
  public readonly topics: AlarmTopics;
  public readonly oomWatch?: OomWatch;
  public readonly dashboard: EnvironmentDashboard;
  /** Every alarm that notifies, in service order. */
  public readonly alarms: cloudwatch.IAlarm[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id, props);
    this.topics = props.topics;
    const policy: AlarmPolicy = {
      environment: props.environment,
      topics: this.topics.bySeverity,
      actionsEnabled: props.alarmActionsEnabled,
      runbookBaseUrl: props.runbookBaseUrl,
      namePrefix: props.namePrefix,
    };

    const clusters = [...new Set(props.clusters ?? props.services.map((s) => s.service.cluster))];
    if (clusters.length > 0 && (props.createOomWatch ?? true)) {
      this.oomWatch = new OomWatch(this, 'OomWatch', {
        clusters,
        topic: this.topics.ticket,
        environment: props.environment,
        runbookUrl: runbookUrl(policy, RUNBOOKS.outOfMemory),
        logGroupName: `/aws/events/${props.namePrefix}-out-of-memory`,
        retention: props.logRetentionDays as logs.RetentionDays,
        encryptionKey: this.topics.key,
        removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });
    }

    const rows: ServiceRow[] = [];
    const budgets: ErrorBudget[] = [];
    for (const observed of props.services) {
      const common = {
        policy,
        serviceName: observed.name,
        service: observed.service,
        containerInsights: props.containerInsights,
        ...(clusters.length === 0 ? {} : { outOfMemoryStops: OomWatch.metricFor(observed.service) }),
      };
      if (observed.kind === 'web') {
        const alarms = new WebServiceAlarms(observed.alarmScope ?? this, alarmsId(observed), {
          ...common,
          severities: observed.severities,
          targetGroup: observed.targetGroup,
          objectives: observed.objectives,
          thresholds: observed.thresholds,
        });
        this.tagService(alarms, observed);
        this.alarms.push(...alarms.alarms);
        rows.push({ kind: 'web', name: observed.name, web: alarms.web, ecs: alarms.ecs });
        budgets.push(
          {
            title: `${observed.name} availability ${observed.objectives.availabilityPercent}%`,
            remainingPercent: alarms.availability.budgetRemainingPercent(),
          },
          {
            title: `${observed.name} under ${observed.objectives.latencyTargetMs} ms ${observed.objectives.latencyPercent}%`,
            remainingPercent: alarms.latency.budgetRemainingPercent(),
          },
        );
      } else {
        const alarms = new WorkerAlarms(observed.alarmScope ?? this, alarmsId(observed), {
          ...common,
          severities: observed.severities,
          queue: observed.queue,
          deadLetterQueue: observed.deadLetterQueue,
          thresholds: observed.thresholds,
        });
        this.tagService(alarms, observed);
        this.alarms.push(...alarms.alarms);
        rows.push({ kind: 'worker', name: observed.name, queue: alarms.queue, ecs: alarms.ecs });
      }
    }

    this.dashboard = new EnvironmentDashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName ?? props.namePrefix,
      alarms: this.alarms.map((alarm, i) => this.byName(alarm, i)),
      errorBudgets: budgets,
      services: rows,
    });
  }

  /**
   * An alarm of another stack, referred to by its ARN built from its fixed name: the dashboard's alarm status widget
   * then needs no export per alarm from the service stacks.
   */
  private byName(alarm: cloudwatch.IAlarm, index: number): cloudwatch.IAlarm {
    if (Stack.of(alarm) === this) return alarm;
    const name = (alarm.node.defaultChild as { alarmName?: unknown } | undefined)?.alarmName;
    if (typeof name !== 'string' || Token.isUnresolved(name)) return alarm;
    const arn = this.formatArn({
      service: 'cloudwatch',
      resource: 'alarm',
      resourceName: name,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    return cloudwatch.Alarm.fromAlarmArn(this, `Alarm${index}`, arn);
  }

  private tagService(scope: Construct, observed: ObservedService): void {
    Tags.of(scope).add(TAGS.service, observed.name);
    if (observed.owner !== undefined) Tags.of(scope).add(TAGS.owner, observed.owner);
  }
}
