import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';

/**
 * The one definition of every service metric, shared by the service's alarms, its scaling, its rollback alarms and
 * the environment dashboard, so a graph shows exactly what an alarm evaluates. Not a construct: plain functions over
 * dimension values, which may be tokens (a stack's own resources) or derived names (a dashboard in another stack).
 */

const MINUTE = Duration.minutes(1);

/** Dimensions of an ECS service's metrics: both are known before deployment (derived names). */
export interface EcsServiceDimensions {
  readonly clusterName: string;
  readonly serviceName: string;
}

/** The dimensions of an ECS service construct. */
export function ecsServiceDimensions(service: ecs.IBaseService): EcsServiceDimensions {
  return { clusterName: service.cluster.clusterName, serviceName: service.serviceName };
}

/** Metrics every ECS service has (AWS/ECS) and, with Container Insights, its task counts. */
export interface EcsServiceMetrics {
  readonly cpuPercent: cloudwatch.Metric;
  readonly memoryPercent: cloudwatch.Metric;
  /** Container Insights only (`ECS/ContainerInsights`). */
  readonly runningTasks?: cloudwatch.Metric;
  /** Container Insights only (`ECS/ContainerInsights`). */
  readonly desiredTasks?: cloudwatch.Metric;
}

export function ecsServiceMetrics(dimensions: EcsServiceDimensions, containerInsights: boolean): EcsServiceMetrics {
  const dimensionsMap = { ClusterName: dimensions.clusterName, ServiceName: dimensions.serviceName };
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

/** 5xx responses of the service's tasks (not of the load balancer itself), summed over `period`. */
function targetErrors(targetGroup: elbv2.IApplicationTargetGroup, period: Duration): cloudwatch.Metric {
  return targetGroup.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, {
    statistic: cloudwatch.Stats.SUM,
    period,
  });
}

/**
 * The 5xx rate: percentage of the service's requests answered 5xx by its tasks over `period`. With `minRequests`,
 * periods with fewer requests count as 0 (a rollback alarm should not fire on one error in three requests); without,
 * a period without requests has no value (a quiet service burns no error budget).
 */
export function serverErrorPercent(
  targetGroup: elbv2.IApplicationTargetGroup,
  period: Duration,
  options: { readonly minRequests?: number } = {},
): cloudwatch.MathExpression {
  const tg = targetGroup.metrics;
  const minRequests = options.minRequests ?? 0;
  return new cloudwatch.MathExpression({
    expression:
      minRequests > 0
        ? `IF(FILL(requests, 0) >= ${minRequests}, 100 * FILL(errors, 0) / FILL(requests, 1), 0)`
        : '100 * FILL(errors, 0) / requests',
    usingMetrics: {
      errors: targetErrors(targetGroup, period),
      requests: tg.requestCount({ statistic: cloudwatch.Stats.SUM, period }),
    },
    label: '5xx (%)',
    period,
  });
}

/** A web service's load balancer metrics (per target group: the service's share of a shared load balancer). */
export interface WebMetrics {
  readonly requests: cloudwatch.Metric;
  /** 5xx responses of the tasks per minute. */
  readonly serverErrors: cloudwatch.Metric;
  /** `serverErrorPercent` per minute. */
  readonly server5xxPercent: cloudwatch.IMetric;
  readonly latencyP50: cloudwatch.Metric;
  readonly latencyP99: cloudwatch.Metric;
  readonly unhealthyTargets: cloudwatch.Metric;
  readonly healthyTargets: cloudwatch.Metric;
  /** `serverErrorPercent` over any period. */
  readonly server5xxPercentOver: (period: Duration) => cloudwatch.IMetric;
  /** Percentage of requests slower than `latencyTargetMs` over any period (100 minus the percentile rank). */
  readonly slowPercentOver: (period: Duration, latencyTargetMs: number) => cloudwatch.IMetric;
}

