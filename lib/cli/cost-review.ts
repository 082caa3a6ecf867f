import * as path from 'node:path';
import type { AccountMetadata } from '../../constructs/report-metadata';
import { ANOMALY_MONITOR_METADATA_KEY, BUDGET_METADATA_KEY } from '../../constructs/report-metadata';
import type { LandfallModel } from '../config';
import { ConfigError } from '../config';
import { loadPlatform } from '../plan/load';
import { BILLING_REGION } from '../plan/regions';
import type { AssemblyStack, TemplateResource } from './assembly';
import { literal, plural, readAssembly, referencedId, usd } from './assembly';
import { defineCommand } from './command';
import { EXIT } from './errors';
import { CONFIG_OPTION, OUT_OPTION, REPORT_FORMAT_OPTION } from './options';
import { warnIfStale } from './stale-assembly';
import type { Column } from './table';
import { table } from './table';

export interface BudgetInfo {
  readonly name: string;
  readonly accountId?: string;
  readonly amountUsd?: number;
  /** `ACTUAL > 80%`, ... */
  readonly notifications: readonly string[];
  /** `platform@example.com`, `SNS landfall-cost (slack C0123456789)`, ... */
  readonly subscribers: readonly string[];
  /** Notifications nobody receives (no email, and no SNS topic with a subscription). */
  readonly silentNotifications: readonly string[];
  readonly stack: string;
}

export interface AnomalySubscriptionInfo {
  readonly name: string;
  readonly frequency: string;
  readonly threshold: string;
  readonly subscribers: readonly string[];
  /** Account IDs the subscription's monitors watch; `all` for a dimensional monitor. */
  readonly accountIds: readonly string[];
  readonly stack: string;
}

export interface BillingAlarmInfo {
  readonly name: string;
  readonly region: string;
  readonly threshold: string;
  readonly subscribers: readonly string[];
  readonly stack: string;
}

export interface AccountCostRow {
  readonly account: string;
  readonly id: string;
  readonly budget: string;
  readonly notifications: string;
  readonly subscribers: string;
  readonly anomalyDetection: string;
}

export interface CostReport {
  readonly accounts: readonly AccountCostRow[];
  readonly budgets: readonly BudgetInfo[];
  readonly anomalySubscriptions: readonly AnomalySubscriptionInfo[];
  readonly billingAlarms: readonly BillingAlarmInfo[];
  readonly problems: readonly string[];
}

/**
 * Slack channels of AWS Chatbot configurations, by the literal topic ARNs they subscribe to. AWS Chatbot allows one
 * configuration per channel and account, so a channel that carries topics of several stacks (the Cost stack's carries
 * the us-east-1 billing topic) names the other stacks' topics by ARN.
 */
type ChannelsByArn = ReadonlyMap<string, readonly string[]>;

function channelsByArn(stacks: readonly AssemblyStack[]): ChannelsByArn {
  const out = new Map<string, string[]>();
  for (const stack of stacks) {
    for (const r of Object.values(stack.resources)) {
      const p = r.Properties ?? {};
      if (r.Type !== 'AWS::Chatbot::SlackChannelConfiguration' || !Array.isArray(p.SnsTopicArns)) continue;
      for (const arn of p.SnsTopicArns) {
        if (typeof arn === 'string') out.set(arn, [...(out.get(arn) ?? []), `slack ${literal(p.SlackChannelId)}`]);
      }
    }
  }
  return out;
}

