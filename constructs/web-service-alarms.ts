import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import type { AlarmPolicy, Severity } from './alarm-conventions';
import { RUNBOOKS, standardAlarm } from './alarm-conventions';
import { BurnRateAlarm } from './burn-rate-alarm';
import { commonServiceAlarms } from './common-service-alarms';
import type { EcsServiceMetrics, ServiceTargetGroups, WebMetrics } from './service-metrics';
import { ecsServiceDimensions, ecsServiceMetrics, webMetrics } from './service-metrics';

/** Alarms of a web service besides its burn rates, by stable kind. */
export type WebAlarmKind =
  | 'server-errors'
  | 'p99-latency'
  | 'unhealthy-targets'
  | 'tasks-below-desired'
  | 'cpu-high'
  | 'memory-high'
  | 'out-of-memory';

/** Who hears of each kind, unless overridden: burn rates page; everything else waits for working hours. */
export const WEB_ALARM_SEVERITY: Readonly<Record<WebAlarmKind, Severity>> = {
  'server-errors': 'ticket',
  'p99-latency': 'ticket',
  'unhealthy-targets': 'ticket',
  'tasks-below-desired': 'ticket',
  'cpu-high': 'ticket',
  'memory-high': 'ticket',
  'out-of-memory': 'ticket',
};

/** A web service's objectives (30 days). */
export interface WebServiceObjectives {
  /** Share of requests not answered 5xx, in percent (for example 99.9). */
  readonly availabilityPercent: number;
  /** A request is good when answered within this many milliseconds. */
  readonly latencyTargetMs: number;
  /** Share of requests that must be good, in percent (for example 99). */
  readonly latencyPercent: number;
}

/** Thresholds of a web service's other alarms. */
export interface WebServiceThresholds {
  /** p99 target response time that opens a ticket, in milliseconds. */
  readonly p99LatencyMs: number;
  /** Share of 5xx responses over 15 minutes that opens a ticket. */
  readonly server5xxPercent: number;
  readonly cpuPercent: number;
  readonly memoryPercent: number;
}

export interface WebServiceAlarmsProps {
  readonly policy: AlarmPolicy;
  /** Service name as people know it (config name): alarm names, descriptions, report. */
  readonly serviceName: string;
  readonly service: ecs.IBaseService;
  /**
   * The service's target group on the (shared) load balancer, or both of a canary or linear service (primary,
   * alternate); each must be attached to a load balancer.
   */
  readonly targetGroup: ServiceTargetGroups;
  readonly objectives: WebServiceObjectives;
  readonly thresholds: WebServiceThresholds;
  /**
   * Container Insights is on for the cluster: task counts exist, so "running tasks below desired" can alarm.
   * @default false
   */
  readonly containerInsights?: boolean;
  /** Count of the service's tasks stopped by OutOfMemoryError (see `OomWatch.metricFor`). @default no OOM alarm */
  readonly outOfMemoryStops?: cloudwatch.IMetric;
  /** Severity per kind where it differs from `WEB_ALARM_SEVERITY`. @default WEB_ALARM_SEVERITY */
  readonly severities?: Partial<Record<WebAlarmKind, Severity>>;
}

/**
 * Every alarm of a web service: availability and latency objectives as multi-window burn rates, and 5xx share,
 * p99 latency, unhealthy targets, running tasks below desired, CPU, memory and OOM kills.
 */
