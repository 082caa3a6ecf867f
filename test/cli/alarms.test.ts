import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack, Stage } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { memoryIo } from '../../lib/cli/io';
import { main } from '../../lib/cli/main';
import { tempRepo } from '../support/cli';
import { emptyDir } from '../support/assembly-copy';
import { buildApp, REFERENCE_CONFIG_DIR, REPO_ROOT } from '../support/example';

/** The example app as `cdk synth` writes it: every environment, each service's alarms in its own stack. */
const fixture = buildApp();
const CONFIG = REFERENCE_CONFIG_DIR;
fixture.app.synth();

async function run(args: string[], cwd = REPO_ROOT) {
  const io = memoryIo({ cwd });
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('landfall alarms over the example platform, environment prod', () => {
  it('counts the alarms by severity with their list price, and finds no problem', async () => {
    const { code, out } = await run(['alarms', '--out', fixture.outdir, '--environment', 'prod']);
    expect(code).toBe(0);
    expect(out.split('\n').slice(0, 3)).toEqual([
      'Alarms',
      '',
      'prod: 44 alarms (8 page, 22 ticket, 12 composite inputs), about $12 a month',
    ]);
    expect(out.slice(out.indexOf('Totals'))).toBe(
      [
        'Totals',
        '',
        'environment  page  ticket  composite inputs  other  total  list price/month',
        '-----------  ----  ------  ----------------  -----  -----  ----------------',
        'prod            8      22                12      2     44               $12',
        '',
        'Problems (0)',
        '',
        'None.',
        '',
      ].join('\n'),
    );
  });

  it('lists each alarm with its metric, threshold, severity, actions and runbook', async () => {
    const { out } = await run(['alarms', '--out', fixture.outdir, '--environment', 'prod', '--format', 'json']);
    const rows = JSON.parse(out).alarms as Array<Record<string, string>>;
    const pick = (name: string) => {
      const r = rows.find((a) => a.name === name);
      return r && [r.service, r.metric, r.threshold, r.severity, r.actions, r.runbook];
    };
    expect(pick('landfall-prod-api-availability-burn-fast')).toEqual([
      'api',
      'HTTPCode_Target_5XX_Count / RequestCount (%)',
      '>= 1.44 % over 1 h AND 5 min (14.4x burn)',
      'page',
      'on',
      'docs/runbooks/availability-burn.md',
    ]);
    expect(pick('landfall-prod-api-latency-burn-steady-short')).toEqual([
      'api',
      '100 - TargetResponseTime PR(:0.3) (%)',
      '>= 1 % over 6 h',
      'input',
      'none',
      'docs/runbooks/latency-burn.md',
    ]);
    expect(pick('landfall-prod-jobs-dlq-not-empty')).toEqual([
      'jobs',
      'DLQ ApproximateNumberOfMessagesVisible + NotVisible (max)',
      '>= 1 (1 min)',
      'ticket',
      'on',
      'docs/runbooks/dlq-not-empty.md',
    ]);
    expect(rows).toHaveLength(44);
  });

  it('lists pages first within each service', async () => {
    const { out } = await run(['alarms', '--out', fixture.outdir, '--environment', 'prod', '--format', 'json']);
    const jobs = (JSON.parse(out).alarms as Array<{ service: string; severity: string }>)
      .filter((a) => a.service === 'jobs')
      .map((a) => a.severity);
    // The worker's own rollback (ticket) and scaling alarms come last: they live in the same stack.
    expect(jobs).toEqual(['page', 'page', ...Array(7).fill('ticket'), 'scaling', 'scaling']);
  });

  it('prints Markdown tables for a job summary', async () => {
    const { out } = await run(['alarms', '--out', fixture.outdir, '--environment', 'prod', '--format', 'md']);
    expect(out.split('\n').slice(0, 7)).toEqual([
      '## Alarms',
      '',
      '### prod: 44 alarms (8 page, 22 ticket, 12 composite inputs), about $12 a month',
      '',
      '| service | alarm | metric | threshold | severity | actions | runbook |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      '| api | landfall-prod-api-availability-burn-fast | HTTPCode_Target_5XX_Count / RequestCount (%) | >= 1.44 % over 1 h AND 5 min (14.4x burn) | page | on | docs/runbooks/availability-burn.md |',
    ]);
  });

  it('keeps only the environment asked for', async () => {
    const { code, out } = await run(['alarms', '--out', fixture.outdir, '--config', CONFIG, '--environment', 'stg']);
    expect([code, out.split('\n')[2]]).toEqual([
      0,
      'stg: 43 alarms (8 page, 21 ticket, 12 composite inputs), about $11.90 a month',
    ]);
    expect(out).not.toMatch(/landfall-(dev|prod)-/);
  });

  it('refuses an environment that is neither in the config nor in cdk.out, naming the allowed ones (exit 2)', async () => {
    const { code, out, err } = await run([
      'alarms',
      '--out',
      fixture.outdir,
      '--config',
      CONFIG,
      '--environment',
      'nope',
    ]);
    expect([code, out]).toEqual([2, '']);
    expect(err.split('\n')[0]).toBe(
      'landfall: --environment "nope" is not an environment (allowed: dev, stg, prod, organization)',
    );
  });
});

describe('landfall alarms refuses and flags', () => {
  it('says what to run first when there is no cdk.out', async () => {
    const dir = emptyDir();
    const { code, err } = await run(['alarms', '--out', dir]);
    expect(code).toBe(4);
    expect(err).toBe(
      `landfall: no cloud assembly at ${dir} (manifest.json is missing)\n` +
        'hint: run `npx cdk synth --quiet` first: the report reads the synthesized templates in cdk.out, no AWS access needed\n',
    );
  });

  it('rejects an unknown format as a usage error', async () => {
    const { code, err } = await run(['alarms', '--out', fixture.outdir, '--format', 'html']);
    expect([code, err]).toEqual([
      2,
      'landfall: --format "html" is not allowed (allowed: text, md, json)\n' +
        'hint: usage: landfall alarms [--out DIR] [--environment NAME] [--format text|md|json] [--config DIR]\n',
    ]);
  });

  it('warns when cdk.out is older than the newest file of the config, naming both times, and still reviews', async () => {
    const config = path.join(tempRepo(), 'config');
    const synthesized = fs.statSync(path.join(fixture.outdir, 'manifest.json')).mtime;
    const edited = new Date(Date.now() + 3_600_000); // newer than the copies tempRepo dated now
    fs.utimesSync(path.join(config, 'services', 'api.ts'), edited, edited);
    const { code, out, err } = await run(['alarms', '--out', fixture.outdir, '--config', config]);
    expect(code).toBe(0);
    expect(out).toContain('prod: 44 alarms');
    expect(err).toBe(
      `warning: ${fixture.outdir} was synthesized at ${synthesized.toISOString()}, before ${path.join(config, 'services', 'api.ts')} changed at ${edited.toISOString()}: the review may not match the config; run \`npx cdk synth\` first\n`,
    );
  });

  it('says nothing about the age of a cdk.out newer than the config', async () => {
    const { err } = await run(['alarms', '--out', fixture.outdir, '--config', CONFIG]);
    expect(err).toBe('');
  });

  it('flags an alarm without landfall metadata (no severity, no runbook) and exits 1', async () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'landfall-bare-'));
    const app = new App({ outdir });
    const stack = new Stack(new Stage(app, 'dev'), 'Handmade');
    new cloudwatch.Alarm(stack, 'Cpu', {
      alarmName: 'handmade-cpu',
      metric: new cloudwatch.Metric({ namespace: 'AWS/ECS', metricName: 'CPUUtilization' }),
      threshold: 80,
      evaluationPeriods: 1,
    });
    app.synth();
    const { code, out } = await run(['alarms', '--out', outdir]);
    expect(code).toBe(1);
    expect(out).toContain('-        handmade-cpu  AWS/ECS CPUUtilization  >= 80      unknown   none     -');
    expect(out).toContain(
      'Problems (2)\n\n- handmade-cpu (dev/Handmade) has no landfall alarm metadata: severity and runbook unknown\n- handmade-cpu (dev/Handmade) links no runbook',
    );
  });

  it('flags a runbook link to a file that does not exist', async () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'landfall-repo-'));
    fs.mkdirSync(path.join(elsewhere, 'docs', 'runbooks'), { recursive: true });
    fs.writeFileSync(path.join(elsewhere, 'docs', 'runbooks', 'availability-burn.md'), '# stub\n');
    const { code, out } = await run(['alarms', '--out', fixture.outdir, '--environment', 'prod'], elsewhere);
    expect(code).toBe(1);
    expect(out).toContain(
      '- landfall-prod-jobs-dlq-not-empty (prod/Service-jobs) links docs/runbooks/dlq-not-empty.md, which does not exist',
    );
  });
});