export function webMetrics(targetGroup: elbv2.IApplicationTargetGroup): WebMetrics {
  const tg = targetGroup.metrics;
  const server5xxPercentOver = (period: Duration) => serverErrorPercent(targetGroup, period);
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
    serverErrors: targetErrors(targetGroup, MINUTE),
    server5xxPercent: server5xxPercentOver(MINUTE),
    latencyP50: tg.targetResponseTime({ statistic: cloudwatch.Stats.p(50), period: MINUTE, label: 'p50 (s)' }),
    latencyP99: tg.targetResponseTime({ statistic: cloudwatch.Stats.p(99), period: MINUTE, label: 'p99 (s)' }),
    unhealthyTargets: tg.unhealthyHostCount({ statistic: cloudwatch.Stats.MAXIMUM, period: MINUTE }),
    healthyTargets: tg.healthyHostCount({ statistic: cloudwatch.Stats.MINIMUM, period: MINUTE }),
    server5xxPercentOver,
    slowPercentOver,
  };
}

/** Names of a worker's queues: derived, so known before deployment. */
export interface QueueDimensions {
  readonly queueName: string;
  readonly deadLetterQueueName: string;
}

const sqsMetric = (queueName: string, metricName: string, options: cloudwatch.MetricOptions) =>
  new cloudwatch.Metric({ namespace: 'AWS/SQS', metricName, dimensionsMap: { QueueName: queueName }, ...options });

/** Messages of a queue waiting plus being processed (received, not yet deleted), never missing. */
function visiblePlusInFlight(queueName: string, period: Duration, label: string): cloudwatch.MathExpression {
  const max = { statistic: cloudwatch.Stats.MAXIMUM, period };
  return new cloudwatch.MathExpression({
    expression: 'FILL(visible, 0) + FILL(inFlight, 0)',
    usingMetrics: {
      visible: sqsMetric(queueName, 'ApproximateNumberOfMessagesVisible', max),
      inFlight: sqsMetric(queueName, 'ApproximateNumberOfMessagesNotVisible', max),
    },
    label,
    period,
  });
}

/** The backlog: the work the worker's tasks hold, waiting plus in flight. Scaling and the dashboard use it. */
export function queueBacklog(queueName: string, period: Duration = MINUTE): cloudwatch.MathExpression {
  return visiblePlusInFlight(queueName, period, 'backlog (waiting + in flight)');
}

/**
 * The dead-letter queue's depth, visible plus in flight: reading the DLQ to inspect it moves messages in flight and
 * changes neither the depth nor the alarms on it.
 */
export function deadLetterDepth(deadLetterQueueName: string, period: Duration = MINUTE): cloudwatch.MathExpression {
  return visiblePlusInFlight(deadLetterQueueName, period, 'dead letters');
}

/** A worker's queue metrics. */
export interface QueueMetrics {
  /** `queueBacklog`. */
  readonly backlog: cloudwatch.MathExpression;
  readonly visible: cloudwatch.Metric;
  readonly processed: cloudwatch.Metric;
  readonly oldestAgeSeconds: cloudwatch.Metric;
  /** `deadLetterDepth`. */
  readonly deadLetters: cloudwatch.MathExpression;
}

export function queueMetrics(dimensions: QueueDimensions): QueueMetrics {
  const max = { statistic: cloudwatch.Stats.MAXIMUM, period: MINUTE };
  return {
    backlog: queueBacklog(dimensions.queueName),
    visible: sqsMetric(dimensions.queueName, 'ApproximateNumberOfMessagesVisible', { ...max, label: 'waiting' }),
    processed: sqsMetric(dimensions.queueName, 'NumberOfMessagesDeleted', {
      statistic: cloudwatch.Stats.SUM,
      period: MINUTE,
      label: 'processed',
    }),
    oldestAgeSeconds: sqsMetric(dimensions.queueName, 'ApproximateAgeOfOldestMessage', { ...max, label: 'oldest (s)' }),
    deadLetters: deadLetterDepth(dimensions.deadLetterQueueName),
  };
}
