import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import type { AlarmPolicy, Severity } from './alarm-conventions';
import { RUNBOOKS, standardAlarm } from './alarm-conventions';
import type { EcsServiceMetrics } from './service-metrics';

/** Kinds every service has, web or worker. */
export type CommonAlarmKind = 'tasks-below-desired' | 'cpu-high' | 'memory-high' | 'out-of-memory';

/** The alarms web services and workers share: tasks below desired, CPU, memory, OOM kills. */
export function commonServiceAlarms(
  scope: Construct,
  policy: AlarmPolicy,
  service: string,
  metrics: EcsServiceMetrics,
  thresholds: { readonly cpuPercent: number; readonly memoryPercent: number },
  severity: (kind: CommonAlarmKind) => Severity,
  outOfMemoryStops: cloudwatch.IMetric | undefined,
): cloudwatch.Alarm[] {
  const alarms: cloudwatch.Alarm[] = [];
  if (metrics.runningTasks !== undefined && metrics.desiredTasks !== undefined) {
    alarms.push(
      standardAlarm(scope, 'TasksBelowDesired', policy, {
        service,
        kind: 'tasks-below-desired',
        severity: severity('tasks-below-desired'),
        metric: new cloudwatch.MathExpression({
          expression: 'desired - running',
          usingMetrics: { desired: metrics.desiredTasks, running: metrics.runningTasks },
          label: 'missing tasks',
          period: Duration.minutes(1),
        }),
        threshold: 1,
        evaluationPeriods: 10,
        meaning: 'fewer tasks ran than desired for 10 minutes in a row: tasks fail to start or keep stopping.',
        metricText: 'DesiredTaskCount - RunningTaskCount (Container Insights)',
        thresholdText: '>= 1 for 10 x 1 min',
        runbook: RUNBOOKS.tasksBelowDesired,
      }),
    );
  }
  const saturation = [
    {
      id: 'CpuHigh',
      kind: 'cpu-high',
      metric: metrics.cpuPercent,
      threshold: thresholds.cpuPercent,
      what: 'CPU',
      name: 'CPUUtilization',
    },
    {
      id: 'MemoryHigh',
      kind: 'memory-high',
      metric: metrics.memoryPercent,
      threshold: thresholds.memoryPercent,
      what: 'memory',
      name: 'MemoryUtilization',
    },
  ] as const;
  for (const s of saturation) {
    alarms.push(
      standardAlarm(scope, s.id, policy, {
        service,
        kind: s.kind,
        severity: severity(s.kind),
        metric: s.metric,
        threshold: s.threshold,
        evaluationPeriods: 3,
        meaning: `average ${s.what} of the service was at least ${s.threshold}% of what its tasks reserve for 15 minutes.`,
        metricText: `${s.name} (avg %)`,
        thresholdText: `>= ${s.threshold} % for 3 x 5 min`,
        runbook: RUNBOOKS.saturation,
      }),
    );
  }
  if (outOfMemoryStops !== undefined) {
    alarms.push(
      standardAlarm(scope, 'OutOfMemory', policy, {
        service,
        kind: 'out-of-memory',
        severity: severity('out-of-memory'),
        metric: outOfMemoryStops,
        threshold: 2,
        evaluationPeriods: 1,
        meaning:
          'at least two tasks were stopped by OutOfMemoryError within an hour (each kill is also announced on its own).',
        metricText: 'landfall/ECS OutOfMemoryStops (sum)',
        thresholdText: '>= 2 in 1 h',
        runbook: RUNBOOKS.outOfMemory,
      }),
    );
  }
  return alarms;
}
