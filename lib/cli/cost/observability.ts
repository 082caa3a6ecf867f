import { literal } from '../assembly';
import type { Outcome, PricingContext } from './pricing';
import { amount, num, price, rate } from './pricing';

interface MetricQuery {
  readonly MetricStat?: { readonly Period?: unknown };
  readonly Expression?: unknown;
}

/**
 * A metric alarm: CloudWatch prices each metric the alarm evaluates (a metric-math alarm pays per metric), at the
 * high-resolution price when the period is under a minute; an anomaly-detection alarm counts three metrics.
 */
export function metricAlarm(ctx: PricingContext): Outcome {
  const queries = Array.isArray(ctx.props.Metrics) ? (ctx.props.Metrics as MetricQuery[]) : undefined;
  const periods =
    queries === undefined
      ? [num(ctx.props.Period) ?? 60]
      : queries.filter((q) => q.MetricStat !== undefined).map((q) => num(q.MetricStat?.Period) ?? 60);
  const anomaly = queries?.some((q) => String(q.Expression ?? '').includes('ANOMALY_DETECTION_BAND')) ?? false;
  const factor = anomaly ? 3 : 1;
  const high = periods.filter((p) => p < 60).length * factor;
  const standard = periods.length * factor - high;
  const ps = price(ctx, 'cloudwatch.alarmMetric');
  const ph = price(ctx, 'cloudwatch.alarmHighResMetric');
  const usd = standard * ps.usd + high * ph.usd;
  const metrics = periods.length * factor;
  return {
    lines: [
      {
        item: 'CloudWatch metric alarms',
        quantity: `${metrics} ${metrics === 1 ? 'metric' : 'metrics'}${high > 0 ? ` (${high} high-resolution)` : ''}`,
        assumption: `${rate(ps)} per standard and ${rate(ph)} per high-resolution metric evaluated, a month${anomaly ? ' (anomaly detection: 3 metrics each)' : ''}`,
        low: usd,
        high: usd,
      },
    ],
  };
}

export function compositeAlarm(ctx: PricingContext): Outcome {
  const p = price(ctx, 'cloudwatch.compositeAlarm');
  return {
    lines: [
      {
        item: 'CloudWatch composite alarms',
        quantity: '1 alarm',
        assumption: `${rate(p)}/${p.unit}`,
        low: p.usd,
        high: p.usd,
      },
    ],
  };
}

/** A dashboard; the estimate then makes the first ones of each account free (`freePerAccount`). */
export function dashboard(ctx: PricingContext): Outcome {
  const p = price(ctx, 'cloudwatch.dashboardMonth');
  return {
    lines: [
      {
        item: 'CloudWatch dashboard',
        quantity: '1 dashboard',
        assumption: `${rate(p)}/${p.unit}`,
        low: p.usd,
        high: p.usd,
      },
    ],
  };
}

/** A log group: an assumed volume ingested per month, stored for its retention (from the template). */
export function logGroup(ctx: PricingContext): Outcome {
  const a = ctx.assumptions;
  const gb = a.logGbPerMonth;
  const retention = num(ctx.props.RetentionInDays);
  const daysPerMonth = a.hoursPerMonth / 24;
  const months = retention === undefined ? a.neverExpireMonths : retention / daysPerMonth;
  const stored = gb * months;
  const pi = price(ctx, 'logs.ingestGb');
  const ps = price(ctx, 'logs.storageGbMonth');
  const usd = gb * pi.usd + stored * ps.usd;
  const kept =
    retention === undefined
      ? `never expires: assumed ${a.neverExpireMonths} months kept`
      : `${retention}-day retention keeps ${amount(stored)} GB`;
  return {
    lines: [
      {
        item: 'log ingestion and storage',
        quantity: `${gb} GB a month, ${retention === undefined ? 'never expires' : `${retention} days`}`,
        assumption: `assumed ${gb} GB a month x ${rate(pi)}/${pi.unit}; ${kept} x ${rate(ps)}/${ps.unit}`,
        low: usd,
        high: usd,
      },
    ],
  };
}

