import { CliError, EXIT } from '../errors';
import PRICE_DATA from './prices.json';

/** Where the price table lives, as error messages and reports name it. */
export const PRICE_FILE = 'lib/cli/cost/prices.json';

/** One list price: what it is for, where it comes from and when it was read. */
export interface Price {
  /** USD per unit (the low end of a range). */
  readonly usd: number;
  /** The high end, for prices that are ranges (usage-dependent services). @default usd */
  readonly usdHigh?: number;
  readonly unit: string;
  /** The AWS pricing page. */
  readonly source: string;
  /** The date the price was read, `YYYY-MM-DD`. */
  readonly read: string;
  /** Where the figure was confirmed, or that it was not. */
  readonly note?: string;
  /** Units free per account before this price applies (dashboards, budgets). @default 0 */
  readonly freePerAccount?: number;
}

/** The price table: for every Region, prices by key (`fargate.arm64.vcpuHour`, `nat.hour`, ...). */
export interface PriceTable {
  readonly file: string;
  readonly currency: string;
  readonly regions: Readonly<Record<string, Readonly<Record<string, Price>>>>;
}

export const DEFAULT_PRICES: PriceTable = {
  file: PRICE_FILE,
  currency: PRICE_DATA.currency,
  regions: PRICE_DATA.regions as PriceTable['regions'],
};

/** The price of `key` in `region`, or undefined when the table has none (the line is then listed as unknown). */
export function priceOf(table: PriceTable, region: string, key: string): Price | undefined {
  return table.regions[region]?.[key];
}

/**
 * Fail with one line when a stack's Region has no prices at all, naming the Region, the stack and the file: an
 * estimate that silently priced a whole Region at zero would mislead.
 */
export function checkRegions(table: PriceTable, stacks: readonly { displayName: string; region?: string }[]): void {
  const known = Object.keys(table.regions).sort();
  for (const stack of stacks) {
    if (stack.region === undefined) {
      throw new CliError(
        `stack ${stack.displayName} has no Region (environment-agnostic): the estimate prices each stack in its Region`,
        EXIT.precondition,
      );
    }
    if (table.regions[stack.region] === undefined) {
      throw new CliError(
        `no prices for Region ${stack.region} (stack ${stack.displayName}) in ${table.file} (Regions with prices: ${known.join(', ')})`,
        EXIT.precondition,
        `add the Region's prices to ${table.file}, each with its unit, source and the date it was read`,
      );
    }
  }
}

/** The dates the table's prices were read, oldest first (`2026-12-01`, or `2026-11-02 to 2026-12-01`). */
export function readDates(table: PriceTable): string {
  const dates = [...new Set(Object.values(table.regions).flatMap((r) => Object.values(r).map((p) => p.read)))].sort();
  return dates.length <= 1 ? (dates[0] ?? '-') : `${dates[0]} to ${dates[dates.length - 1]}`;
}
