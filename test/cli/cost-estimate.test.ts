import type { AssemblyStack } from '../../lib/cli/assembly';
import { estimate } from '../../lib/cli/cost/estimate';
import type { CostEstimate } from '../../lib/cli/cost/model';
import { DEFAULT_PRICES } from '../../lib/cli/cost/prices';
import { renderEstimate } from '../../lib/cli/cost/render';
import { memoryIo } from '../../lib/cli/io';
import { main } from '../../lib/cli/main';
import { emptyDir } from '../support/assembly-copy';
import {
  ACCOUNT,
  fargateService,
  KMS_KEY,
  LOAD_BALANCER,
  natGateway,
  stack,
  twoAlarms,
  writeAssembly,
} from './cost-estimate-fixtures';

/**
 * A small platform priced by hand with the us-east-1 list prices of lib/cli/cost/prices.json:
 * Fargate ARM64 $0.03238/vCPU-h and $0.00356/GB-h; ALB $0.0225/h and $0.008/LCU-h; NAT gateway $0.045/h and
 * $0.045/GB; public IPv4 $0.005/h; alarms $0.10 per metric; KMS $1 a key-month (+ $1 after each of two rotations).
 */
const SMALL: AssemblyStack[] = [
  stack('dev/Network', natGateway(1)),
  stack('dev/Platform', { ...LOAD_BALANCER, ...KMS_KEY }),
  stack('dev/Service-web', {
    ...fargateService('web', { min: 2, max: 6, cpu: 512, memoryMiB: 1024 }),
    ...twoAlarms('web'),
  }),
];

const lineOf = (e: CostEstimate, item: string) => {
  const found = e.lines.filter((l) => l.item === item);
  if (found.length !== 1) throw new Error(`expected one line "${item}", found ${found.length}`);
  return found[0];
};

