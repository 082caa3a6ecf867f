import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type * as sqs from 'aws-cdk-lib/aws-sqs';

/**
 * The metrics of a service, built once and shared by its alarms and its dashboard row. Not a construct: plain
 * functions over the typed resources, so a dashboard shows exactly what the alarms evaluate.
 */

const MINUTE = Duration.minutes(1);

/** Metrics every ECS service has (AWS/ECS) and, with Container Insights, its task counts. */
export interface EcsServiceMetrics {
  readonly cpuPercent: cloudwatch.IMetric;
  readonly memoryPercent: cloudwatch.IMetric;
  /** Container Insights only (`ECS/ContainerInsights`). */
  readonly runningTasks?: cloudwatch.IMetric;
  /** Container Insights only (`ECS/ContainerInsights`). */
  readonly desiredTasks?: cloudwatch.IMetric;
}

export function ecsServiceMetrics(service: ecs.IBaseService, containerInsights: boolean): EcsServiceMetrics {
  const dimensionsMap = { ClusterName: service.cluster.clusterName, ServiceName: service.serviceName };
  const ecsMetric = (metricName: string) =>
    new cloudwatch.Metric({
      namespace: 'AWS/ECS',
      metricName,
      dimensionsMap,
      statistic: cloudwatch.Stats.AVERAGE,
      period: Duration.minutes(5),
    });
  const insights = (metricName: string, label: string) =>
    new cloudwatch.Metric({
      namespace: 'ECS/ContainerInsights',
      metricName,
      dimensionsMap,
      statistic: cloudwatch.Stats.AVERAGE,
      period: MINUTE,
      label,
    });
  return {
    cpuPercent: ecsMetric('CPUUtilization'),
    memoryPercent: ecsMetric('MemoryUtilization'),
    ...(containerInsights
      ? { runningTasks: insights('RunningTaskCount', 'running'), desiredTasks: insights('DesiredTaskCount', 'desired') }
      : {}),
  };
}

/** A web service's load balancer metrics (per target group: the service's share of a shared load balancer). */
export interface WebMetrics {
  readonly requests: cloudwatch.IMetric;
  /** Percentage of requests answered 5xx by the service, per minute. */
  readonly server5xxPercent: cloudwatch.IMetric;
  readonly latencyP50: cloudwatch.Metric;
  readonly latencyP99: cloudwatch.Metric;
  readonly unhealthyTargets: cloudwatch.IMetric;
  /** Percentage of 5xx responses over any period. */
  readonly server5xxPercentOver: (period: Duration) => cloudwatch.IMetric;
  /** Percentage of requests slower than `latencyTargetMs` over any period (100 minus the percentile rank). */
  readonly slowPercentOver: (period: Duration, latencyTargetMs: number) => cloudwatch.IMetric;
}

export function webMetrics(targetGroup: elbv2.IApplicationTargetGroup): WebMetrics {
  const tg = targetGroup.metrics;
  const server5xxPercentOver = (period: Duration) =>
    new cloudwatch.MathExpression({
      expression: '100 * FILL(errors, 0) / requests',
      usingMetrics: {
        errors: tg.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { statistic: cloudwatch.Stats.SUM }),
        requests: tg.requestCount({ statistic: cloudwatch.Stats.SUM }),
      },
      label: '5xx (%)',
      period,
    });
  const slowPercentOver = (period: Duration, latencyTargetMs: number) =>
    new cloudwatch.MathExpression({
      expression: '100 - fast',
      usingMetrics: {
        fast: tg.targetResponseTime({ statistic: cloudwatch.Stats.percentileRank(latencyTargetMs / 1000) }),
      },
      label: `slower than ${latencyTargetMs} ms (%)`,
      period,
    });
  return {
    requests: tg.requestCount({ statistic: cloudwatch.Stats.SUM, period: MINUTE, label: 'requests' }),
    server5xxPercent: server5xxPercentOver(MINUTE),
    latencyP50: tg.targetResponseTime({ statistic: cloudwatch.Stats.p(50), period: MINUTE, label: 'p50 (s)' }),
    latencyP99: tg.targetResponseTime({ statistic: cloudwatch.Stats.p(99), period: MINUTE, label: 'p99 (s)' }),
    unhealthyTargets: tg.unhealthyHostCount({ statistic: cloudwatch.Stats.MAXIMUM, period: MINUTE }),
    server5xxPercentOver,
    slowPercentOver,
  };
}

/** A worker's queue metrics. */
export interface QueueMetrics {
  /** Messages waiting plus messages being processed. */
  readonly backlog: cloudwatch.IMetric;
  readonly visible: cloudwatch.IMetric;
  readonly processed: cloudwatch.IMetric;
  readonly oldestAgeSeconds: cloudwatch.IMetric;
  /** Messages in the dead-letter queue, visible or being inspected. */
  readonly deadLetters: cloudwatch.IMetric;
}

export function queueMetrics(queue: sqs.IQueue, deadLetterQueue: sqs.IQueue): QueueMetrics {
  const max = { statistic: cloudwatch.Stats.MAXIMUM, period: MINUTE };
  return {
    backlog: new cloudwatch.MathExpression({
      expression: 'FILL(visible, 0) + FILL(inFlight, 0)',
      usingMetrics: {
        visible: queue.metricApproximateNumberOfMessagesVisible(max),
        inFlight: queue.metricApproximateNumberOfMessagesNotVisible(max),
      },
      label: 'backlog (waiting + in flight)',
      period: MINUTE,
    }),
    visible: queue.metricApproximateNumberOfMessagesVisible({ ...max, label: 'waiting' }),
    processed: queue.metricNumberOfMessagesDeleted({
      statistic: cloudwatch.Stats.SUM,
      period: MINUTE,
      label: 'processed',
    }),
    oldestAgeSeconds: queue.metricApproximateAgeOfOldestMessage({ ...max, label: 'oldest (s)' }),
    deadLetters: new cloudwatch.MathExpression({
      expression: 'FILL(dlqVisible, 0) + FILL(dlqInFlight, 0)',
      usingMetrics: {
        dlqVisible: deadLetterQueue.metricApproximateNumberOfMessagesVisible(max),
        dlqInFlight: deadLetterQueue.metricApproximateNumberOfMessagesNotVisible(max),
      },
      label: 'dead letters',
      period: MINUTE,
    }),
  };
}
