import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { acknowledgeTagsSchemaLag } from './lint-schema-lag';
import type { EcsServiceMetrics, QueueMetrics } from './service-metrics';

/**
 * A web service's row: its 5xx, p99 latency and unhealthy-targets alarms (each graph is the alarm's own metric with
 * its threshold), CPU, memory, running tasks. The load balancer's metrics need the target group's generated name, so
 * a dashboard in another stack shows them through the service's alarms.
 */
export interface WebServiceRow {
  readonly kind: 'web';
  readonly name: string;
  readonly serverErrors: cloudwatch.IAlarm;
  readonly p99Latency: cloudwatch.IAlarm;
  readonly unhealthyTargets: cloudwatch.IAlarm;
  readonly ecs: EcsServiceMetrics;
}

/** A worker's row: backlog and processed, oldest message, DLQ, CPU, memory, running tasks. */
export interface WorkerRow {
  readonly kind: 'worker';
  readonly name: string;
  readonly queue: QueueMetrics;
  readonly ecs: EcsServiceMetrics;
}

/**
 * A service's database under the service's row: each graph is one of the database's alarms (its metric and
 * threshold). Alarms that do not apply (capacity on provisioned instances, replica lag without readers) are absent.
 */
export interface DatabaseRow {
  readonly cpu: cloudwatch.IAlarm;
  readonly freeableMemory: cloudwatch.IAlarm;
  readonly connections: cloudwatch.IAlarm;
  /** Serverless v2 capacity used. @default none (provisioned instances) */
  readonly capacity?: cloudwatch.IAlarm;
  /** Readers' lag behind the writer. @default none (no readers) */
  readonly replicaLag?: cloudwatch.IAlarm;
  readonly deadlocks: cloudwatch.IAlarm;
  readonly slowStatements: cloudwatch.IAlarm;
}

/** A service's row, and its database's row under it when the service has one. */
export type ServiceRow = (WebServiceRow | WorkerRow) & {
  /** @default no database row */
  readonly database?: DatabaseRow;
};

/** One objective's error budget left over the last 30 days. */
export interface ErrorBudget {
  /** For example `api availability 99.9%`. */
  readonly title: string;
  /** Percent of the budget left (see `BurnRateAlarm.budgetRemainingPercent`). */
  readonly remainingPercent: cloudwatch.IMetric;
}

export interface EnvironmentDashboardProps {
  readonly dashboardName: string;
  /** Alarms shown in the status widget on top (those that notify). */
  readonly alarms: readonly cloudwatch.IAlarm[];
  /** Error budget left per objective, under the alarm status. @default none */
  readonly errorBudgets?: readonly ErrorBudget[];
  readonly services: readonly ServiceRow[];
  /**
   * Each service's releases over time (a count at each deployment start, `ReleaseMarker.metricFor`), in one
   * full-width graph above the service rows, so a change in a row below lines up with the release that caused it.
   * @default no release graph
   */
  readonly releases?: readonly cloudwatch.IMetric[];
}

const GRID = 24;
const MAX_ALARMS_PER_WIDGET = 100;
const WIDGET = { width: 4, height: 6 } as const;

/**
 * One dashboard per environment: the alarm status on top, the error budget left per objective, then one row per
 * service with the same widgets in the same places (web and worker rows differ only where their metrics do), and
 * a database row under each service that owns a database.
 */