/** A KMS key: a key-month; with rotation on, each of the first two rotations adds a key-month (the high end). */
export function kmsKey(ctx: PricingContext): Outcome {
  const p = price(ctx, 'kms.keyMonth');
  const rotates = ctx.props.EnableKeyRotation === true;
  const pr = rotates ? price(ctx, 'kms.rotationMonth') : undefined;
  return {
    lines: [
      {
        item: 'KMS key',
        quantity: rotates ? '1 key, rotated yearly' : '1 key',
        assumption:
          pr === undefined
            ? `${rate(p)}/${p.unit}`
            : `${rate(p)}/${p.unit} in the first year; + ${rate(pr)} after each of the first two rotations (${rate(p.usd + 2 * pr.usd)} from the third year)`,
        low: p.usd,
        high: p.usd + (pr === undefined ? 0 : 2 * pr.usd),
      },
    ],
  };
}

/** An AWS Config recorder: an assumed number of configuration items a month, at the price of its frequency. */
export function configRecorder(ctx: PricingContext): Outcome {
  const mode = (ctx.props.RecordingMode ?? {}) as { RecordingFrequency?: unknown };
  const frequency = mode.RecordingFrequency === 'DAILY' ? 'DAILY' : 'CONTINUOUS';
  const items = ctx.assumptions.configItemsPerMonth[frequency];
  const p = price(ctx, frequency === 'DAILY' ? 'config.periodicItem' : 'config.continuousItem');
  return {
    lines: [
      {
        item: `AWS Config items (${frequency.toLowerCase()})`,
        quantity: `${items.toLocaleString('en-US')} items`,
        assumption: `assumed ${items.toLocaleString('en-US')} configuration items a month x ${rate(p)}/${p.unit}`,
        low: items * p.usd,
        high: items * p.usd,
      },
    ],
  };
}

/** An AWS Config rule: an assumed number of evaluations a month (10 resources evaluated daily). */
export function configRule(ctx: PricingContext): Outcome {
  const evaluations = ctx.assumptions.configRuleEvaluationsPerMonth;
  const p = price(ctx, 'config.ruleEvaluation');
  return {
    lines: [
      {
        item: 'AWS Config rule evaluations',
        quantity: `${evaluations.toLocaleString('en-US')} evaluations`,
        assumption: `assumed ${evaluations.toLocaleString('en-US')} evaluations a month (10 secrets, daily) x ${rate(p)}/${p.unit}`,
        low: evaluations * p.usd,
        high: evaluations * p.usd,
      },
    ],
  };
}

export function secret(ctx: PricingContext): Outcome {
  const p = price(ctx, 'secretsManager.secretMonth');
  return {
    lines: [
      {
        item: 'Secrets Manager secret',
        quantity: `1 secret (${literal(ctx.props.Name) ?? ctx.logicalId})`,
        assumption: `${rate(p)}/${p.unit} (API calls not estimated)`,
        low: p.usd,
        high: p.usd,
      },
    ],
  };
}

/** A budget; the estimate then makes the first ones of the payer account free (`freePerAccount`). */
export function budget(ctx: PricingContext): Outcome {
  const p = price(ctx, 'budgets.budgetDay');
  const days = ctx.assumptions.hoursPerMonth / 24;
  const usd = p.usd * days;
  return {
    lines: [
      {
        item: 'AWS budget',
        quantity: '1 budget',
        assumption: `${rate(p)}/${p.unit} x ${amount(days)} days`,
        low: usd,
        high: usd,
      },
    ],
  };
}

/** An ECS cluster costs nothing, unless Container Insights publishes its metrics. */
export function ecsCluster(ctx: PricingContext): Outcome {
  const settings = Array.isArray(ctx.props.ClusterSettings)
    ? (ctx.props.ClusterSettings as Array<{ Name?: string; Value?: string }>)
    : [];
  const insights = settings.find((s) => s.Name === 'containerInsights')?.Value;
  if (insights === undefined || insights === 'disabled') return { free: 'ECS has no charge for a cluster' };
  return { unknown: `Container Insights (${insights}) metrics: billed per metric, their number depends on tasks` };
}

/** A trail: the first copy of management events is free; data events are billed per event. */
export function trail(ctx: PricingContext): Outcome {
  const selectors = JSON.stringify([ctx.props.EventSelectors ?? [], ctx.props.AdvancedEventSelectors ?? []]);
  const dataEvents = selectors.includes('DataResources') || /"Data"|resources\.type/.test(selectors);
  if (dataEvents) return { unknown: 'data events are billed per 100,000 events' };
  return { free: 'the first copy of management events is free' };
}
