/**
 * What an account spent per service tag over two equal periods (Cost Explorer GetCostAndUsage), read-only: the
 * weekly review's "this week against the previous one". Cost Explorer counts whole UTC days and lags about a day.
 */
import { GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import type { ResultByTime } from '@aws-sdk/client-cost-explorer';
import { call } from './call';
import type { RetryOptions } from './call';
import type { AwsClients } from './clients';

/** Spend of one account on one service tag value in both periods, in US dollars (unblended cost). */
export interface CostLine {
  readonly accountId: string;
  /** The tag's value; `''` for spend on resources without the tag (shared platform resources, data transfer). */
  readonly service: string;
  readonly currentUsd: number;
  readonly previousUsd: number;
}

export interface CostPeriods {
  /** First day of the previous period, `YYYY-MM-DD` (inclusive). */
  readonly previousStart: string;
  /** First day of the current period (inclusive), which ends the previous one. */
  readonly currentStart: string;
  /** The day after the current period (exclusive: Cost Explorer's `End`). */
  readonly end: string;
}

const DAY_MS = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

/** Two periods of `days` whole UTC days each, the current one ending at the start of `now`'s UTC day. */
export function costPeriods(now: Date, days: number): CostPeriods {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return {
    previousStart: day(new Date(today - 2 * days * DAY_MS)),
    currentStart: day(new Date(today - days * DAY_MS)),
    end: day(new Date(today)),
  };
}

/**
 * GetCostAndUsage over both periods, DAILY, grouped by linked account and the tag `tagKey`, filtered to
 * `accountIds`: one request per page (Cost Explorer API pricing: "$0.01 per request", each page a request). A
 * member account sees only its own costs; the management account sees every account of the organization.
 * Tag groups come back as `KEY$VALUE` (`landfall:service$api`; `landfall:service$` without the tag).
 */
export async function costByTag(
  clients: AwsClients,
  retry: RetryOptions,
  options: { readonly accountIds: readonly string[]; readonly tagKey: string; readonly periods: CostPeriods },
): Promise<{ lines: CostLine[]; requests: number }> {
  const { periods } = options;
  const results: ResultByTime[] = [];
  let token: string | undefined;
  let requests = 0;
  do {
    const page = await call(
      'ce:GetCostAndUsage',
      () =>
        clients.costExplorer.send(
          new GetCostAndUsageCommand({
            TimePeriod: { Start: periods.previousStart, End: periods.end },
            Granularity: 'DAILY',
            Metrics: ['UnblendedCost'],
            Filter: { Dimensions: { Key: 'LINKED_ACCOUNT', Values: [...options.accountIds] } },
            GroupBy: [
              { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
              { Type: 'TAG', Key: options.tagKey },
            ],
            ...(token === undefined ? {} : { NextPageToken: token }),
          }),
        ),
      retry,
    );
    requests += 1;
    results.push(...(page.ResultsByTime ?? []));
    token = page.NextPageToken;
  } while (token !== undefined);

  const lines = new Map<string, { accountId: string; service: string; currentUsd: number; previousUsd: number }>();
  for (const result of results) {
    const start = result.TimePeriod?.Start ?? '';
    const current = start >= periods.currentStart;
    for (const group of result.Groups ?? []) {
      const [accountId = '', tag = ''] = group.Keys ?? [];
      const service = tag.includes('$') ? tag.slice(tag.indexOf('$') + 1) : tag;
      const amount = Number(group.Metrics?.UnblendedCost?.Amount ?? 0);
      const key = `${accountId}\u0000${service}`;
      const line = lines.get(key) ?? { accountId, service, currentUsd: 0, previousUsd: 0 };
      if (current) line.currentUsd += amount;
      else line.previousUsd += amount;
      lines.set(key, line);
    }
  }
  return {
    lines: [...lines.values()].sort(
      (a, b) =>
        a.accountId.localeCompare(b.accountId) || b.currentUsd - a.currentUsd || a.service.localeCompare(b.service),
    ),
    requests,
  };
}
