import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { EnvironmentDashboard } from '../../constructs/environment-dashboard';
import { buildOperationsFixture } from '../support/operations-fixture';

interface Widget {
  readonly type: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly properties: {
    readonly title?: string;
    readonly markdown?: string;
    readonly alarms?: unknown[];
    readonly setPeriodToTimeRange?: boolean;
    readonly start?: string;
  };
}

/** The dashboard body with every token replaced by `X` (tokens only ever sit inside JSON strings). */
function widgetsOf(environment: string): Widget[] {
  const fixture = buildOperationsFixture({ environment });
  const dashboards = Template.fromStack(fixture.observability).findResources('AWS::CloudWatch::Dashboard');
  const body = Object.values(dashboards)[0].Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] } | string;
  const text =
    typeof body === 'string'
      ? body
      : body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'X')).join('');
  return (JSON.parse(text) as { widgets: Widget[] }).widgets;
}

const prod = widgetsOf('prod');
const titleOf = (w: Widget) => w.properties.title ?? w.properties.markdown ?? '';

describe('EnvironmentDashboard', () => {
  it('puts the alarm status of every notifying alarm on top, full width', () => {
    expect(prod[0]).toMatchObject({ type: 'alarm', x: 0, y: 0, width: 24 });
    expect(prod[0].properties.alarms).toHaveLength(21);
  });

  it('shows the error budget left over 30 days for each objective, under the alarms', () => {
    const budgets = prod.filter((w) => w.properties.setPeriodToTimeRange === true);
    expect(budgets.map(titleOf)).toEqual(['api availability 99.9%', 'api under 300 ms 99%']);
    for (const b of budgets) expect(b.properties.start).toBe('-P30D');
  });

  it('gives a web service one row of requests, 5xx, latency, CPU, memory and tasks', () => {
    const header = prod.findIndex((w) => titleOf(w) === '### api (web)');
    expect(prod.slice(header + 1, header + 7).map(titleOf)).toEqual([
      'Requests',
      '5xx (%)',
      'Latency p50 / p99 (s)',
      'CPU (%)',
      'Memory (%)',
      'Running / desired tasks',
    ]);
    expect(new Set(prod.slice(header + 1, header + 7).map((w) => w.y)).size).toBe(1);
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
