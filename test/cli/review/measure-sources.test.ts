import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { Template } from 'aws-cdk-lib/assertions';
import { alarmMetrics, MEASURE_SOURCES, SERVICE_MEASURES } from '../../../lib/cli/aws/metric-windows';
import { alarmName } from '../../../lib/plan/alarm-names';
import { buildApp, stackAt } from '../../support/example';

/**
 * `landfall review release` reads each measure's metric from a deployed alarm: the alarm must exist under the name
 * alarm-names.ts derives, and hold that AWS metric, in the stacks as they synthesize (no copy of the definitions).
 */
const built = buildApp({ failOnFindings: false });
const alarms = new Map<string, MetricAlarm>();
for (const service of ['api', 'jobs']) {
  const resources = Template.fromStack(stackAt(built, `prod/Service-${service}`)).findResources(
    'AWS::CloudWatch::Alarm',
  );
  // CloudFormation's alarm properties carry the API's field names (MetricName, Namespace, Metrics[].MetricStat).
  for (const r of Object.values(resources)) alarms.set(r.Properties.AlarmName, r.Properties as MetricAlarm);
}

describe.each([
  ['api', 'web'],
  ['jobs', 'worker'],
] as const)('the measures of %s (%s)', (service, kind) => {
  it.each(SERVICE_MEASURES[kind].map((m) => [m]))('%s: its alarm holds its metric', (measure) => {
    const source = MEASURE_SOURCES[measure];
    const alarm = alarms.get(alarmName('prod', service, source.alarm));
    expect(alarm).toBeDefined();
    expect(alarmMetrics(alarm as MetricAlarm).map((m) => m.MetricName)).toContain(source.metricName);
  });
});