export class WebServiceAlarms extends Construct {
  public readonly availability: BurnRateAlarm;
  public readonly latency: BurnRateAlarm;
  /** The alarms that notify (composites and metric alarms; not the composites' inputs). */
  public readonly alarms: cloudwatch.IAlarm[] = [];
  public readonly web: WebMetrics;
  public readonly ecs: EcsServiceMetrics;
  /** p99 latency at or above the threshold for 15 minutes (a ticket; also a deployment alarm). */
  public readonly p99Latency: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: WebServiceAlarmsProps) {
    super(scope, id);
    const { policy, serviceName: service, objectives, thresholds } = props;
    const severity = (kind: WebAlarmKind): Severity => props.severities?.[kind] ?? WEB_ALARM_SEVERITY[kind];
    this.web = webMetrics(props.targetGroup);
    this.ecs = ecsServiceMetrics(ecsServiceDimensions(props.service), props.containerInsights ?? false);

    this.availability = new BurnRateAlarm(this, 'Availability', {
      policy,
      service,
      objective: 'availability',
      objectivePercent: objectives.availabilityPercent,
      badEventPercent: (period) => this.web.server5xxPercentOver(period),
      badEvents: '5xx responses',
      metricText: 'HTTPCode_Target_5XX_Count / RequestCount (%)',
      runbook: RUNBOOKS.availabilityBurn,
    });
    this.latency = new BurnRateAlarm(this, 'Latency', {
      policy,
      service,
      objective: 'latency',
      objectivePercent: objectives.latencyPercent,
      badEventPercent: (period) => this.web.slowPercentOver(period, objectives.latencyTargetMs),
      badEvents: `requests slower than ${objectives.latencyTargetMs} ms`,
      metricText: `100 - TargetResponseTime PR(:${objectives.latencyTargetMs / 1000}) (%)`,
      runbook: RUNBOOKS.latencyBurn,
    });
    this.alarms.push(...this.availability.alarms, ...this.latency.alarms);

    const fiveMinutes = Duration.minutes(5);
    this.p99Latency = standardAlarm(this, 'P99Latency', policy, {
      service,
      kind: 'p99-latency',
      severity: severity('p99-latency'),
      metric: this.web.latencyP99Over(fiveMinutes),
      threshold: thresholds.p99LatencyMs / 1000,
      evaluationPeriods: 3,
      meaning: `the slowest 1% of requests took at least ${thresholds.p99LatencyMs} ms in each of the last three 5-minute periods.`,
      metricText: 'TargetResponseTime p99 (s)',
      thresholdText: `>= ${thresholds.p99LatencyMs / 1000} s for 3 x 5 min`,
      runbook: RUNBOOKS.latencyBurn,
    });
    this.alarms.push(
      standardAlarm(this, 'ServerErrors', policy, {
        service,
        kind: 'server-errors',
        severity: severity('server-errors'),
        metric: this.web.server5xxPercentOver(fiveMinutes),
        threshold: thresholds.server5xxPercent,
        evaluationPeriods: 3,
        meaning: `at least ${thresholds.server5xxPercent}% of requests were answered 5xx in each of the last three 5-minute periods.`,
        metricText: 'HTTPCode_Target_5XX_Count / RequestCount (%)',
        thresholdText: `>= ${thresholds.server5xxPercent} % for 3 x 5 min`,
        runbook: RUNBOOKS.availabilityBurn,
      }),
      this.p99Latency,
      standardAlarm(this, 'UnhealthyTargets', policy, {
        service,
        kind: 'unhealthy-targets',
        severity: severity('unhealthy-targets'),
        metric: this.web.unhealthyTargets,
        threshold: 1,
        evaluationPeriods: 5,
        meaning: 'at least one task failed the load balancer health check for 5 minutes in a row.',
        metricText: 'UnHealthyHostCount (max)',
        thresholdText: '>= 1 for 5 x 1 min',
        runbook: RUNBOOKS.unhealthyTargets,
      }),
    );
    this.alarms.push(
      ...commonServiceAlarms(this, policy, service, this.ecs, thresholds, severity, props.outOfMemoryStops),
    );
  }

  /**
   * The alarms that roll a running deployment of the service back, besides the 5xx-rate rollback alarm of
   * `ArmWebService`: the p99 latency alarm and the short windows of both fast burn rates. ECS takes metric alarm names
   * (`DeploymentAlarms.AlarmNames`); the short window is the part of a fast burn that reacts to a new revision within
   * minutes, where the composite also waits for its hour-long window.
   */
  public get deploymentAlarms(): cloudwatch.IAlarm[] {
    const fastShort = (burn: BurnRateAlarm) => {
      const alarm = burn.node.tryFindChild('Fast')?.node.tryFindChild('Short');
      if (!(alarm instanceof cloudwatch.Alarm)) throw new Error(`${burn.node.path}: no fast short-window alarm`);
      return alarm;
    };
    return [this.p99Latency, fastShort(this.availability), fastShort(this.latency)];
  }
}
