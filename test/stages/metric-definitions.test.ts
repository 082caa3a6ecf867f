import { Template } from 'aws-cdk-lib/assertions';
import { buildApp, stackAt } from '../support/example';

/**
 * One definition per metric (constructs/service-metrics.ts): the environment dashboard shows exactly what the
 * services' alarms and scaling evaluate. Compared on the synthesized templates: the expression, and each metric it
 * uses with its namespace, name, dimensions (the alarms' `Fn::GetAtt` resolved to the queue's fixed name), statistic
 * and period.
 */
const built = buildApp();
const jobs = Template.fromStack(stackAt(built, 'prod/Service-jobs')).toJSON();
const api = Template.fromStack(stackAt(built, 'prod/Service-api')).toJSON();
const observability = Template.fromStack(stackAt(built, 'prod/Observability')).toJSON();

type Json = Record<string, unknown>;

/** A metric definition as a comparable value: the expression and its metrics by id. */
interface Definition {
  readonly expression: string;
  readonly metrics: Record<string, string>;
}

/** A dimension value: a fixed name (a queue's QueueName, a service's ServiceName) resolved, anything else as JSON. */
function resolveDimension(template: Json, value: unknown): string {
  if (typeof value === 'string') return value;
  const getAtt = (value as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
  const property = { QueueName: 'QueueName', Name: 'ServiceName' }[getAtt?.[1] ?? ''];
  if (getAtt === undefined || property === undefined) return JSON.stringify(value);
  const resources = template.Resources as Record<string, { Properties: Record<string, unknown> }>;
  return String(resources[getAtt[0]].Properties[property]);
}

/** The definition of the alarm metric with id `id` (default: the one the alarm evaluates). */
function alarmDefinition(template: Json, logicalId: string, id?: string): Definition {
  const resources = template.Resources as Record<string, { Properties: { Metrics: Json[] } }>;
  const metrics = resources[logicalId].Properties.Metrics;
  const node = metrics.find((m) => (id === undefined ? m.ReturnData !== false : m.Id === id));
  if (node?.Expression === undefined) throw new Error(`${logicalId} has no expression ${id ?? '(returned)'}`);
  const expression = String(node.Expression);
  const used = Object.fromEntries(
    metrics
      .filter((m) => m.MetricStat !== undefined && new RegExp(`\\b${String(m.Id)}\\b`).test(expression))
      .map((m) => {
        const stat = m.MetricStat as { Metric: Json; Stat: string; Period: number };
        const dims = (stat.Metric.Dimensions as Array<{ Name: string; Value: unknown }>)
          .map((d) => `${d.Name}=${resolveDimension(template, d.Value)}`)
          .join(',');
        return [
          String(m.Id),
          `${String(stat.Metric.Namespace)} ${String(stat.Metric.MetricName)} ${dims} ${stat.Stat} ${stat.Period}`,
        ];
      }),
  );
  return { expression, metrics: used };
}

/** The dashboard widgets of the Observability stack, tokens replaced by `X`. */
function widgets(): Array<{ properties: { title?: string; metrics?: unknown[][] } }> {
  const dashboard = Object.values(observability.Resources as Record<string, { Type: string; Properties: Json }>).find(
    (r) => r.Type === 'AWS::CloudWatch::Dashboard',
  );
  const body = dashboard?.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] };
  const text = body['Fn::Join'][1].map((p) => (typeof p === 'string' ? p : 'X')).join('');
  return (JSON.parse(text) as { widgets: Array<{ properties: { title?: string; metrics?: unknown[][] } }> }).widgets;
}

/** The definition of the first expression of a dashboard widget, found by title after a service's row header. */
function widgetDefinition(service: string, title: string): Definition {
  const all = widgets();
  const header = all.findIndex((w) => (w.properties as { markdown?: string }).markdown?.startsWith(`### ${service} `));
  const widget = all.slice(header).find((w) => w.properties.title === title);
  const rows = widget?.properties.metrics ?? [];
  const expression = rows.find((r) => (r[0] as { expression?: string }).expression !== undefined)?.[0] as {
    expression: string;
    period: number;
  };
  const used = Object.fromEntries(
    rows
      .filter((r) => typeof r[0] === 'string')
      .map((r) => {
        const options = r[r.length - 1] as { id?: string; stat: string; period: number };
        const [namespace, name, ...rest] = r.slice(0, -1) as string[];
        const dims = rest.reduce<string[]>((out, v, i) => (i % 2 === 0 ? [...out, `${v}=${rest[i + 1]}`] : out), []);
        return [options.id ?? name, `${namespace} ${name} ${dims.join(',')} ${options.stat} ${options.period}`];
      })
      .filter(([id]) => new RegExp(`\\b${id}\\b`).test(expression.expression)),
  );
  return { expression: expression.expression, metrics: used };
}

const idOf = (template: Json, pattern: RegExp): string => {
  const id = Object.keys(template.Resources as object).find((k) => pattern.test(k));
  if (id === undefined) throw new Error(`no resource matching ${pattern}`);
  return id;
};

