import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { AlarmPolicy, Runbook, Severity } from './alarm-conventions';
import { RUNBOOKS, standardAlarm } from './alarm-conventions';

/** Alarms of a database, by stable kind (alarm names are `<prefix>-<service>-db-<kind>`). */
export type DatabaseAlarmKind =
  | 'cpu-high'
  | 'freeable-memory-low'
  | 'connections-high'
  | 'capacity-at-max'
  | 'replica-lag'
  | 'deadlocks'
  | 'slow-queries';

/** Who hears of each kind: memory and connections run out before an outage and page; the rest open tickets. */
export const DATABASE_ALARM_SEVERITY: Readonly<Record<DatabaseAlarmKind, Severity>> = {
  'cpu-high': 'ticket',
  'freeable-memory-low': 'page',
  'connections-high': 'page',
  'capacity-at-max': 'ticket',
  'replica-lag': 'ticket',
  deadlocks: 'ticket',
  'slow-queries': 'ticket',
};

/** Thresholds of a database's alarms. */
export interface DatabaseThresholds {
  readonly cpuPercent: number;
  /** FreeableMemory below this, in MiB. */
  readonly freeableMemoryMiB: number;
  /** DatabaseConnections at or above this (about 80% of `max_connections`). */
  readonly connections: number;
  /** AuroraReplicaLag at or above this, in milliseconds. */
  readonly replicaLagMs: number;
  /** Slow statements in 15 minutes at or above this. */
  readonly slowStatementsPer15Minutes: number;
}

export interface AuroraAlarmsProps {
  readonly policy: AlarmPolicy;
  /** The owning service's name: alarm names and descriptions. */
  readonly serviceName: string;
  readonly clusterIdentifier: string;
  /** The cluster's exported PostgreSQL log, where the slow-statement filter counts. */
  readonly logGroup: logs.ILogGroup;
  /** The `slowQueryMs` of the parameter group, for the descriptions. */
  readonly slowQueryMs: number;
  /** Serverless v2 (the capacity-at-max alarm) or provisioned. */
  readonly serverless: boolean;
  /** Readers besides the writer (the replica-lag alarm when above 0). */
  readonly readers: number;
  readonly thresholds: DatabaseThresholds;
  /** Severity per kind where it differs from `DATABASE_ALARM_SEVERITY`. @default DATABASE_ALARM_SEVERITY */
  readonly severities?: Partial<Record<DatabaseAlarmKind, Severity>>;
}

/** Namespace of the metrics landfall derives from database logs. */
export const DATABASE_LOG_NAMESPACE = 'landfall/Database';

/**
 * Every alarm of an Aurora cluster: CPU, freeable memory, connections near the maximum, Serverless v2 capacity at
 * its maximum, replica lag (with readers), deadlocks, and slow statements counted from the PostgreSQL log.
 */
export class AuroraAlarms extends Construct {
  public readonly alarms: cloudwatch.Alarm[] = [];
  /** Slow statements per period, from the metric filter on the PostgreSQL log. */
  public readonly slowStatements: cloudwatch.Metric;
  /** Every metric an alarm watches, by kind: the dashboard row. */
  public readonly metrics: Partial<Record<DatabaseAlarmKind, cloudwatch.IMetric>> = {};

  constructor(scope: Construct, id: string, props: AuroraAlarmsProps) {
    super(scope, id);
    const { policy, thresholds } = props;
    const dimensionsMap = { DBClusterIdentifier: props.clusterIdentifier };
    const rdsMetric = (metricName: string, statistic: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/RDS',
        metricName,
        dimensionsMap,
        statistic,
        period: Duration.minutes(5),
      });
    // Every "duration: N ms" line is one statement at least slowQueryMs slow (log_min_duration_statement).
    const filter = new logs.MetricFilter(this, 'SlowStatementFilter', {
      logGroup: props.logGroup,
      filterPattern: logs.FilterPattern.literal('"duration:"'),
      metricNamespace: DATABASE_LOG_NAMESPACE,
      metricName: `SlowStatements-${props.clusterIdentifier}`,
      metricValue: '1',
      defaultValue: 0,
    });
    this.slowStatements = filter.metric({ statistic: 'Sum', period: Duration.minutes(15) });

