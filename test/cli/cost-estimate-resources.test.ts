import { estimate } from '../../lib/cli/cost/estimate';
import type { CostEstimate } from '../../lib/cli/cost/model';
import { weeklyCapacity, weeklyMinutes } from '../../lib/cli/cost/schedule';
import type { Resources } from './cost-estimate-fixtures';
import { stack } from './cost-estimate-fixtures';

/** us-east-1 prices of lib/cli/cost/prices.json used below, by hand. */
const one = (resources: Resources, displayName = 'dev/Data') => estimate([stack(displayName, resources)]);
const priced = (e: CostEstimate) =>
  e.lines.map((l) => [l.item, Number(l.monthlyUsd.low.toFixed(4)), Number(l.monthlyUsd.high.toFixed(4))]);

describe('cost estimate of databases', () => {
  it('prices Aurora Serverless v2 instances in ACU-hours from the minimum to the maximum capacity', () => {
    const e = one({
      Cluster: {
        Type: 'AWS::RDS::DBCluster',
        Properties: {
          Engine: 'aurora-postgresql',
          ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 4 },
        },
      },
      Writer: {
        Type: 'AWS::RDS::DBInstance',
        Properties: { DBInstanceClass: 'db.serverless', DBClusterIdentifier: { Ref: 'Cluster' } },
      },
    });
    // 0.5 ACU x $0.12 x 730 h = $43.80; 4 ACU x $0.12 x 730 h = $350.40; storage 10 GB x $0.10 = $1.00
    expect(priced(e)).toEqual([
      ['Aurora storage', 1, 1],
      ['Aurora Serverless v2 capacity', 43.8, 350.4],
    ]);
    expect(e.unknown).toEqual([
      {
        type: 'AWS::RDS::DBCluster',
        count: 1,
        reason: 'I/O requests ($0.20 per million in us-east-1) are usage-based',
        stacks: ['dev/Data'],
      },
    ]);
  });

  it('prices a provisioned instance whose class is in the table, with its RDS-managed master secret', () => {
    const e = one({
      Db: {
        Type: 'AWS::RDS::DBInstance',
        Properties: { DBInstanceClass: 'db.t4g.micro', ManageMasterUserPassword: true },
      },
    });
    // $0.016 x 730 h = $11.68; the managed secret $0.40
    expect(priced(e)).toEqual([
      ['RDS instance (db.t4g.micro)', 11.68, 11.68],
      ['Secrets Manager secret (RDS-managed master password)', 0.4, 0.4],
    ]);
  });

  it('lists an instance class the table has no price for as unknown', () => {
    const e = one({ Db: { Type: 'AWS::RDS::DBInstance', Properties: { DBInstanceClass: 'db.r6g.large' } } });
    expect([e.lines, e.unknown.map((u) => u.reason)]).toEqual([
      [],
      ['no price for rds.db.r6g.large in us-east-1 (lib/cli/cost/prices.json)'],
    ]);
  });
});