/** Who receives what an SNS topic publishes: its subscriptions and the Chatbot channels of its template or by ARN. */
function topicSubscribers(stack: AssemblyStack, topicId: string, byArn: ChannelsByArn): string[] {
  const out: string[] = [];
  const resources = stack.resources;
  for (const r of Object.values(resources)) {
    const p = r.Properties ?? {};
    if (r.Type === 'AWS::SNS::Subscription' && referencedId(p.TopicArn) === topicId)
      out.push(`${literal(p.Protocol)} ${literal(p.Endpoint)}`);
    if (
      r.Type === 'AWS::Chatbot::SlackChannelConfiguration' &&
      Array.isArray(p.SnsTopicArns) &&
      p.SnsTopicArns.some((t) => referencedId(t) === topicId)
    ) {
      out.push(`slack ${literal(p.SlackChannelId)}`);
    }
  }
  const name = literal(resources[topicId]?.Properties?.TopicName);
  if (name !== undefined && stack.account !== undefined && stack.region !== undefined) {
    out.push(...(byArn.get(`arn:aws:sns:${stack.region}:${stack.account}:${name}`) ?? []));
  }
  return out;
}

/** An SNS subscriber as text, and whether it reaches anyone. */
function describeSns(stack: AssemblyStack, arn: unknown, byArn: ChannelsByArn): { text: string; reaches: boolean } {
  const resources = stack.resources;
  const id = referencedId(arn);
  const topic = id === undefined ? undefined : resources[id];
  if (id === undefined || topic?.Type !== 'AWS::SNS::Topic') return { text: `SNS ${literal(arn)}`, reaches: true };
  const subs = topicSubscribers(stack, id, byArn);
  const name = literal(topic.Properties?.TopicName) ?? id;
  return { text: `SNS ${name} (${subs.length === 0 ? 'no subscription' : subs.join(', ')})`, reaches: subs.length > 0 };
}

function budgetAccountId(budget: Record<string, unknown>): string | undefined {
  const filters = budget.CostFilters as { LinkedAccount?: unknown[] } | undefined;
  if (Array.isArray(filters?.LinkedAccount)) return literal(filters.LinkedAccount[0]);
  const expression = budget.FilterExpression as { Dimensions?: { Key?: string; Values?: unknown[] } } | undefined;
  if (expression?.Dimensions?.Key === 'LINKED_ACCOUNT') return literal(expression.Dimensions.Values?.[0]);
  return undefined;
}

function readBudget(
  stack: AssemblyStack,
  logicalId: string,
  resource: TemplateResource,
  byArn: ChannelsByArn,
): BudgetInfo {
  const p = resource.Properties ?? {};
  const budget = (p.Budget ?? {}) as Record<string, unknown>;
  const meta = resource.Metadata?.[BUDGET_METADATA_KEY] as AccountMetadata | undefined;
  const entries = (Array.isArray(p.NotificationsWithSubscribers) ? p.NotificationsWithSubscribers : []) as Array<{
    Notification?: {
      NotificationType?: string;
      ComparisonOperator?: string;
      Threshold?: number;
      ThresholdType?: string;
    };
    Subscribers?: Array<{ SubscriptionType?: string; Address?: unknown }>;
  }>;
  const subscribers = new Set<string>();
  const notifications: string[] = [];
  const silent: string[] = [];
  for (const e of entries) {
    const n = e.Notification ?? {};
    const op = n.ComparisonOperator === 'GREATER_THAN' ? '>' : n.ComparisonOperator === 'LESS_THAN' ? '<' : '=';
    const text = `${n.NotificationType} ${op} ${n.ThresholdType === 'ABSOLUTE_VALUE' ? usd(Number(n.Threshold)) : `${n.Threshold}%`}`;
    notifications.push(text);
    let reaches = false;
    for (const s of e.Subscribers ?? []) {
      if (s.SubscriptionType === 'SNS') {
        const sns = describeSns(stack, s.Address, byArn);
        subscribers.add(sns.text);
        reaches ||= sns.reaches;
      } else {
        subscribers.add(`${literal(s.Address)}`);
        reaches = true;
      }
    }
    if (!reaches) silent.push(text);
  }
  const limit = budget.BudgetLimit as { Amount?: unknown } | undefined;
  const accountId = meta?.accountId ?? budgetAccountId(budget);
  return {
    name: literal(budget.BudgetName) ?? logicalId,
    ...(accountId === undefined ? {} : { accountId }),
    ...(limit?.Amount === undefined ? {} : { amountUsd: Number(limit.Amount) }),
    notifications,
    subscribers: [...subscribers],
    silentNotifications: entries.length === 0 ? ['(no notification)'] : silent,
    stack: stack.displayName,
  };
}