    const add = (
      kind: DatabaseAlarmKind,
      metric: cloudwatch.IMetric,
      args: {
        threshold: number;
        evaluationPeriods: number;
        comparison?: cloudwatch.ComparisonOperator;
        meaning: string;
        metricText: string;
        thresholdText: string;
        runbook: Runbook;
      },
    ) => {
      this.metrics[kind] = metric;
      this.alarms.push(
        standardAlarm(this, kind, policy, {
          service: props.serviceName,
          kind: `db-${kind}`,
          severity: props.severities?.[kind] ?? DATABASE_ALARM_SEVERITY[kind],
          metric,
          threshold: args.threshold,
          ...(args.comparison === undefined ? {} : { comparisonOperator: args.comparison }),
          evaluationPeriods: args.evaluationPeriods,
          meaning: args.meaning,
          metricText: args.metricText,
          thresholdText: args.thresholdText,
          runbook: args.runbook,
        }),
      );
    };
    add('cpu-high', rdsMetric('CPUUtilization', 'Average'), {
      threshold: thresholds.cpuPercent,
      evaluationPeriods: 3,
      meaning: `database CPU at or above ${thresholds.cpuPercent}% for 15 minutes.`,
      metricText: 'AWS/RDS CPUUtilization (average, 5 min)',
      thresholdText: `>= ${thresholds.cpuPercent}% for 3 of 3 periods`,
      runbook: RUNBOOKS.databaseSaturation,
    });
    add('freeable-memory-low', rdsMetric('FreeableMemory', 'Minimum'), {
      threshold: thresholds.freeableMemoryMiB * 1024 * 1024,
      comparison: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 3,
      meaning: `database freeable memory below ${thresholds.freeableMemoryMiB} MiB for 15 minutes.`,
      metricText: 'AWS/RDS FreeableMemory (minimum, 5 min)',
      thresholdText: `< ${thresholds.freeableMemoryMiB} MiB for 3 of 3 periods`,
      runbook: RUNBOOKS.databaseSaturation,
    });
    add('connections-high', rdsMetric('DatabaseConnections', 'Maximum'), {
      threshold: thresholds.connections,
      evaluationPeriods: 2,
      meaning: `database connections at or above ${thresholds.connections} (about 80% of max_connections) for 10 minutes.`,
      metricText: 'AWS/RDS DatabaseConnections (maximum, 5 min)',
      thresholdText: `>= ${thresholds.connections} for 2 of 2 periods`,
      runbook: RUNBOOKS.databaseSaturation,
    });
    if (props.serverless) {
      add('capacity-at-max', rdsMetric('ACUUtilization', 'Average'), {
        threshold: 95,
        evaluationPeriods: 3,
        meaning: 'Serverless v2 capacity at 95% or more of its maximum ACUs for 15 minutes.',
        metricText: 'AWS/RDS ACUUtilization (average, 5 min)',
        thresholdText: '>= 95% for 3 of 3 periods',
        runbook: RUNBOOKS.databaseSaturation,
      });
    }
    if (props.readers > 0) {
      add('replica-lag', rdsMetric('AuroraReplicaLagMaximum', 'Maximum'), {
        threshold: thresholds.replicaLagMs,
        evaluationPeriods: 3,
        meaning: `a reader lags the writer by ${thresholds.replicaLagMs} ms or more for 15 minutes.`,
        metricText: 'AWS/RDS AuroraReplicaLagMaximum (maximum, 5 min)',
        thresholdText: `>= ${thresholds.replicaLagMs} ms for 3 of 3 periods`,
        runbook: RUNBOOKS.databaseReplicaLag,
      });
    }
    add('deadlocks', rdsMetric('Deadlocks', 'Sum'), {
      threshold: 1,
      evaluationPeriods: 1,
      meaning: 'PostgreSQL detected deadlocks (transactions aborted to break them) in the last 5 minutes.',
      metricText: 'AWS/RDS Deadlocks (sum, 5 min)',
      thresholdText: '>= 1 in 1 period',
      runbook: RUNBOOKS.databaseDeadlocks,
    });
    add('slow-queries', this.slowStatements, {
      threshold: thresholds.slowStatementsPer15Minutes,
      evaluationPeriods: 1,
      meaning: `${thresholds.slowStatementsPer15Minutes} or more statements slower than ${props.slowQueryMs} ms in 15 minutes (npx landfall db slow-queries ${policy.environment} ${props.serviceName}).`,
      metricText: `${DATABASE_LOG_NAMESPACE} SlowStatements-${props.clusterIdentifier} (sum, 15 min)`,
      thresholdText: `>= ${thresholds.slowStatementsPer15Minutes} in 1 period`,
      runbook: RUNBOOKS.slowQueries,
    });
  }
}
