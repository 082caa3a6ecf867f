import type { AssemblyStack, TemplateResource } from '../assembly';
import { literal } from '../assembly';
import type { UsageAssumptions } from './assumptions';
import { DEFAULT_ASSUMPTIONS } from './assumptions';
import { ec2Instance, fargateService, rdsCluster, rdsInstance } from './compute';
import type { CostEstimate, CostLine, ExternalItem, FreeType, Range, Total, UnknownType } from './model';
import { elasticIp, loadBalancer, natGateway, vpcEndpoint } from './network';
import {
  budget,
  compositeAlarm,
  configRecorder,
  configRule,
  dashboard,
  ecsCluster,
  kmsKey,
  logGroup,
  metricAlarm,
  secret,
  trail,
} from './observability';
import type { PriceTable } from './prices';
import { checkRegions, DEFAULT_PRICES, priceOf, readDates } from './prices';
import type { Outcome, Pricer, PricingContext } from './pricing';
import { MissingPrice, rate } from './pricing';
import { FREE_TYPES, USAGE_BASED } from './resource-types';
import { securityServiceSites, siteKey } from './security-services';

/** The resource types the estimate prices, and how. */
const PRICERS: Readonly<Record<string, Pricer>> = {
  'AWS::ECS::Service': fargateService,
  'AWS::EC2::Instance': ec2Instance,
  'AWS::RDS::DBCluster': rdsCluster,
  'AWS::RDS::DBInstance': rdsInstance,
  'AWS::ElasticLoadBalancingV2::LoadBalancer': loadBalancer,
  'AWS::EC2::NatGateway': natGateway,
  'AWS::EC2::EIP': elasticIp,
  'AWS::EC2::VPCEndpoint': vpcEndpoint,
  'AWS::KMS::Key': kmsKey,
  'AWS::CloudWatch::Alarm': metricAlarm,
  'AWS::CloudWatch::CompositeAlarm': compositeAlarm,
  'AWS::CloudWatch::Dashboard': dashboard,
  'AWS::Logs::LogGroup': logGroup,
  'AWS::Config::ConfigurationRecorder': configRecorder,
  'AWS::Config::ConfigRule': configRule,
  'AWS::SecretsManager::Secret': secret,
  'AWS::Budgets::Budget': budget,
  'AWS::ECS::Cluster': ecsCluster,
  'AWS::CloudTrail::Trail': trail,
};

/** Items of which each account gets some free (`freePerAccount` in the price table). */
const FREE_PER_ACCOUNT: Readonly<Record<string, string>> = {
  'CloudWatch dashboard': 'cloudwatch.dashboardMonth',
  'AWS budget': 'budgets.budgetDay',
};

export interface EstimateOptions {
  /** @default the repository's price table (`lib/cli/cost/prices.json`) */
  readonly prices?: PriceTable;
  /** @default DEFAULT_ASSUMPTIONS */
  readonly assumptions?: UsageAssumptions;
}

/** The `landfall:service` tag of a resource, as an array of `{Key, Value}` or a map. */
function serviceTag(resource: TemplateResource): string | undefined {
  const tags = resource.Properties?.Tags;
  if (Array.isArray(tags)) {
    const tag = (tags as Array<{ Key?: unknown; Value?: unknown }>).find((t) => t.Key === 'landfall:service');
    return tag === undefined ? undefined : literal(tag.Value);
  }
  if (tags !== null && typeof tags === 'object') return literal((tags as Record<string, unknown>)['landfall:service']);
  return undefined;
}

function serviceOf(stack: AssemblyStack, resource: TemplateResource): string {
  const tagged = serviceTag(resource);
  if (tagged !== undefined) return tagged;
  const match = /(?:^|\/)Service-([^/]+)$/.exec(stack.displayName);
  return match === null ? '-' : match[1];
}

const environmentOf = (stack: AssemblyStack) => (stack.stage === '' ? '(app)' : stack.stage);

/** Secrets a task definition reads by ARN that no resource of its template creates. */
function referencedSecrets(stack: AssemblyStack): string[] {
  const out: string[] = [];
  for (const r of Object.values(stack.resources)) {
    if (r.Type !== 'AWS::ECS::TaskDefinition') continue;
    const containers = Array.isArray(r.Properties?.ContainerDefinitions)
      ? (r.Properties.ContainerDefinitions as Array<{ Secrets?: Array<{ ValueFrom?: unknown }> }>)
      : [];
    for (const c of containers)
      for (const s of c.Secrets ?? [])
        if (typeof s.ValueFrom === 'string' && s.ValueFrom.includes(':secretsmanager:')) {
          // arn:aws:secretsmanager:region:account:secret:name[:json-key:version-stage:version-id]
          out.push(s.ValueFrom.split(':').slice(0, 7).join(':'));
        }
  }
  return out;
}