function thresholdText(expression: unknown): string {
  if (typeof expression !== 'string') return literal(expression) ?? '-';
  const parse = (node: Record<string, unknown>): string => {
    const dims = node.Dimensions as { Key?: string; Values?: string[] } | undefined;
    if (dims !== undefined) {
      const value = dims.Values?.[0] ?? '?';
      return dims.Key === 'ANOMALY_TOTAL_IMPACT_PERCENTAGE' ? `impact >= ${value}%` : `impact >= ${usd(Number(value))}`;
    }
    for (const op of ['And', 'Or'] as const) {
      if (Array.isArray(node[op]))
        return (node[op] as Array<Record<string, unknown>>).map(parse).join(op === 'And' ? ' and ' : ' or ');
    }
    return JSON.stringify(node);
  };
  try {
    return parse(JSON.parse(expression) as Record<string, unknown>);
  } catch {
    return expression;
  }
}

function monitorAccounts(resource: TemplateResource): string[] {
  const p = resource.Properties ?? {};
  if (p.MonitorType === 'DIMENSIONAL') return ['all'];
  try {
    const spec = JSON.parse(String(p.MonitorSpecification)) as { Dimensions?: { Key?: string; Values?: string[] } };
    if (spec.Dimensions?.Key === 'LINKED_ACCOUNT') return spec.Dimensions.Values ?? [];
  } catch {
    // not JSON: fall through to the metadata
  }
  const meta = resource.Metadata?.[ANOMALY_MONITOR_METADATA_KEY] as AccountMetadata | undefined;
  return meta === undefined ? [] : [meta.accountId];
}

function isBillingAlarm(p: Record<string, unknown>): boolean {
  if (p.Namespace === 'AWS/Billing' && p.MetricName === 'EstimatedCharges') return true;
  const queries = Array.isArray(p.Metrics)
    ? (p.Metrics as Array<{ MetricStat?: { Metric?: { Namespace?: string; MetricName?: string } } }>)
    : [];
  return queries.some(
    (q) => q.MetricStat?.Metric?.Namespace === 'AWS/Billing' && q.MetricStat.Metric.MetricName === 'EstimatedCharges',
  );
}