export class EnvironmentDashboard extends Construct {
  public readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: EnvironmentDashboardProps) {
    super(scope, id);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
    });
    acknowledgeTagsSchemaLag(this.dashboard);
    // An alarm status widget shows at most 100 alarms: one full-width widget per hundred.
    for (let i = 0; i < props.alarms.length; i += MAX_ALARMS_PER_WIDGET) {
      const alarms = props.alarms.slice(i, i + MAX_ALARMS_PER_WIDGET);
      this.dashboard.addWidgets(
        new cloudwatch.AlarmStatusWidget({
          title: props.alarms.length > MAX_ALARMS_PER_WIDGET ? `Alarms ${i + 1}-${i + alarms.length}` : 'Alarms',
          alarms: [...alarms],
          width: GRID,
          height: Math.min(12, 2 + Math.ceil(alarms.length / 4)),
          sortBy: cloudwatch.AlarmStatusWidgetSortBy.STATE_UPDATED_TIMESTAMP,
        }),
      );
    }
    const budgets = props.errorBudgets ?? [];
    if (budgets.length > 0) {
      this.dashboard.addWidgets(
        new cloudwatch.TextWidget({ markdown: '### Error budget left (last 30 days)', width: GRID, height: 1 }),
        ...budgets.map(
          (b) =>
            new cloudwatch.SingleValueWidget({
              title: b.title,
              metrics: [b.remainingPercent],
              setPeriodToTimeRange: true,
              start: '-P30D',
              width: Math.max(4, Math.floor(GRID / Math.min(budgets.length, 6))),
              height: 4,
            }),
        ),
      );
    }
    const releases = props.releases ?? [];
    if (releases.length > 0) {
      this.dashboard.addWidgets(
        new cloudwatch.GraphWidget({
          title: 'Releases (ECS deployments started)',
          left: [...releases],
          leftYAxis: { min: 0, showUnits: false },
          width: GRID,
          height: 4,
        }),
      );
    }
    for (const row of props.services) {
      this.dashboard.addWidgets(
        new cloudwatch.TextWidget({ markdown: `### ${row.name} (${row.kind})`, width: GRID, height: 1 }),
        ...(row.kind === 'web' ? webWidgets(row) : workerWidgets(row)),
        ...capacityWidgets(row.ecs),
      );
      if (row.database !== undefined) {
        this.dashboard.addWidgets(
          new cloudwatch.TextWidget({ markdown: `### ${row.name} database`, width: GRID, height: 1 }),
          ...databaseWidgets(row.database),
        );
      }
    }
  }
}

function graph(title: string, left: cloudwatch.IMetric[], right: cloudwatch.IMetric[] = []): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({ title, left, right, ...WIDGET });
}

function alarmGraph(title: string, alarm: cloudwatch.IAlarm): cloudwatch.IWidget {
  return new cloudwatch.AlarmWidget({ title, alarm, ...WIDGET });
}

function webWidgets(row: WebServiceRow): cloudwatch.IWidget[] {
  return [
    alarmGraph('5xx (%)', row.serverErrors),
    alarmGraph('Latency p99 (s)', row.p99Latency),
    alarmGraph('Unhealthy targets', row.unhealthyTargets),
  ];
}

function workerWidgets(row: WorkerRow): cloudwatch.IWidget[] {
  return [
    graph('Backlog / processed', [row.queue.backlog], [row.queue.processed]),
    graph('Oldest message (s)', [row.queue.oldestAgeSeconds]),
    graph('Dead letters', [row.queue.deadLetters]),
  ];
}

function databaseWidgets(db: DatabaseRow): cloudwatch.IWidget[] {
  return [
    alarmGraph('DB CPU (%)', db.cpu),
    alarmGraph('DB freeable memory (bytes)', db.freeableMemory),
    alarmGraph('DB connections', db.connections),
    ...(db.capacity === undefined ? [] : [alarmGraph('DB capacity used (% of max ACU)', db.capacity)]),
    ...(db.replicaLag === undefined ? [] : [alarmGraph('DB replica lag (ms)', db.replicaLag)]),
    alarmGraph('DB deadlocks', db.deadlocks),
    alarmGraph('Slow statements (15 min)', db.slowStatements),
  ];
}

function capacityWidgets(metrics: EcsServiceMetrics): cloudwatch.IWidget[] {
  const tasks =
    metrics.runningTasks !== undefined && metrics.desiredTasks !== undefined
      ? graph('Running / desired tasks', [metrics.runningTasks, metrics.desiredTasks])
      : new cloudwatch.TextWidget({
          markdown: '**Running tasks**\n\nNeeds Container Insights (profile `containerInsights: true`).',
          ...WIDGET,
        });
  return [graph('CPU (%)', [metrics.cpuPercent]), graph('Memory (%)', [metrics.memoryPercent]), tasks];
}
