import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { EnvironmentDashboard } from '../../constructs/environment-dashboard';
import { buildApp, stackAt } from '../support/example';

interface Widget {
  readonly type: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly properties: {
    readonly title?: string;
    readonly markdown?: string;
    readonly alarms?: unknown[];
    readonly annotations?: { readonly alarms?: string[] };
    readonly setPeriodToTimeRange?: boolean;
    readonly start?: string;
  };
}

const built = buildApp();

/** The dashboard body of a stack with every token replaced by `X` (tokens only ever sit inside JSON strings). */
function widgetsIn(stack: Stack): Widget[] {
  const dashboards = Template.fromStack(stack).findResources('AWS::CloudWatch::Dashboard');
  const body = Object.values(dashboards)[0].Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] } | string;
  const text =
    typeof body === 'string'
      ? body
      : body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'X')).join('');
  return (JSON.parse(text) as { widgets: Widget[] }).widgets;
}

/** The environment dashboard of the example app's Observability stack. */
const widgetsOf = (environment: string): Widget[] => widgetsIn(stackAt(built, `${environment}/Observability`));
const prod = widgetsOf('prod');
const titleOf = (w: Widget) => w.properties.title ?? w.properties.markdown ?? '';

describe('EnvironmentDashboard', () => {
  it('puts the alarm status of every notifying alarm on top, full width', () => {
    expect(prod[0]).toMatchObject({ type: 'alarm', x: 0, y: 0, width: 24 });
    // api: 6 burn-rate composites, 3 web and 4 common alarms, 7 of its database; jobs: 4 worker and 4 common.
    expect(prod[0].properties.alarms).toHaveLength(28);
  });

  it('shows every notifying alarm of the environment by the ARN of its derived name', () => {
    const arns = prod[0].properties.alarms as string[];
    expect(arns.slice(0, 2)).toEqual([
      'arn:aws:cloudwatch:ap-northeast-1:666666666666:alarm:landfall-prod-api-availability-burn-fast',
      'arn:aws:cloudwatch:ap-northeast-1:666666666666:alarm:landfall-prod-api-availability-burn-slow',
    ]);
    expect(arns.at(-1)).toBe('arn:aws:cloudwatch:ap-northeast-1:666666666666:alarm:landfall-prod-jobs-out-of-memory');
  });

  it('shows the error budget left over 30 days for each objective it is given, under the alarms', () => {
    const stack = new Stack();
    const budget = (title: string) => ({
      title,
      remainingPercent: new cloudwatch.MathExpression({
        expression: '100 - 100 * bad / 0.1',
        usingMetrics: { bad: new cloudwatch.Metric({ namespace: 'Test', metricName: 'Bad' }) },
      }),
    });
    new EnvironmentDashboard(stack, 'Dashboard', {
      dashboardName: 'landfall-prod',
      alarms: [],
      errorBudgets: [budget('api availability 99.9%'), budget('api under 300 ms 99%')],
      services: [],
    });
    const budgets = widgetsIn(stack).filter((w) => w.properties.setPeriodToTimeRange === true);
    expect(budgets.map(titleOf)).toEqual(['api availability 99.9%', 'api under 300 ms 99%']);
    for (const b of budgets) expect(b.properties.start).toBe('-P30D');
  });

  it("gives a web service one row of its 5xx, latency and target alarms' graphs, CPU, memory and tasks", () => {
    const header = prod.findIndex((w) => titleOf(w) === '### api (web)');
    expect(prod.slice(header + 1, header + 7).map(titleOf)).toEqual([
      '5xx (%)',
      'Latency p99 (s)',
      'Unhealthy targets',
      'CPU (%)',
      'Memory (%)',
      'Running / desired tasks',
    ]);
    expect(new Set(prod.slice(header + 1, header + 7).map((w) => w.y)).size).toBe(1);
    // The target group's dimensions are generated at deploy time: the graphs are the service's own alarms.
    expect(prod.slice(header + 1, header + 4).map((w) => w.properties.annotations?.alarms)).toEqual(
      ['server-errors', 'p99-latency', 'unhealthy-targets'].map((kind) => [
        `arn:aws:cloudwatch:ap-northeast-1:666666666666:alarm:landfall-prod-api-${kind}`,
      ]),
    );
  });

  it('gives a worker the same row layout with backlog, oldest message and dead letters', () => {
    const header = prod.findIndex((w) => titleOf(w) === '### jobs (worker)');
    expect(prod.slice(header + 1, header + 7).map(titleOf)).toEqual([
      'Backlog / processed',
      'Oldest message (s)',
      'Dead letters',
      'CPU (%)',
      'Memory (%)',
      'Running / desired tasks',
    ]);
  });

  it("puts a row of the database's alarm graphs under the service that owns it", () => {
    const header = prod.findIndex((w) => titleOf(w) === '### api database');
    expect(titleOf(prod[header - 7])).toBe('### api (web)');
    expect(prod.slice(header + 1, header + 8).map(titleOf)).toEqual([
      'DB CPU (%)',
      'DB freeable memory (bytes)',
      'DB connections',
      'DB capacity used (% of max ACU)',
      'DB replica lag (ms)',
      'DB deadlocks',
      'Slow statements (15 min)',
    ]);
    expect(prod.slice(header + 1, header + 8).map((w) => w.properties.annotations?.alarms?.[0])).toEqual(
      [
        'cpu-high',
        'freeable-memory-low',
        'connections-high',
        'capacity-at-max',
        'replica-lag',
        'deadlocks',
        'slow-queries',
      ].map((kind) => `arn:aws:cloudwatch:ap-northeast-1:666666666666:alarm:landfall-prod-api-db-${kind}`),
    );
    expect(prod.findIndex((w) => titleOf(w) === '### jobs database')).toBe(-1);
  });

  it('leaves out the replica-lag graph where the tier has no readers (dev)', () => {
    const dev = widgetsOf('dev');
    const header = dev.findIndex((w) => titleOf(w) === '### api database');
    const row = dev.slice(header + 1).filter((w) => titleOf(w).startsWith('DB ') || titleOf(w).startsWith('Slow'));
    expect(row.map(titleOf)).not.toContain('DB replica lag (ms)');
    expect(row.map(titleOf)).toContain('DB capacity used (% of max ACU)');
  });

  it('keeps the tasks widget in place without Container Insights and says what it needs', () => {
    const dev = widgetsOf('dev');
    const header = dev.findIndex((w) => titleOf(w) === '### api (web)');
    expect(titleOf(dev[header + 6])).toBe(
      '**Running tasks**\n\nNeeds Container Insights (profile `containerInsights: true`).',
    );
  });

  it('splits more than 100 alarms over several status widgets (CloudWatch shows at most 100 in one)', () => {
    const stack = new Stack();
    const alarms = Array.from({ length: 150 }, (_, i) =>
      cloudwatch.Alarm.fromAlarmArn(stack, `A${i}`, `arn:aws:cloudwatch:ap-northeast-1:666666666666:alarm:a${i}`),
    );
    new EnvironmentDashboard(stack, 'Dashboard', {
      dashboardName: 'landfall-prod',
      alarms,
      errorBudgets: [],
      services: [],
    });
    const body = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Dashboard'))[0].Properties
      .DashboardBody as string;
    const widgets = (JSON.parse(body) as { widgets: Widget[] }).widgets;
    expect(widgets.map((w) => [w.properties.title, w.properties.alarms?.length])).toEqual([
      ['Alarms 1-100', 100],
      ['Alarms 101-150', 50],
    ]);
  });
});