/** Every account's budget, thresholds, subscribers and anomaly detection, and what is missing. */
export function costReport(stacks: readonly AssemblyStack[], model: LandfallModel): CostReport {
  const budgets: BudgetInfo[] = [];
  const subscriptions: AnomalySubscriptionInfo[] = [];
  const billingAlarms: BillingAlarmInfo[] = [];
  const problems: string[] = [];
  const byArn = channelsByArn(stacks);
  for (const stack of stacks) {
    const resources = stack.resources;
    for (const [logicalId, r] of Object.entries(resources)) {
      const p = r.Properties ?? {};
      if (r.Type === 'AWS::Budgets::Budget') budgets.push(readBudget(stack, logicalId, r, byArn));
      if (r.Type === 'AWS::CE::AnomalySubscription') {
        const monitors = (Array.isArray(p.MonitorArnList) ? p.MonitorArnList : [])
          .map(referencedId)
          .flatMap((id) => (id === undefined || resources[id] === undefined ? [] : [resources[id]]));
        const subscribers = (
          Array.isArray(p.Subscribers) ? (p.Subscribers as Array<{ Type?: string; Address?: unknown }>) : []
        ).map((s) =>
          s.Type === 'SNS' ? describeSns(stack, s.Address, byArn) : { text: literal(s.Address) ?? '?', reaches: true },
        );
        const info: AnomalySubscriptionInfo = {
          name: literal(p.SubscriptionName) ?? logicalId,
          frequency: literal(p.Frequency) ?? '?',
          threshold: thresholdText(p.ThresholdExpression ?? p.Threshold),
          subscribers: subscribers.map((s) => s.text),
          accountIds: [...new Set(monitors.flatMap(monitorAccounts))],
          stack: stack.displayName,
        };
        subscriptions.push(info);
        if (!subscribers.some((s) => s.reaches))
          problems.push(`anomaly subscription ${info.name} has no subscriber who receives its alerts`);
      }
      if (r.Type === 'AWS::CloudWatch::Alarm' && isBillingAlarm(p)) {
        const actions = (Array.isArray(p.AlarmActions) ? p.AlarmActions : []).map((a) => describeSns(stack, a, byArn));
        const info: BillingAlarmInfo = {
          name: literal(p.AlarmName) ?? logicalId,
          region: stack.region ?? '?',
          threshold: `> ${usd(Number(p.Threshold))}`,
          subscribers: actions.map((a) => a.text),
          stack: stack.displayName,
        };
        billingAlarms.push(info);
        if (stack.region !== BILLING_REGION)
          problems.push(
            `billing alarm ${info.name} is in ${info.region}: AWS/Billing EstimatedCharges exists only in ${BILLING_REGION}`,
          );
        if (!actions.some((a) => a.reaches) || p.ActionsEnabled === false)
          problems.push(`billing alarm ${info.name} notifies nobody`);
      }
    }
  }

  for (const b of budgets) {
    if (b.silentNotifications.length === b.notifications.length)
      problems.push(`budget ${b.name} has no subscriber (no email, and no SNS topic with a subscription)`);
    else if (b.silentNotifications.length > 0)
      problems.push(`budget ${b.name}: ${b.silentNotifications.join(', ')} reaches nobody`);
  }
  const accounts = model.platform.accounts.map((account): AccountCostRow => {
    const budget = budgets.find((b) => b.accountId === account.id);
    const anomaly = subscriptions.filter((s) => s.accountIds.includes(account.id) || s.accountIds.includes('all'));
    if (budget === undefined) problems.push(`account ${account.name} (${account.id}) has no budget`);
    else if (budget.amountUsd !== account.monthlyBudgetUsd) {
      problems.push(
        `budget ${budget.name} is ${usd(budget.amountUsd ?? 0)} in cdk.out but accounts[${account.name}].monthlyBudgetUsd is ${usd(account.monthlyBudgetUsd)} (run npx cdk synth)`,
      );
    }
    if (anomaly.length === 0)
      problems.push(
        `account ${account.name} (${account.id}) has no anomaly detection (no monitor in a subscription watches it)`,
      );
    return {
      account: account.name,
      id: account.id,
      budget: budget?.amountUsd === undefined ? '-' : usd(budget.amountUsd),
      notifications: budget?.notifications.join(', ') ?? '-',
      subscribers: budget?.subscribers.join('; ') ?? '-',
      anomalyDetection: anomaly.length === 0 ? '-' : anomaly.map((s) => `${s.threshold} (${s.frequency})`).join('; '),
    };
  });
  for (const b of budgets) {
    if (b.accountId !== undefined && !model.platform.accounts.some((a) => a.id === b.accountId)) {
      problems.push(`budget ${b.name} watches account ${b.accountId}, which is not in the config`);
    }
  }
  if (billingAlarms.length === 0)
    problems.push(
      'no billing alarm: no AWS/Billing EstimatedCharges alarm in any stack (expected in Org/Billing, us-east-1)',
    );
  return { accounts, budgets, anomalySubscriptions: subscriptions, billingAlarms, problems };
}

