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
 * The target groups a web service's metrics cover: its primary one and, with a canary or linear deployment, the
 * alternate one. ECS moves traffic between the two on every deployment, so a metric of one alone goes quiet once
 * the other serves; every metric here is over both.
 */
export type ServiceTargetGroups =
  elbv2.IApplicationTargetGroup | readonly [elbv2.IApplicationTargetGroup, elbv2.IApplicationTargetGroup];

const bothOf = (targetGroups: ServiceTargetGroups) =>
  Array.isArray(targetGroups) ? (targetGroups as readonly elbv2.IApplicationTargetGroup[]) : undefined;

/** Sum of one metric over both target groups, each missing value counting 0. */
function summed(
  pair: readonly elbv2.IApplicationTargetGroup[],
  metric: (tg: elbv2.IApplicationTargetGroup) => cloudwatch.IMetric,
  label: string,
  period: Duration,
): cloudwatch.MathExpression {
  return new cloudwatch.MathExpression({
    expression: 'FILL(a, 0) + FILL(b, 0)',
    usingMetrics: { a: metric(pair[0]!), b: metric(pair[1]!) },
    label,
    period,
  });
}

/**
 * The 5xx rate: percentage of the service's requests answered 5xx by its tasks over `period`. With `minRequests`,
 * periods with fewer requests count as 0 (a rollback alarm should not fire on one error in three requests); without,
 * a period without requests has no value (a quiet service burns no error budget).
 */
export function serverErrorPercent(
  targetGroups: ServiceTargetGroups,
  period: Duration,
  options: { readonly minRequests?: number } = {},
): cloudwatch.MathExpression {
  const minRequests = options.minRequests ?? 0;
  const pair = bothOf(targetGroups);
  const requests = (tg: elbv2.IApplicationTargetGroup) =>
    tg.metrics.requestCount({ statistic: cloudwatch.Stats.SUM, period });
  const expression = (errors: string, requestCount: string) =>
    minRequests > 0
      ? `IF(${requestCount} >= ${minRequests}, 100 * ${errors} / ${requestCount}, 0)`
      : `100 * ${errors} / ${requestCount}`;
  if (pair === undefined) {
    const targetGroup = targetGroups as elbv2.IApplicationTargetGroup;
    return new cloudwatch.MathExpression({
      expression:
        minRequests > 0
          ? `IF(FILL(requests, 0) >= ${minRequests}, 100 * FILL(errors, 0) / FILL(requests, 1), 0)`
          : '100 * FILL(errors, 0) / requests',
      usingMetrics: { errors: targetErrors(targetGroup, period), requests: requests(targetGroup) },
      label: '5xx (%)',
      period,
    });
  }
  // Both target groups: a period without any request has no value (the division has no denominator).
  return new cloudwatch.MathExpression({
    expression:
      minRequests > 0
        ? expression('(FILL(e1, 0) + FILL(e2, 0))', '(FILL(r1, 0) + FILL(r2, 0))')
        : 'IF(FILL(r1, 0) + FILL(r2, 0) > 0, 100 * (FILL(e1, 0) + FILL(e2, 0)) / (FILL(r1, 0) + FILL(r2, 0)))',
    usingMetrics: {
      e1: targetErrors(pair[0]!, period),
      e2: targetErrors(pair[1]!, period),
      r1: requests(pair[0]!),
      r2: requests(pair[1]!),
    },
    label: '5xx (%)',
    period,
  });
}

/** A web service's load balancer metrics (per target group: the service's share of a shared load balancer). */
export interface WebMetrics {
  readonly requests: cloudwatch.IMetric;
  /** 5xx responses of the tasks per minute. */
  readonly serverErrors: cloudwatch.IMetric;
  /** `serverErrorPercent` per minute. */
  readonly server5xxPercent: cloudwatch.IMetric;
  readonly latencyP50: cloudwatch.IMetric;
  readonly latencyP99: cloudwatch.IMetric;
  readonly unhealthyTargets: cloudwatch.IMetric;
  readonly healthyTargets: cloudwatch.IMetric;
  /** `serverErrorPercent` over any period. */
  readonly server5xxPercentOver: (period: Duration) => cloudwatch.IMetric;
  /**
   * p99 response time over any period; over two target groups the higher of the two (a canary slower than the rest
   * shows, though percentiles of two groups cannot be merged).
   */
  readonly latencyP99Over: (period: Duration) => cloudwatch.IMetric;
  /** Percentage of requests slower than `latencyTargetMs` over any period (100 minus the percentile rank). */
  readonly slowPercentOver: (period: Duration, latencyTargetMs: number) => cloudwatch.IMetric;
}

