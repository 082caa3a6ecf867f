import { referencedId } from '../assembly';
import type { LineDraft, Outcome, PricingContext } from './pricing';
import { amount, hourly, mentions, num, price, rate } from './pricing';
import type { CapacityShare, ScheduledAction } from './schedule';
import { weeklyCapacity } from './schedule';

const HOURS_PER_WEEK = 168;

/** The scalable target of an ECS service in the same template, if it has one. */
function scalableTarget(ctx: PricingContext) {
  for (const r of Object.values(ctx.stack.resources)) {
    const p = r.Properties ?? {};
    if (
      r.Type === 'AWS::ApplicationAutoScaling::ScalableTarget' &&
      p.ScalableDimension === 'ecs:service:DesiredCount' &&
      mentions(p.ResourceId, ctx.logicalId)
    )
      return p;
  }
  return undefined;
}

function describeShares(shares: readonly CapacityShare[]): string {
  return shares
    .map((s) => `${amount(s.hoursPerWeek)} h a week at ${s.min === s.max ? s.min : `${s.min}-${s.max}`} tasks`)
    .join(', ');
}

/** An ECS service on Fargate: task-hours at the minimum and maximum task counts, schedules included. */
export function fargateService(ctx: PricingContext): Outcome {
  const p = ctx.props;
  const providers = Array.isArray(p.CapacityProviderStrategy)
    ? (p.CapacityProviderStrategy as Array<{ CapacityProvider?: string }>).map((s) => s.CapacityProvider)
    : [];
  if (providers.includes('FARGATE_SPOT')) return { unknown: 'Fargate Spot prices vary: not in the price table' };
  if (p.LaunchType !== 'FARGATE' && !providers.includes('FARGATE'))
    return { free: 'runs on EC2 instances, which are priced as instances' };
  const taskId = referencedId(p.TaskDefinition);
  const task = taskId === undefined ? undefined : ctx.stack.resources[taskId]?.Properties;
  const cpu = num(task?.Cpu);
  const memory = num(task?.Memory);
  if (task === undefined || cpu === undefined || memory === undefined)
    return { unknown: 'its task definition (CPU and memory) is not in the same template' };
  const vcpu = cpu / 1024;
  const gb = memory / 1024;
  const platform = (task.RuntimePlatform ?? {}) as { CpuArchitecture?: string };
  const arch = platform.CpuArchitecture === 'ARM64' ? 'arm64' : 'x86_64';
  const pv = price(ctx, `fargate.${arch}.vcpuHour`);
  const pg = price(ctx, `fargate.${arch}.gbHour`);
  const perTask = vcpu * pv.usd + gb * pg.usd;

  const target = scalableTarget(ctx);
  const desired = num(p.DesiredCount) ?? 1;
  const base =
    target === undefined
      ? { min: desired, max: desired }
      : { min: num(target.MinCapacity) ?? desired, max: num(target.MaxCapacity) ?? desired };
  const actions: ScheduledAction[] = (
    Array.isArray(target?.ScheduledActions) ? (target.ScheduledActions as Array<Record<string, unknown>>) : []
  ).map((a) => {
    const t = (a.ScalableTargetAction ?? {}) as { MinCapacity?: unknown; MaxCapacity?: unknown };
    const min = num(t.MinCapacity);
    const max = num(t.MaxCapacity);
    return {
      schedule: String(a.Schedule ?? ''),
      ...(min === undefined ? {} : { min }),
      ...(max === undefined ? {} : { max }),
    };
  });
  const computed = weeklyCapacity(base, actions);
  const shares = computed ?? [{ ...base, hoursPerWeek: HOURS_PER_WEEK }];
  const perWeek = ctx.assumptions.hoursPerMonth / HOURS_PER_WEEK;
  const lowHours = shares.reduce((s, c) => s + c.min * c.hoursPerWeek * perWeek, 0);
  const highHours = shares.reduce((s, c) => s + c.max * c.hoursPerWeek * perWeek, 0);
  const schedule =
    actions.length === 0
      ? `${ctx.assumptions.hoursPerMonth} h a month`
      : computed === undefined
        ? `scheduled actions not weekly (${actions.map((a) => a.schedule).join(', ')}): priced at the template's capacity all month`
        : `scheduled actions: ${describeShares(shares)}; ${amount(perWeek)} weeks a month`;
  const tasks = base.min === base.max ? `${base.min}` : `${base.min}-${base.max}`;
  const line: LineDraft = {
    item: `Fargate ${arch === 'arm64' ? 'ARM64' : 'x86_64'} tasks`,
    quantity: `${tasks} ${tasks === '1' ? 'task' : 'tasks'} x ${vcpu} vCPU / ${gb} GB`,
    assumption:
      `${vcpu} vCPU x ${rate(pv)} + ${gb} GB x ${rate(pg)} = ${rate(perTask)} a task-hour; ` +
      `${amount(lowHours)} task-hours at the minimum, ${amount(highHours)} at the maximum (${schedule})`,
    low: lowHours * perTask,
    high: highHours * perTask,
  };
  return { lines: [line] };
}