describe('cost estimate of network and logging resources', () => {
  it('prices an interface endpoint per zone-hour and an assumed 1 GB; a gateway endpoint is free', () => {
    const e = one({
      Ecr: {
        Type: 'AWS::EC2::VPCEndpoint',
        Properties: { VpcEndpointType: 'Interface', SubnetIds: [{ Ref: 'A' }, { Ref: 'B' }, { Ref: 'C' }] },
      },
      S3: { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcEndpointType: 'Gateway' } },
    });
    // 3 zones x $0.01 x 730 h = $21.90; 1 GB x $0.01 = $0.01
    expect(priced(e)).toEqual([
      ['interface VPC endpoint hours', 21.9, 21.9],
      ['interface VPC endpoint data processed', 0.01, 0.01],
    ]);
    expect(e.free).toEqual([
      { type: 'AWS::EC2::VPCEndpoint', count: 1, reason: 'gateway endpoints (S3, DynamoDB) have no charge' },
    ]);
  });

  it('prices a NAT instance by its type and its gp3 volume', () => {
    const e = one({
      Nat: {
        Type: 'AWS::EC2::Instance',
        Properties: {
          InstanceType: 't4g.nano',
          SourceDestCheck: false,
          BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 8, VolumeType: 'gp3' } }],
        },
      },
    });
    // $0.0042 x 730 h = $3.066; 8 GB x $0.08 = $0.64
    expect(priced(e)).toEqual([
      ['NAT instance (t4g.nano)', 3.066, 3.066],
      ['EBS gp3 volume', 0.64, 0.64],
    ]);
  });

  it('stores a log group for its retention, and 12 months when it never expires', () => {
    const e = one({
      Short: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 365 } },
      Forever: { Type: 'AWS::Logs::LogGroup', Properties: {} },
    });
    // 1 GB x $0.50 + (365 / (730 / 24) = 12 months) x 1 GB x $0.03 = 0.50 + 0.36 = $0.86, the same for 12 months kept
    expect(priced(e)).toEqual([
      ['log ingestion and storage', 0.86, 0.86],
      ['log ingestion and storage', 0.86, 0.86],
    ]);
    expect(e.lines.map((l) => l.quantity)).toEqual(['1 GB a month, never expires', '1 GB a month, 365 days']);
  });

  it('prices AWS Config by the recording frequency of the recorder', () => {
    const recorder = (frequency?: string) => ({
      Type: 'AWS::Config::ConfigurationRecorder',
      Properties: frequency === undefined ? {} : { RecordingMode: { RecordingFrequency: frequency } },
    });
    // continuous (also the default): 1,000 items x $0.003 = $3.00; daily: 300 items x $0.012 = $3.60
    expect(priced(one({ A: recorder('CONTINUOUS'), B: recorder('DAILY'), C: recorder() }))).toEqual([
      ['AWS Config items (continuous)', 3, 3],
      ['AWS Config items (daily)', 3.6, 3.6],
      ['AWS Config items (continuous)', 3, 3],
    ]);
  });

  it('prices GuardDuty as a range in every account an organization configuration auto-enables', () => {
    const e = estimate([
      stack('Security/GuardDuty', {
        Detector: { Type: 'AWS::GuardDuty::Detector', Properties: { Enable: true } },
        AutoEnable: {
          Type: 'Custom::LandfallGuardDutyOrganizationConfiguration',
          Properties: {
            Create: '{"action":"UpdateOrganizationConfiguration","parameters":{"AutoEnableOrganizationMembers":"ALL"}}',
          },
        },
      }),
      stack('dev/Baseline', {}, { account: '444444444444' }),
    ]);
    expect(e.lines.map((l) => [l.item, l.account, l.environment, l.monthlyUsd])).toEqual([
      ['GuardDuty (per account and Region)', '111122223333', 'Security', { low: 2, high: 25 }],
      ['GuardDuty (per account and Region)', '444444444444', 'dev', { low: 2, high: 25 }],
    ]);
  });
});

describe('weekly schedules from cron expressions', () => {
  it('reads minutes, hours and days of the week (names, numbers, ranges, lists, steps)', () => {
    expect(weeklyMinutes('cron(0 21 ? * MON-FRI *)')).toHaveLength(5);
    expect(weeklyMinutes('cron(30 8 ? * 2,4 *)')).toEqual([1 * 1440 + 8 * 60 + 30, 3 * 1440 + 8 * 60 + 30]);
    expect(weeklyMinutes('cron(0/30 * ? * SUN *)')).toHaveLength(48);
  });

  it('refuses what depends on more than the week: a day of the month, a month, a year, L or #', () => {
    expect(
      ['cron(0 8 1 * ? *)', 'cron(0 8 ? 1 MON *)', 'cron(0 8 ? * MON 2027)', 'cron(0 8 ? * 6L *)', 'rate(1 hour)'].map(
        weeklyMinutes,
      ),
    ).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('keeps the capacity the last action of the week left over the weekend', () => {
    const shares = weeklyCapacity({ min: 1, max: 4 }, [
      { schedule: 'cron(0 20 ? * FRI *)', min: 0, max: 0 },
      { schedule: 'cron(0 8 ? * MON *)', min: 1, max: 4 },
    ]);
    // down from Friday 20:00 to Monday 08:00: 4 + 24 + 24 + 8 = 60 h; up the other 108 h
    expect(shares).toEqual([
      { min: 0, max: 0, hoursPerWeek: 60 },
      { min: 1, max: 4, hoursPerWeek: 108 },
    ]);
  });
});