export function webMetrics(targetGroups: ServiceTargetGroups): WebMetrics {
  const pair = bothOf(targetGroups);
  if (pair !== undefined) return pairedWebMetrics(pair);
  const targetGroup = targetGroups as elbv2.IApplicationTargetGroup;
  const tg = targetGroup.metrics;
  const server5xxPercentOver = (period: Duration) => serverErrorPercent(targetGroup, period);
  const latencyP99Over = (period: Duration) =>
    tg.targetResponseTime({ statistic: cloudwatch.Stats.p(99), period, label: 'p99 (s)' });
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
    latencyP99: latencyP99Over(MINUTE),
    unhealthyTargets: tg.unhealthyHostCount({ statistic: cloudwatch.Stats.MAXIMUM, period: MINUTE }),
    healthyTargets: tg.healthyHostCount({ statistic: cloudwatch.Stats.MINIMUM, period: MINUTE }),
    server5xxPercentOver,
    latencyP99Over,
    slowPercentOver,
  };
}

/** `webMetrics` over the primary and the alternate target group of a canary or linear service. */
function pairedWebMetrics(pair: readonly elbv2.IApplicationTargetGroup[]): WebMetrics {
  const higher = (metric: (tg: elbv2.IApplicationTargetGroup) => cloudwatch.IMetric, label: string, period: Duration) =>
    new cloudwatch.MathExpression({
      expression: 'MAX([FILL(a, 0), FILL(b, 0)])',
      usingMetrics: { a: metric(pair[0]!), b: metric(pair[1]!) },
      label,
      period,
    });
  const percentile = (p: number, period: Duration) => (tg: elbv2.IApplicationTargetGroup) =>
    tg.metrics.targetResponseTime({ statistic: cloudwatch.Stats.p(p), period });
  const server5xxPercentOver = (period: Duration) => serverErrorPercent(pair as ServiceTargetGroups, period);
  const latencyP99Over = (period: Duration) => higher(percentile(99, period), 'p99 (s)', period);
  // The share of slow requests over both groups: each group's percentile rank weighted by its requests.
  const slowPercentOver = (period: Duration, latencyTargetMs: number) => {
    const rank = cloudwatch.Stats.percentileRank(latencyTargetMs / 1000);
    const requests = '(FILL(r1, 0) + FILL(r2, 0))';
    return new cloudwatch.MathExpression({
      expression: `IF(${requests} > 0, 100 - (FILL(f1, 100) * FILL(r1, 0) + FILL(f2, 100) * FILL(r2, 0)) / ${requests})`,
      usingMetrics: {
        f1: pair[0]!.metrics.targetResponseTime({ statistic: rank, period }),
        f2: pair[1]!.metrics.targetResponseTime({ statistic: rank, period }),
        r1: pair[0]!.metrics.requestCount({ statistic: cloudwatch.Stats.SUM, period }),
        r2: pair[1]!.metrics.requestCount({ statistic: cloudwatch.Stats.SUM, period }),
      },
      label: `slower than ${latencyTargetMs} ms (%)`,
      period,
    });
  };
  const count = (name: 'requestCount' | 'healthyHostCount', statistic: string) => (tg: elbv2.IApplicationTargetGroup) =>
    tg.metrics[name]({ statistic, period: MINUTE });
  return {
    requests: summed(pair, count('requestCount', cloudwatch.Stats.SUM), 'requests', MINUTE),
    serverErrors: summed(pair, (tg) => targetErrors(tg, MINUTE), '5xx', MINUTE),
    server5xxPercent: server5xxPercentOver(MINUTE),
    latencyP50: higher(percentile(50, MINUTE), 'p50 (s)', MINUTE),
    latencyP99: latencyP99Over(MINUTE),
    unhealthyTargets: higher(
      (tg) => tg.metrics.unhealthyHostCount({ statistic: cloudwatch.Stats.MAXIMUM, period: MINUTE }),
      'unhealthy',
      MINUTE,
    ),
    healthyTargets: summed(pair, count('healthyHostCount', cloudwatch.Stats.MINIMUM), 'healthy', MINUTE),
    server5xxPercentOver,
    latencyP99Over,
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