/** An EC2 instance: instance-hours by type, and its gp3 volumes. */
export function ec2Instance(ctx: PricingContext): Outcome {
  const type = typeof ctx.props.InstanceType === 'string' ? ctx.props.InstanceType : undefined;
  if (type === undefined) return { unknown: 'its instance type is computed' };
  const label = ctx.props.SourceDestCheck === false ? 'NAT instance' : 'EC2 instance';
  const lines: LineDraft[] = [hourly(ctx, `${label} (${type})`, `ec2.${type}`, 1, `1 x ${type}`)];
  const mappings = Array.isArray(ctx.props.BlockDeviceMappings)
    ? (ctx.props.BlockDeviceMappings as Array<{ Ebs?: { VolumeSize?: unknown; VolumeType?: unknown } }>)
    : [];
  let unknown: string | undefined;
  for (const m of mappings) {
    const size = num(m.Ebs?.VolumeSize);
    if (m.Ebs === undefined || size === undefined) continue;
    const volumeType = String(m.Ebs.VolumeType ?? 'gp2');
    if (volumeType !== 'gp3') {
      unknown = `its ${volumeType} volume has no price in the table`;
      continue;
    }
    const p = price(ctx, 'ebs.gp3GbMonth');
    lines.push({
      item: 'EBS gp3 volume',
      quantity: `${size} GB`,
      assumption: `${size} GB x ${rate(p)}/${p.unit}`,
      low: size * p.usd,
      high: size * p.usd,
    });
  }
  return { lines, ...(unknown === undefined ? {} : { unknown }) };
}

/** The Secrets Manager secret RDS creates for a managed master password. */
function managedSecret(ctx: PricingContext): LineDraft[] {
  if (ctx.props.ManageMasterUserPassword !== true) return [];
  const p = price(ctx, 'secretsManager.secretMonth');
  return [
    {
      item: 'Secrets Manager secret (RDS-managed master password)',
      quantity: '1 secret',
      assumption: `${rate(p)}/${p.unit}`,
      low: p.usd,
      high: p.usd,
    },
  ];
}

/**
 * An Aurora or RDS cluster: its capacity is priced on its instances; storage at the assumed size (Aurora bills the
 * GB-months it stores, and backups up to that size are free); I/O requests are usage.
 */
export function rdsCluster(ctx: PricingContext): Outcome {
  const gb = ctx.assumptions.databaseStorageGb;
  const p = price(ctx, 'aurora.storageGbMonth');
  const storage: LineDraft = {
    item: 'Aurora storage',
    quantity: `${gb} GB`,
    assumption: `${gb} GB x ${rate(p)}/${p.unit} (assumed size; backups up to it are free)`,
    low: gb * p.usd,
    high: gb * p.usd,
  };
  return {
    lines: [storage, ...managedSecret(ctx)],
    unknown: 'I/O requests ($0.20 per million in us-east-1) are usage-based',
  };
}

/** An RDS instance: Aurora Serverless v2 ACU-hours at the cluster's capacity range, or instance-hours by class. */
export function rdsInstance(ctx: PricingContext): Outcome {
  const klass = typeof ctx.props.DBInstanceClass === 'string' ? ctx.props.DBInstanceClass : undefined;
  if (klass === undefined) return { unknown: 'its instance class is computed' };
  const secret = managedSecret(ctx);
  if (klass !== 'db.serverless') {
    const multiAz = ctx.props.MultiAZ === true;
    const line = hourly(
      ctx,
      `RDS instance (${klass})`,
      `rds.${klass}`,
      multiAz ? 2 : 1,
      `1 x ${klass}`,
      multiAz ? ' (Multi-AZ: two instances)' : '',
    );
    return { lines: [line, ...secret] };
  }
  const clusterId = referencedId(ctx.props.DBClusterIdentifier);
  const cluster = clusterId === undefined ? undefined : ctx.stack.resources[clusterId]?.Properties;
  const scaling = (cluster?.ServerlessV2ScalingConfiguration ?? {}) as { MinCapacity?: unknown; MaxCapacity?: unknown };
  const min = num(scaling.MinCapacity);
  const max = num(scaling.MaxCapacity);
  if (min === undefined || max === undefined)
    return { unknown: 'Serverless v2 capacity: its cluster and scaling configuration are not in the same template' };
  const p = price(ctx, 'aurora.serverlessV2AcuHour');
  const hours = ctx.assumptions.hoursPerMonth;
  return {
    lines: [
      {
        item: 'Aurora Serverless v2 capacity',
        quantity: `${min}-${max} ACU`,
        assumption: `${rate(p)}/${p.unit} x ${hours} h at ${min} ACU (minimum) to ${max} ACU (maximum)`,
        low: min * p.usd * hours,
        high: max * p.usd * hours,
      },
      ...secret,
    ],
  };
}
