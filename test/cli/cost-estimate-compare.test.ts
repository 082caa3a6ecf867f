import { compare } from '../../lib/cli/cost/compare';
import { estimate } from '../../lib/cli/cost/estimate';
import { headline, renderEstimate } from '../../lib/cli/cost/render';
import { memoryIo } from '../../lib/cli/io';
import { main } from '../../lib/cli/main';
import { fargateService, natGateway, stack, writeAssembly } from './cost-estimate-fixtures';

const web = fargateService('web', { min: 2, max: 6, cpu: 512, memoryMiB: 1024 });
/** The base: one NAT gateway, services web and old. */
const BASE = [
  stack('dev/Network', natGateway(1)),
  stack('dev/Service-web', web),
  stack('dev/Service-old', fargateService('old', { min: 1, max: 1, cpu: 256, memoryMiB: 512 })),
];
/** The change: a second NAT gateway, service old removed, service new added. */
const CHANGE = [
  stack('dev/Network', { ...natGateway(1), ...natGateway(2) }),
  stack('dev/Service-web', web),
  stack('dev/Service-new', fargateService('new', { min: 2, max: 4, cpu: 1024, memoryMiB: 2048 })),
];

// A NAT gateway with its address: $0.045 x 730 h + 10 GB x $0.045 + $0.005 x 730 h = 32.85 + 0.45 + 3.65 = $36.95
// old: 1 task x (0.25 x $0.03238 + 0.5 x $0.00356) x 730 h = 1 x $0.009875 x 730 = $7.20875
// new: 2 to 4 tasks x (1 x $0.03238 + 2 x $0.00356) x 730 h = $0.0395 x 730 x 2 = $57.67, x 4 = $115.34
// idle: +36.95 + 57.67 - 7.20875 = +$87.41125; up to: +36.95 + 115.34 - 7.20875 = +$145.08125
const comparison = compare(estimate(BASE), estimate(CHANGE));

describe('cost estimate --compare', () => {
  it('says what the change costs a month, idle and at the maximum', () => {
    expect(comparison.delta.low).toBeCloseTo(87.41125, 6);
    expect(comparison.delta.high).toBeCloseTo(145.08125, 6);
    expect(headline(comparison.delta)).toBe(
      'This change costs $87.41 a month more idle (at the minimum task counts); $145.08 more at the maximum.',
    );
  });

  it('says "less" when the change saves money', () => {
    expect(headline(compare(estimate(CHANGE), estimate(BASE)).delta)).toBe(
      'This change costs $87.41 a month less idle (at the minimum task counts); $145.08 less at the maximum.',
    );
  });

  it('shows the change per service: one added, one removed, the shared network grown', () => {
    expect(
      comparison.services.map((s) => [s.key, Number(s.delta.low.toFixed(2)), Number(s.delta.high.toFixed(2))]),
    ).toEqual([
      ['dev/-', 36.95, 36.95],
      ['dev/new', 57.67, 115.34],
      ['dev/old', -7.21, -7.21],
    ]);
  });

  it('shows the change per resource with the counts before and after (NAT gateways 1 -> 2)', () => {
    expect(
      comparison.resources.map((r) => [
        r.stack,
        r.item,
        r.before.resources,
        r.after.resources,
        Number(r.delta.low.toFixed(2)),
      ]),
    ).toEqual([
      ['dev/Network', 'NAT gateway data processed', 1, 2, 0.45],
      ['dev/Network', 'NAT gateway hours', 1, 2, 32.85],
      ['dev/Network', 'public IPv4 address (Elastic IP)', 1, 2, 3.65],
      ['dev/Service-new', 'Fargate ARM64 tasks', 0, 1, 57.67],
      ['dev/Service-old', 'Fargate ARM64 tasks', 1, 0, -7.21],
    ]);
  });

  it('reports no change for the same assembly', () => {
    const same = compare(estimate(BASE), estimate(BASE));
    expect([same.resources, same.services]).toEqual([[], []]);
    expect(headline(same.delta)).toBe('This change does not change the estimated monthly cost.');
  });

  it('prints Markdown for the pull request job summary', async () => {
    const io = memoryIo();
    const code = await main(
      ['cost', 'estimate', '--out', writeAssembly(CHANGE), '--compare', writeAssembly(BASE), '--format', 'md'],
      io,
    );
    expect(code).toBe(0);
    const lines = io.stdout().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '## Cost of this change',
      '',
      'This change costs $87.41 a month more idle (at the minimum task counts); $145.08 more at the maximum.',
    ]);
    const services = lines.indexOf('### By service');
    expect(lines.slice(services + 2, services + 7)).toEqual([
      '| environment | service | before idle | after idle | change idle | change up to |',
      '| --- | --- | ---: | ---: | ---: | ---: |',
      '| dev | - | $36.95 | $73.90 | +$36.95 | +$36.95 |',
      '| dev | new | $0.00 | $57.67 | +$57.67 | +$115.34 |',
      '| dev | old | $7.21 | $0.00 | -$7.21 | -$7.21 |',
    ]);
    expect(lines).toContain(
      '| dev | - | dev/Network | NAT gateway hours | 1 ($32.85) | 2 ($65.70) | +$32.85 | +$32.85 |',
    );
  });
});

describe('cost estimate as Markdown', () => {
  it('starts with the total and the table per environment, for a job summary', () => {
    const md = renderEstimate(estimate(BASE), 'md').split('\n');
    expect(md.slice(0, 3)).toEqual([
      '## Monthly cost estimate',
      '',
      '$72.99 to $130.66 a month in USD list prices (lib/cli/cost/prices.json, read 2026-12-01 to 2026-12-02). ' +
        'Idle: every service at its minimum task count; up to: at its maximum, with rotated keys and the high end of usage ranges.',
    ]);
    expect(md.slice(4, 10)).toEqual([
      '### By environment',
      '',
      '| environment | accounts | idle/month | up to/month |',
      '| --- | --- | ---: | ---: |',
      '| dev | 111122223333 | $72.99 | $130.66 |',
      '| total |  | $72.99 | $130.66 |',
    ]);
    expect(md).toContain(
      '| old | dev/Service-old | Fargate ARM64 tasks | 1 task x 0.25 vCPU / 0.5 GB | $7.21 | $7.21 | 0.25 vCPU x $0.03238 + 0.5 GB x $0.00356 = $0.009875 a task-hour; 730 task-hours at the minimum, 730 at the maximum (730 h a month) |',
    );
  });
});
