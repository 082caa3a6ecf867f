import * as fs from 'node:fs';
import * as path from 'node:path';
import { readAssembly } from '../../lib/cli/assembly';
import { estimate } from '../../lib/cli/cost/estimate';
import { groupLines } from '../../lib/cli/cost/groups';
import type { CostEstimate, CostLine } from '../../lib/cli/cost/model';
import { money } from '../../lib/cli/cost/render';
import { buildApp, REPO_ROOT } from '../support/example';

const built = buildApp();
built.app.synth();
const e = estimate(readAssembly(built.outdir));

const BEGIN = '<!-- cost-estimate:begin -->';
const END = '<!-- cost-estimate:end -->';
const ORGANIZATION = ['Org', 'Security', 'LogArchive'];

function line(env: string, stackSuffix: string, item: string): CostLine {
  const found = e.lines.filter((l) => l.environment === env && l.stack.endsWith(stackSuffix) && l.item === item);
  if (found.length === 0) throw new Error(`no line ${env} ${stackSuffix} ${item}`);
  return found[0];
}
const sum = (ls: readonly CostLine[]) => ls.reduce((s, l) => s + l.monthlyUsd.low, 0);
const lines = (env: string, item: string) => e.lines.filter((l) => l.environment === env && l.item === item);

/** The docs section's figures, computed from the estimate of the reference example. */
function costSection(est: CostEstimate): string {
  const envs = est.totals.byEnvironment;
  const row = (name: string, keys: string[]) => {
    const ts = envs.filter((t) => keys.includes(t.key));
    const low = ts.reduce((s, t) => s + t.monthlyUsd.low, 0);
    const high = ts.reduce((s, t) => s + t.monthlyUsd.high, 0);
    return `| ${name} | ${money(low)} | ${money(high)} |`;
  };
  const items = new Map<string, { low: number; where: Map<string, number> }>();
  for (const g of groupLines(est.lines)) {
    const entry = items.get(g.item) ?? { low: 0, where: new Map<string, number>() };
    entry.low += g.monthlyUsd.low;
    entry.where.set(g.environment, (entry.where.get(g.environment) ?? 0) + g.resources);
    items.set(g.item, entry);
  }
  const biggest = [...items.entries()].sort((a, b) => b[1].low - a[1].low).slice(0, 8);
  const task = line('prod', 'Service-api', 'Fargate ARM64 tasks');
  const perTask = task.monthlyUsd.low / 2;
  const devApi = line('dev', 'Service-api', 'Fargate ARM64 tasks');
  const natInstance = sum([
    line('dev', 'Network', 'NAT instance (t4g.nano)'),
    line('dev', 'Network', 'EBS gp3 volume'),
  ]);
  const natGateway = sum([
    line('stg', 'Network', 'NAT gateway hours'),
    line('stg', 'Network', 'NAT gateway data processed'),
  ]);
  const address = line('stg', 'Network', 'public IPv4 address (Elastic IP)').monthlyUsd.low;
  const prodLog = line('prod', 'Service-api', 'log ingestion and storage').monthlyUsd.low;
  const devLog = line('dev', 'Service-api', 'log ingestion and storage').monthlyUsd.low;
  const devDatabase = est.lines.filter((l) => l.environment === 'dev' && l.stack.endsWith('Database-api'));
  const prodDatabase = est.lines.filter((l) => l.environment === 'prod' && l.stack.endsWith('Database-api'));
  return [
    BEGIN,
    `<!-- generated from \`npx landfall cost estimate\` of the reference example by test/cli/cost-estimate-example.test.ts; LANDFALL_UPDATE_DOCS=1 npx jest test/cli/cost-estimate-example.test.ts rewrites it -->`,
    '',
    `The reference example (\`test/fixtures/reference/\`: dev, stg and prod in ap-northeast-1 with the services api and jobs) idles at about **${money(est.totals.all.low)} a month**, and ${money(est.totals.all.high)} with every service at its maximum task count and the high ends of the GuardDuty, Security Hub and KMS ranges (prices read ${est.prices.read}):`,
    '',
    '| accounts | idle/month | up to/month |',
    '| --- | ---: | ---: |',
    row('dev', ['dev']),
    row('stg', ['stg']),
    row('prod', ['prod']),
    row('organization (management, security, log-archive)', ORGANIZATION),
    row(
      'total',
      envs.map((t) => t.key),
    ),
    '',
    'The biggest items, idle:',
    '',
    '| item | where (resources) | idle/month |',
    '| --- | --- | ---: |',
    ...biggest.map(
      ([item, v]) =>
        `| ${item} | ${[...v.where.entries()].map(([env, n]) => `${env} ${n}`).join(', ')} | ${money(v.low)} |`,
    ),
    '',
    'What the tier profile settings (`lib/config/profiles.ts`, `overrides` per environment) do to them:',
    '',
    '| setting | in the example | a month |',
    '| --- | --- | --- |',
    `| \`natProvider: 'instance'\` | dev: a t4g.nano NAT instance with its 8 GB volume | ${money(natInstance)} instead of ${money(natGateway)} for a NAT gateway and its traffic (stg); the address (${money(address)}) stays |`,
    `| \`natGateways\` | prod: ${lines('prod', 'NAT gateway hours').length} NAT gateways, one per zone | ${money(natGateway + address)} each with its address; 1 gateway saves ${money(2 * (natGateway + address))} and gives up zone independence |`,
    `| \`minTasks\` (and a service's \`scaling\`) | prod api: at least 2 tasks of 0.5 vCPU / 1 GB | ${money(perTask)} per task running all month |`,
    `| \`scheduledScaleDown\` (with \`workingHours\`) | dev api: up 65 of 168 hours a week | ${money(devApi.monthlyUsd.low)} instead of ${money(perTask)} for one task |`,
    `| \`logRetentionDays\` | prod 365 days, dev 14 | ${money(prodLog)} against ${money(devLog)} per log group for each GB ingested a month (ingestion is most of it) |`,
    `| \`configRecordingFrequency\` | dev and stg DAILY, prod CONTINUOUS | ${money(lines('dev', 'AWS Config items (daily)')[0].monthlyUsd.low)} (300 daily items) against ${money(lines('prod', 'AWS Config items (continuous)')[0].monthlyUsd.low)} (1,000 continuous items): a daily item costs 4 times more, so daily pays where resources change several times a day |`,
    `| \`databaseMinCapacityAcu\` (with \`databaseAutoPauseMinutes\`) | dev api database: 0-2 ACUs, paused after 10 idle minutes | ${money(sum(devDatabase))} for the idle dev database (storage of 10 GB, its secret, key, log group and alarms; nothing for capacity while paused), against ${money(sum(prodDatabase))} in prod (1 ACU minimum on a writer and a reader) |`,
    `| \`containerInsights\` | on in stg and prod | not in the figures: its metrics are billed per metric (cluster, service, task), listed under "Not priced" |`,
    END,
  ].join('\n');
}