const ACCOUNT_COLUMNS: readonly Column<AccountCostRow>[] = [
  { header: 'account', value: (a) => a.account },
  { header: 'id', value: (a) => a.id },
  { header: 'budget/month', value: (a) => a.budget, right: true },
  { header: 'notifications', value: (a) => a.notifications },
  { header: 'subscribers', value: (a) => a.subscribers },
  { header: 'anomaly alerts', value: (a) => a.anomalyDetection },
];
const SUBSCRIPTION_COLUMNS: readonly Column<AnomalySubscriptionInfo>[] = [
  { header: 'subscription', value: (s) => s.name },
  { header: 'frequency', value: (s) => s.frequency },
  { header: 'threshold', value: (s) => s.threshold },
  { header: 'accounts', value: (s) => s.accountIds.length, right: true },
  { header: 'subscribers', value: (s) => s.subscribers.join('; ') || '-' },
];
const BILLING_COLUMNS: readonly Column<BillingAlarmInfo>[] = [
  { header: 'alarm', value: (b) => b.name },
  { header: 'region', value: (b) => b.region },
  { header: 'threshold', value: (b) => b.threshold },
  { header: 'subscribers', value: (b) => b.subscribers.join('; ') || '-' },
];

export function renderCostReport(report: CostReport, format: 'text' | 'md'): string {
  const heading = (text: string, level: number) => (format === 'md' ? `${'#'.repeat(level)} ${text}` : text);
  const total = report.budgets.reduce((sum, b) => sum + (b.amountUsd ?? 0), 0);
  const section = <T>(title: string, rows: readonly T[], columns: readonly Column<T>[]) => [
    heading(title, 3),
    '',
    rows.length === 0 ? 'None.' : table(rows, columns, format),
    '',
  ];
  return [
    heading('Cost review', 2),
    '',
    ...section(
      `Accounts (${report.accounts.length}; ${usd(total)} a month in budgets)`,
      report.accounts,
      ACCOUNT_COLUMNS,
    ),
    ...section(
      `Anomaly detection (${plural(report.anomalySubscriptions.length, 'subscription')})`,
      report.anomalySubscriptions,
      SUBSCRIPTION_COLUMNS,
    ),
    ...section(`Billing alarms (${report.billingAlarms.length})`, report.billingAlarms, BILLING_COLUMNS),
    heading(`Problems (${report.problems.length})`, 3),
    '',
    report.problems.length === 0 ? 'None.' : report.problems.map((p) => `- ${p}`).join('\n'),
  ].join('\n');
}

/** `landfall cost review`: budgets, anomaly detection and the billing alarm per account, from cdk.out; exit 1 on a problem. */
export const costReviewCommand = defineCommand({
  name: ['cost', 'review'],
  summary:
    "review every account's budget, thresholds, subscribers and anomaly detection in cdk.out, and flag what is missing",
  description:
    'Reads the synthesized templates in cdk.out (no AWS access) and the config, and lists per account its budget, notification thresholds and subscribers, and the anomaly subscriptions that watch it, plus the billing alarm. Exits 1 on a problem: an account without a budget or anomaly detection, a notification nobody receives, a budget that differs from the config, no billing alarm in us-east-1. Warns when cdk.out is older than the config.',
  options: { out: OUT_OPTION, config: CONFIG_OPTION, format: REPORT_FORMAT_OPTION },
  examples: ['landfall cost review', 'landfall cost review --format md >> "$GITHUB_STEP_SUMMARY"'],
  async run({ options }, io) {
    const outDir = path.resolve(io.cwd, options.out);
    const configDir = path.resolve(io.cwd, options.config);
    const stacks = readAssembly(outDir);
    let model: LandfallModel;
    try {
      model = loadPlatform(configDir);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      io.err(
        `${err.message}\n\nThe cost review compares cdk.out with the config; fix the config first (landfall validate).`,
      );
      return EXIT.problems;
    }
    warnIfStale(io, outDir, configDir);
    const report = costReport(stacks, model);
    io.out(options.format === 'json' ? JSON.stringify(report, null, 2) : renderCostReport(report, options.format));
    return report.problems.length > 0 ? EXIT.problems : EXIT.ok;
  },
});