function add(a: Range, b: Range): Range {
  return { low: a.low + b.low, high: a.high + b.high };
}

function totalsBy(
  lines: readonly CostLine[],
  key: (l: CostLine) => string,
  covers: (l: CostLine) => string,
  fields: (l: CostLine) => Partial<Total>,
): Total[] {
  const map = new Map<string, { total: Total; covers: Set<string> }>();
  for (const l of lines) {
    const k = key(l);
    const entry = map.get(k) ?? {
      total: { key: k, ...fields(l), covers: [], monthlyUsd: { low: 0, high: 0 } },
      covers: new Set(),
    };
    entry.total = { ...entry.total, monthlyUsd: add(entry.total.monthlyUsd, l.monthlyUsd) };
    entry.covers.add(covers(l));
    map.set(k, entry);
  }
  return [...map.values()]
    .map((e) => ({ ...e.total, covers: [...e.covers].sort() }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * The monthly cost of a synthesized platform, from its cloud assembly and a dated price table: one line per priced
 * item of each resource with its arithmetic, the unknown and free types with their counts, the secrets it reads but
 * does not create, and totals per environment, service and account. Pure: no I/O.
 */
export function estimate(stacks: readonly AssemblyStack[], options: EstimateOptions = {}): CostEstimate {
  const prices = options.prices ?? DEFAULT_PRICES;
  const assumptions = options.assumptions ?? DEFAULT_ASSUMPTIONS;
  checkRegions(prices, stacks);
  const lines: CostLine[] = [];
  const unknown = new Map<string, { count: number; reason: string; stacks: Set<string> }>();
  const free = new Map<string, { count: number; reason: string }>();
  const noteUnknown = (type: string, reason: string, stack: string) => {
    const key = `${type}|${reason}`;
    const entry = unknown.get(key) ?? { count: 0, reason, stacks: new Set<string>() };
    entry.count += 1;
    entry.stacks.add(stack);
    unknown.set(key, entry);
  };
  const noteFree = (type: string, reason: string) => {
    const entry = free.get(type) ?? { count: 0, reason };
    entry.count += 1;
    free.set(type, entry);
  };

  for (const stack of stacks) {
    for (const [logicalId, resource] of Object.entries(stack.resources).sort(([a], [b]) => a.localeCompare(b))) {
      const pricer = PRICERS[resource.Type];
      let outcome: Outcome;
      if (pricer !== undefined) {
        const ctx: PricingContext = {
          stack,
          logicalId,
          resource,
          props: resource.Properties ?? {},
          prices,
          assumptions,
        };
        try {
          outcome = pricer(ctx);
        } catch (err) {
          if (!(err instanceof MissingPrice)) throw err;
          outcome = { unknown: err.message };
        }
      } else if (FREE_TYPES[resource.Type] !== undefined) outcome = { free: FREE_TYPES[resource.Type] };
      else if (USAGE_BASED[resource.Type] !== undefined)
        outcome = { unknown: `usage-based: ${USAGE_BASED[resource.Type]}` };
      else outcome = { unknown: `no price in ${prices.file} and not known to be free` };

      if (outcome.free !== undefined) noteFree(resource.Type, outcome.free);
      if (outcome.unknown !== undefined) noteUnknown(resource.Type, outcome.unknown, stack.displayName);
      for (const d of outcome.lines ?? []) {
        lines.push({
          account: stack.account ?? '?',
          region: stack.region ?? '?',
          environment: environmentOf(stack),
          service: serviceOf(stack, resource),
          stack: stack.displayName,
          resource: logicalId,
          type: resource.Type,
          item: d.item,
          quantity: d.quantity,
          assumption: d.assumption,
          monthlyUsd: { low: d.low, high: d.high },
        });
      }
    }
  }

  // Free allowances per account: the first dashboards and budgets of each account (in stack order) cost nothing.
  for (const [item, key] of Object.entries(FREE_PER_ACCOUNT)) {
    const seen = new Map<string, number>();
    lines.forEach((line, i) => {
      if (line.item !== item) return;
      const allowance = priceOf(prices, line.region, key)?.freePerAccount ?? 0;
      const used = seen.get(line.account) ?? 0;
      seen.set(line.account, used + 1);
      if (used < allowance)
        lines[i] = {
          ...line,
          assumption: `free: one of the first ${allowance} of account ${line.account}`,
          monthlyUsd: { low: 0, high: 0 },
        };
    });
  }

  // GuardDuty and Security Hub: a usage-dependent range per account and Region where they run.
  const stageOfAccount = new Map<string, string>();
  for (const s of stacks)
    if (s.account !== undefined && !stageOfAccount.has(s.account)) stageOfAccount.set(s.account, environmentOf(s));
  for (const site of securityServiceSites(stacks)) {
    const p = priceOf(prices, site.region, siteKey(site));
    const item = `${site.service} (per account and Region)`;
    if (p === undefined) {
      noteUnknown(
        `${site.service} (account ${site.account}, ${site.region})`,
        `no price for ${siteKey(site)} in ${site.region} (${prices.file})`,
        site.stack,
      );
      continue;
    }
    lines.push({
      account: site.account,
      region: site.region,
      environment: stageOfAccount.get(site.account) ?? '?',
      service: '-',
      stack: site.stack,
      resource: `${site.service.replace(/ /g, '')}-${site.account}-${site.region}`,
      type: site.service,
      item,
      quantity: `account ${site.account} in ${site.region} (${site.how})`,
      assumption: `${rate(p.usd)} to ${rate(p.usdHigh ?? p.usd)} a month: ${p.note ?? p.unit}`,
      monthlyUsd: { low: p.usd, high: p.usdHigh ?? p.usd },
    });
  }

  const external = new Map<string, ExternalItem>();
  for (const stack of stacks) {
    for (const arn of referencedSecrets(stack)) {
      const parts = arn.split(':');
      const region = parts[3] ?? stack.region ?? '?';
      const prev = external.get(arn);
      const p = priceOf(prices, region, 'secretsManager.secretMonth');
      external.set(arn, {
        kind: 'secret',
        value: arn,
        account: parts[4] ?? stack.account ?? '?',
        region,
        stacks: [...new Set([...(prev?.stacks ?? []), stack.displayName])].sort(),
        monthlyUsd: p?.usd ?? 0,
      });
    }
  }

  const unknownList: UnknownType[] = [...unknown.entries()]
    .map(([key, e]) => ({ type: key.split('|')[0], count: e.count, reason: e.reason, stacks: [...e.stacks].sort() }))
    .sort((a, b) => a.type.localeCompare(b.type) || a.reason.localeCompare(b.reason));
  const freeList: FreeType[] = [...free.entries()]
    .map(([type, e]) => ({ type, count: e.count, reason: e.reason }))
    .sort((a, b) => a.type.localeCompare(b.type));

  return {
    prices: { file: prices.file, read: readDates(prices), currency: prices.currency },
    assumptions: describeAssumptions(assumptions),
    lines,
    unknown: unknownList,
    free: freeList,
    external: [...external.values()].sort((a, b) => a.value.localeCompare(b.value)),
    totals: {
      byEnvironment: totalsBy(
        lines,
        (l) => l.environment,
        (l) => l.account,
        (l) => ({ environment: l.environment }),
      ),
      byService: totalsBy(
        lines,
        (l) => `${l.environment}/${l.service}`,
        (l) => l.account,
        (l) => ({ environment: l.environment, service: l.service }),
      ),
      byAccount: totalsBy(
        lines,
        (l) => l.account,
        (l) => l.environment,
        (l) => ({ account: l.account }),
      ),
      all: lines.reduce((sum, l) => add(sum, l.monthlyUsd), { low: 0, high: 0 }),
    },
  };
}

/** The usage assumptions as sentences, for the report. */
export function describeAssumptions(a: UsageAssumptions): string[] {
  return [
    `${a.hoursPerMonth} hours a month; list prices, no free tier except the dashboards and budgets each account gets free`,
    `idle is the minimum task count of every service (after scheduled scale-down), the high end the maximum`,
    `an Application Load Balancer uses ${a.albLcuPerHour} LCU on average; a NAT gateway processes ${a.natGbPerMonth} GB a month; an interface endpoint ${a.endpointGbPerMonth} GB`,
    `each log group ingests ${a.logGbPerMonth} GB a month and keeps it for its retention (${a.neverExpireMonths} months when it never expires)`,
    `an Aurora cluster stores ${a.databaseStorageGb} GB; idle, Serverless v2 runs at its minimum capacity (0 ACU while paused)`,
    `AWS Config records ${a.configItemsPerMonth.CONTINUOUS.toLocaleString('en-US')} items a month when continuous, ${a.configItemsPerMonth.DAILY.toLocaleString('en-US')} when daily; each Config rule makes ${a.configRuleEvaluationsPerMonth} evaluations a month`,
    'data transfer to the internet and between zones is not estimated',
  ];
}
