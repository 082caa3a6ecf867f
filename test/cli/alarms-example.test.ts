import { alarmReport } from '../../lib/cli/alarms';
import { readAssembly } from '../../lib/cli/assembly';
import { buildApp, REPO_ROOT } from '../support/example';

/** The alarm review over the whole example platform, as `npx landfall alarms` runs it after `cdk synth`. */
describe('landfall alarms over the example platform', () => {
  const built = buildApp();
  built.app.synth();
  const report = alarmReport(readAssembly(built.outdir), { runbookRoot: REPO_ROOT });

  it('finds no alarm without a severity or a runbook file that exists', () => {
    expect(report.problems).toEqual([]);
  });

  it("annotates the services' own rollback and scaling alarms", () => {
    const prodJobs = report.alarms.filter((a) => a.environment === 'prod' && a.service === 'jobs');
    expect(prodJobs.filter((a) => a.runbook === 'docs/runbooks/deployment-rollback.md').map((a) => a.severity)).toEqual(
      ['ticket'],
    );
    expect(prodJobs.filter((a) => a.severity === 'scaling').map((a) => a.runbook)).toEqual([
      'docs/runbooks/queue-backlog.md',
      'docs/runbooks/queue-backlog.md',
    ]);
  });

  // The api database adds 6 alarms (cpu, memory, connections, capacity at max, deadlocks, slow queries) and, with
  // the prod reader, replica lag.
  it('counts the alarms of every environment', () => {
    expect(report.totals.map((t) => [t.environment, t.total])).toEqual([
      ['dev', 41],
      ['organization', 1],
      ['prod', 44],
      ['stg', 43],
    ]);
  });
});