describe('one definition per metric, shared by alarms, scaling and the dashboard', () => {
  it("shows the dead-letter depth the DLQ alarms and the worker's rollback alarm evaluate (visible plus in flight)", () => {
    const shown = widgetDefinition('jobs', 'Dead letters');
    expect(shown).toEqual({
      expression: 'FILL(visible, 0) + FILL(inFlight, 0)',
      metrics: {
        visible: 'AWS/SQS ApproximateNumberOfMessagesVisible QueueName=landfall-prod-jobs-dlq Maximum 60',
        inFlight: 'AWS/SQS ApproximateNumberOfMessagesNotVisible QueueName=landfall-prod-jobs-dlq Maximum 60',
      },
    });
    expect([
      alarmDefinition(jobs, idOf(jobs, /^AlarmsDeadLetters/)),
      alarmDefinition(jobs, idOf(jobs, /^AlarmsNewDeadLetters/), 'dead'),
      alarmDefinition(jobs, idOf(jobs, /^WorkerDeadLetterArrivalsAlarm/), 'dead'),
    ]).toEqual([shown, shown, shown]);
  });

  it('shows the backlog (visible plus in flight) the worker scales on', () => {
    const shown = widgetDefinition('jobs', 'Backlog / processed');
    expect(shown.metrics).toEqual({
      visible: 'AWS/SQS ApproximateNumberOfMessagesVisible QueueName=landfall-prod-jobs Maximum 60',
      inFlight: 'AWS/SQS ApproximateNumberOfMessagesNotVisible QueueName=landfall-prod-jobs Maximum 60',
    });
    expect([
      alarmDefinition(jobs, idOf(jobs, /^WorkerBacklogScalingBacklogAlarm/)),
      alarmDefinition(jobs, idOf(jobs, /^WorkerBacklogScalingIdleAlarm/)),
    ]).toEqual([shown, shown]);
  });

  it('graphs the 5xx rate through the 5xx alarm itself, whose rate the availability burn rates and rollback share', () => {
    const rate = (logicalId: string) => {
      const d = alarmDefinition(api, logicalId);
      // Periods differ by window; the metrics and the expression must not.
      return {
        ...d,
        metrics: Object.fromEntries(Object.entries(d.metrics).map(([k, v]) => [k, v.replace(/ \d+$/, '')])),
      };
    };
    // prod releases canaries: every rate is over both target groups (e1, r1 primary; e2, r2 alternate).
    const ticket = rate(idOf(api, /^AlarmsServerErrors/));
    expect(ticket.expression).toBe(
      'IF(FILL(r1, 0) + FILL(r2, 0) > 0, 100 * (FILL(e1, 0) + FILL(e2, 0)) / (FILL(r1, 0) + FILL(r2, 0)))',
    );
    expect(Object.keys(ticket.metrics).sort()).toEqual(['e1', 'e2', 'r1', 'r2']);
    expect(rate(idOf(api, /^AlarmsAvailabilityFastLong/))).toEqual(ticket);
    const rollback = rate(idOf(api, /^WebServerErrorAlarm/));
    expect([rollback.expression, rollback.metrics]).toEqual([
      'IF((FILL(r1, 0) + FILL(r2, 0)) >= 20, 100 * (FILL(e1, 0) + FILL(e2, 0)) / (FILL(r1, 0) + FILL(r2, 0)), 0)',
      ticket.metrics,
    ]);
    const graph = widgets().find((w) => w.properties.title === '5xx (%)') as unknown as {
      properties: { annotations: { alarms: string[] } };
    };
    expect(graph.properties.annotations.alarms).toEqual([
      `arn:aws:cloudwatch:ap-northeast-1:666666666666:alarm:${(api.Resources as Record<string, { Properties: { AlarmName: string } }>)[idOf(api, /^AlarmsServerErrors/)].Properties.AlarmName}`,
    ]);
  });

  it('graphs CPU with the same metric the CPU alarm evaluates, by derived cluster and service names', () => {
    const alarm = (api.Resources as Record<string, { Properties: Json }>)[idOf(api, /^AlarmsCpuHigh/)].Properties;
    const dims = (alarm.Dimensions as Array<{ Name: string; Value: unknown }>).map(
      (d) => `${d.Name}=${resolveDimension(api, d.Value)}`,
    );
    const graph = widgets().find((w) => w.properties.title === 'CPU (%)');
    expect([alarm.Namespace, alarm.MetricName, dims, alarm.Statistic, alarm.Period]).toEqual([
      'AWS/ECS',
      'CPUUtilization',
      ['ClusterName=landfall-prod', 'ServiceName=api'],
      'Average',
      300,
    ]);
    expect(graph?.properties.metrics).toEqual([
      ['AWS/ECS', 'CPUUtilization', 'ClusterName', 'landfall-prod', 'ServiceName', 'api'],
    ]);
  });
});