async function run(args: string[]) {
  const io = memoryIo();
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('cost estimate of a small hand-written platform', () => {
  const e = estimate(SMALL);

  it('prices Fargate ARM64 at the minimum and the maximum task count of the scalable target', () => {
    // one task-hour: 0.5 vCPU x $0.03238 + 1 GB x $0.00356 = $0.01619 + $0.00356 = $0.01975
    // min: 2 tasks x $0.01975 x 730 h = $28.835; max: 6 tasks x $0.01975 x 730 h = $86.505
    const line = lineOf(e, 'Fargate ARM64 tasks');
    expect(line.monthlyUsd.low).toBeCloseTo(28.835, 6);
    expect(line.monthlyUsd.high).toBeCloseTo(86.505, 6);
    expect(line.quantity).toBe('2-6 tasks x 0.5 vCPU / 1 GB');
    expect(line.assumption).toBe(
      '0.5 vCPU x $0.03238 + 1 GB x $0.00356 = $0.01975 a task-hour; 1,460 task-hours at the minimum, 4,380 at the maximum (730 h a month)',
    );
  });

  it('prices the load balancer hours, an assumed 1 LCU and one public IPv4 address per subnet', () => {
    expect(lineOf(e, 'Application Load Balancer hours').monthlyUsd.low).toBeCloseTo(0.0225 * 730, 6); // $16.425
    expect(lineOf(e, 'Application Load Balancer LCUs').monthlyUsd.low).toBeCloseTo(1 * 0.008 * 730, 6); // $5.84
    const addresses = lineOf(e, 'public IPv4 addresses (load balancer)');
    expect(addresses.monthlyUsd.low).toBeCloseTo(2 * 0.005 * 730, 6); // $7.30
    expect(addresses.assumption).toBe('2 x $0.005/public IPv4 address-hour x 730 h, one per subnet');
  });

  it('prices the NAT gateway hours, an assumed 10 GB processed, and its Elastic IP', () => {
    expect(lineOf(e, 'NAT gateway hours').monthlyUsd.low).toBeCloseTo(0.045 * 730, 6); // $32.85
    const data = lineOf(e, 'NAT gateway data processed');
    expect(data.monthlyUsd.low).toBeCloseTo(10 * 0.045, 6); // $0.45
    expect(data.assumption).toBe('assumed 10 GB a month x $0.045/GB processed');
    expect(lineOf(e, 'public IPv4 address (Elastic IP)').monthlyUsd.low).toBeCloseTo(0.005 * 730, 6); // $3.65
  });

  it('prices each alarm per metric it evaluates: a metric-math alarm over two metrics costs two', () => {
    const alarms = e.lines.filter((l) => l.item === 'CloudWatch metric alarms');
    expect(alarms.map((a) => [a.resource, a.quantity, Number(a.monthlyUsd.low.toFixed(2))])).toEqual([
      ['Cpu', '1 metric', 0.1],
      ['ErrorRate', '2 metrics', 0.2],
    ]);
  });

  it('prices a rotated KMS key at $1 a month in its first year and $3 once it has rotated twice', () => {
    expect(lineOf(e, 'KMS key').monthlyUsd).toEqual({ low: 1, high: 3 });
  });

  it('adds the lines up per environment, service and account', () => {
    // idle: 28.835 + 16.425 + 5.84 + 7.30 + 32.85 + 0.45 + 3.65 + 0.10 + 0.20 + 1.00 = $96.65
    // up to: the same with 6 tasks ($86.505) and the twice-rotated key ($3): 96.65 + 57.67 + 2 = $156.32
    expect(e.totals.all.low).toBeCloseTo(96.65, 6);
    expect(e.totals.all.high).toBeCloseTo(156.32, 6);
    expect(e.totals.byEnvironment.map((t) => [t.key, t.covers])).toEqual([['dev', [ACCOUNT]]]);
    const web = e.totals.byService.find((t) => t.key === 'dev/web');
    expect(web?.monthlyUsd.low).toBeCloseTo(28.835 + 0.3, 6); // the tasks and both alarms
    const shared = e.totals.byService.find((t) => t.key === 'dev/-');
    expect(shared?.monthlyUsd.low).toBeCloseTo(96.65 - 29.135, 6);
    expect(e.totals.byAccount.map((t) => [t.key, t.covers])).toEqual([[ACCOUNT, ['dev']]]);
  });

  it('lists the scalable target and the task definition as free, with their counts', () => {
    expect(e.free).toEqual([
      {
        type: 'AWS::ApplicationAutoScaling::ScalableTarget',
        count: 1,
        reason: 'Application Auto Scaling has no charge',
      },
      { type: 'AWS::ECS::TaskDefinition', count: 1, reason: 'priced through the service that runs it' },
    ]);
    expect(e.unknown).toEqual([]);
  });
});

describe('cost estimate of scheduled scale-down', () => {
  it('prices the minimum only in the working hours the cron expressions leave (MON-FRI 08:00-21:00)', () => {
    const e = estimate([
      stack(
        'dev/Service-web',
        fargateService('web', {
          min: 2,
          max: 6,
          cpu: 512,
          memoryMiB: 1024,
          schedules: [
            ['cron(0 21 ? * MON-FRI *)', 0, 0],
            ['cron(0 8 ? * MON-FRI *)', 2, 6],
          ],
        }),
      ),
    ]);
    // 13 h x 5 days = 65 of 168 h a week; 65 x 730 / 168 = 282.44 h a month
    // idle: 2 x 282.44 x $0.01975 = $11.156; up to: 6 x 282.44 x $0.01975 = $33.469
    const line = lineOf(e, 'Fargate ARM64 tasks');
    expect(line.monthlyUsd.low).toBeCloseTo((2 * 65 * 730 * 0.01975) / 168, 6);
    expect(line.monthlyUsd.high).toBeCloseTo((6 * 65 * 730 * 0.01975) / 168, 6);
    expect(line.assumption).toContain('scheduled actions: 103 h a week at 0 tasks, 65 h a week at 2-6 tasks');
  });

  it('prices a schedule it cannot reduce to a week at the template capacity all month, and says so', () => {
    const e = estimate([
      stack(
        'dev/Service-web',
        fargateService('web', { min: 2, max: 6, cpu: 512, memoryMiB: 1024, schedules: [['cron(0 21 1 * ? *)', 0, 0]] }),
      ),
    ]);
    const line = lineOf(e, 'Fargate ARM64 tasks');
    expect(line.monthlyUsd.low).toBeCloseTo(28.835, 6);
    expect(line.assumption).toContain(
      "scheduled actions not weekly (cron(0 21 1 * ? *)): priced at the template's capacity all month",
    );
  });
});

describe('cost estimate lists what it does not price', () => {
  const e = estimate([
    stack('dev/Data', {
      Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
      Logs: { Type: 'AWS::S3::Bucket', Properties: {} },
      Graph: { Type: 'AWS::Neptune::DBCluster', Properties: {} },
      Big: { Type: 'AWS::EC2::Instance', Properties: { InstanceType: 'm7g.large' } },
      Role: { Type: 'AWS::IAM::Role', Properties: {} },
    }),
  ]);

  it('counts every type it neither prices nor knows to be free, with the reason, and never prices it at zero', () => {
    expect(e.unknown).toEqual([
      {
        type: 'AWS::EC2::Instance',
        count: 1,
        reason: 'no price for ec2.m7g.large in us-east-1 (lib/cli/cost/prices.json)',
        stacks: ['dev/Data'],
      },
      {
        type: 'AWS::Neptune::DBCluster',
        count: 1,
        reason: 'no price in lib/cli/cost/prices.json and not known to be free',
        stacks: ['dev/Data'],
      },
      {
        type: 'AWS::S3::Bucket',
        count: 2,
        reason: 'usage-based: storage, requests and data transfer',
        stacks: ['dev/Data'],
      },
    ]);
    expect(e.lines).toEqual([]);
    expect(e.free).toEqual([{ type: 'AWS::IAM::Role', count: 1, reason: 'IAM has no charge' }]);
  });

  it('prints them under "Not priced" with their count', () => {
    const text = renderEstimate(e, 'text', { lines: false });
    expect(text).toContain('Not priced (4 resources of 3 kinds)');
    expect(text).toContain('AWS::S3::Bucket              2  usage-based: storage, requests and data transfer');
  });

  it('lists secrets the task definitions read but no stack creates apart, outside the totals', () => {
    const withSecret = estimate([
      stack('dev/Service-web', {
        Task: {
          Type: 'AWS::ECS::TaskDefinition',
          Properties: {
            ContainerDefinitions: [
              {
                Secrets: [
                  { Name: 'TOKEN', ValueFrom: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:acme/web/token` },
                ],
              },
            ],
          },
        },
        Created: { Type: 'AWS::SecretsManager::Secret', Properties: { Name: 'acme/web/db' } },
      }),
    ]);
    expect(withSecret.external).toEqual([
      {
        kind: 'secret',
        value: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:acme/web/token`,
        account: ACCOUNT,
        region: 'us-east-1',
        stacks: ['dev/Service-web'],
        monthlyUsd: 0.4,
      },
    ]);
    expect(withSecret.lines.map((l) => [l.item, l.quantity, l.monthlyUsd.low])).toEqual([
      ['Secrets Manager secret', '1 secret (acme/web/db)', 0.4],
    ]);
    expect(withSecret.totals.all.low).toBeCloseTo(0.4, 6);
  });

  it('gives each account its first 3 dashboards free and prices the fourth at $3', () => {
    const dashboards = Object.fromEntries(
      [1, 2, 3, 4].map((n) => [`Dashboard${n}`, { Type: 'AWS::CloudWatch::Dashboard', Properties: {} }]),
    );
    const priced = estimate([stack('dev/Observability', dashboards)]);
    expect(priced.lines.map((l) => l.monthlyUsd.low)).toEqual([0, 0, 0, 3]);
  });
});

describe('cost estimate needs a price for every Region', () => {
  it('names the Region, the stack and the price table when a Region has no prices (exit 4)', async () => {
    const dir = writeAssembly([stack('dev/Network', natGateway(1), { region: 'eu-west-1' })]);
    const { code, out, err } = await run(['cost', 'estimate', '--out', dir]);
    expect([code, out]).toEqual([4, '']);
    expect(err).toBe(
      'landfall: no prices for Region eu-west-1 (stack dev/Network) in lib/cli/cost/prices.json (Regions with prices: ap-northeast-1, us-east-1)\n' +
        "hint: add the Region's prices to lib/cli/cost/prices.json, each with its unit, source and the date it was read\n",
    );
  });

  it('says what to run first when there is no cdk.out (exit 4)', async () => {
    const dir = emptyDir();
    const { code, err } = await run(['cost', 'estimate', '--out', dir]);
    expect(code).toBe(4);
    expect(err.split('\n')[0]).toBe(`landfall: no cloud assembly at ${dir} (manifest.json is missing)`);
  });

  it('rejects an unknown format with the formats it allows (exit 2)', async () => {
    const { code, err } = await run(['cost', 'estimate', '--format', 'html']);
    expect(code).toBe(2);
    expect(err.split('\n')[0]).toBe('landfall: --format "html" is not allowed (allowed: text, md, json)');
  });
});

describe('the price table', () => {
  const regions = Object.entries(DEFAULT_PRICES.regions);

  it('has ap-northeast-1 and us-east-1, with the same service prices in each (instance types may differ)', () => {
    expect(regions.map(([r]) => r).sort()).toEqual(['ap-northeast-1', 'us-east-1']);
    const keys = regions.map(([, p]) =>
      Object.keys(p)
        .filter((k) => !/^(ec2|rds)\./.test(k))
        .sort(),
    );
    expect(keys[0]).toEqual(keys[1]);
  });

  it.each(regions)('%s: every price has its unit, its AWS pricing page and the date it was read', (_region, prices) => {
    for (const [key, p] of Object.entries(prices)) {
      expect([key, typeof p.usd, p.unit.length > 0]).toEqual([key, 'number', true]);
      expect([key, p.source]).toEqual([key, expect.stringMatching(/^https:\/\/aws\.amazon\.com\/[a-z0-9/-]+\/$/)]);
      expect([key, p.read]).toEqual([key, expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)]);
    }
  });
});

describe('landfall cost estimate --format json', () => {
  it('prints the estimate with its lines and totals', async () => {
    const { code, out } = await run(['cost', 'estimate', '--out', writeAssembly(SMALL), '--format', 'json']);
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as CostEstimate;
    expect(parsed.totals.all.low).toBeCloseTo(96.65, 6);
    expect(parsed.prices).toEqual({ file: 'lib/cli/cost/prices.json', read: '2026-12-01 to 2026-12-02', currency: 'USD' });
  });
});
