import { Template } from 'aws-cdk-lib/assertions';
import { buildApp, stackAt } from '../support/example';

/**
 * The plan's alarm names (lib/plan/alarm-names.ts) are the names the service stacks' alarm constructs create: the
 * dashboards show alarms by these names' ARNs and the name check looks for collisions in them, so they must not drift.
 */
const built = buildApp();
type Resource = { Type: string; Properties: { AlarmName?: string } };
const alarmNamesIn = (path: string, construct: RegExp) =>
  Object.entries(Template.fromStack(stackAt(built, path)).toJSON().Resources as Record<string, Resource>)
    .filter(([id, r]) => construct.test(id) && /^AWS::CloudWatch::(Composite)?Alarm$/.test(r.Type))
    .map(([, r]) => r.Properties.AlarmName ?? '(no name)')
    .sort();

describe.each(['prod', 'dev'])('alarm names in %s', (environment) => {
  const stage = built.stages.environments.find((s) => s.plan.name === environment);
  if (stage === undefined) throw new Error(`no stage ${environment}`);

  it.each(['api', 'jobs'])('names the alarms of %s exactly as its stack creates them', (service) => {
    const planned = stage.plan.services.find((s) => s.name === service)?.alarmNames;
    expect(alarmNamesIn(`${environment}/Service-${service}`, /^Alarms/)).toEqual(
      [...(planned?.notifying ?? []), ...(planned?.inputs ?? [])].sort(),
    );
  });

  it("names the alarms of api's database exactly as its stack creates them", () => {
    const planned = stage.plan.databases.find((db) => db.service === 'api')?.alarmNames ?? {};
    expect(alarmNamesIn(`${environment}/Database-api`, /^Alarms/)).toEqual(Object.values(planned).sort());
  });
});