describe('cost estimate of the reference example', () => {
  it('totals each environment (idle and at the maximum)', () => {
    // Each environment includes its secret-age watch's Config rule: 300 evaluations x $0.001 = $0.30.
    expect(e.totals.byEnvironment.map((t) => [t.key, money(t.monthlyUsd.low), money(t.monthlyUsd.high)])).toEqual([
      ['dev', '$80.50', '$440.29'],
      ['LogArchive', '$12.00', '$76.00'],
      ['Org', '$19.69', '$91.69'],
      ['prod', '$482.93', '$4,044.83'],
      ['Security', '$13.00', '$79.00'],
      ['stg', '$179.99', '$701.35'],
    ]);
    expect([money(e.totals.all.low), money(e.totals.all.high)]).toEqual(['$788.11', '$5,433.15']);
  });

  it('scales dev and stg web services down outside working hours, and prices workers at zero tasks when idle', () => {
    expect(line('dev', 'Service-api', 'Fargate ARM64 tasks').assumption).toContain('65 h a week at 1-6 tasks');
    expect(line('stg', 'Service-api', 'Fargate ARM64 tasks').assumption).toContain('60 h a week at 1-6 tasks');
    expect(line('dev', 'Service-jobs', 'Fargate ARM64 tasks').monthlyUsd.low).toBe(0);
  });

  it('lists the secret the api reads as external, once per account', () => {
    expect(e.external.map((x) => x.value)).toEqual(
      ['444444444444', '555555555555', '666666666666'].map(
        (a) => `arn:aws:secretsmanager:ap-northeast-1:${a}:secret:acme/api/token`,
      ),
    );
  });

  it('prices GuardDuty and Security Hub in every account and both allowed Regions (organization auto-enable in each)', () => {
    const sites = (service: string) => e.lines.filter((l) => l.type === service).map((l) => `${l.account} ${l.region}`);
    expect(sites('GuardDuty')).toHaveLength(12);
    expect(sites('GuardDuty')).toContain('444444444444 us-east-1');
    expect(sites('Security Hub')).toHaveLength(12);
    expect(sites('Security Hub')).toContain('444444444444 us-east-1');
  });

  it('docs/operations.md "What the platform costs" shows the figures of this computation', () => {
    const file = path.join(REPO_ROOT, 'docs', 'operations.md');
    const doc = fs.readFileSync(file, 'utf8');
    const expected = costSection(e);
    const start = doc.indexOf(BEGIN);
    const end = doc.indexOf(END);
    expect([start >= 0, end > start]).toEqual([true, true]);
    if (process.env.LANDFALL_UPDATE_DOCS === '1') {
      fs.writeFileSync(file, doc.slice(0, start) + expected + doc.slice(end + END.length));
      return;
    }
    expect(doc.slice(start, end + END.length)).toBe(expected);
  });

  it("README's quick start shows the example's idle total", () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`about ${money(e.totals.all.low)} a month idle`);
  });
});
