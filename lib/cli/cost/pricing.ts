import type { AssemblyStack, TemplateResource } from '../assembly';
import type { UsageAssumptions } from './assumptions';
import type { Price, PriceTable } from './prices';
import { priceOf } from './prices';

/** What a pricer sees: one resource of one stack, and the prices of the stack's Region. */
export interface PricingContext {
  readonly stack: AssemblyStack;
  readonly logicalId: string;
  readonly resource: TemplateResource;
  readonly props: Record<string, unknown>;
  readonly prices: PriceTable;
  readonly assumptions: UsageAssumptions;
}

/** One priced item before the estimate adds where it lives. */
export interface LineDraft {
  readonly item: string;
  readonly quantity: string;
  readonly assumption: string;
  readonly low: number;
  readonly high: number;
}

/** What a pricer decides about a resource: priced lines, and/or why it is unknown, or why it is free. */
export interface Outcome {
  readonly lines?: readonly LineDraft[];
  /** The resource (or a part of it) has no price: listed as unknown with this reason. */
  readonly unknown?: string;
  /** The resource costs nothing by itself, for this reason. */
  readonly free?: string;
}

export type Pricer = (ctx: PricingContext) => Outcome;

/** Thrown inside a pricer when the table lacks a price; the estimate lists the resource as unknown. */
export class MissingPrice extends Error {
  constructor(
    public readonly key: string,
    region: string,
    file: string,
  ) {
    super(`no price for ${key} in ${region} (${file})`);
    this.name = 'MissingPrice';
  }
}

/** The price of `key` in the stack's Region; throws `MissingPrice` when the table has none. */
export function price(ctx: PricingContext, key: string): Price {
  const region = ctx.stack.region ?? '?';
  const found = priceOf(ctx.prices, region, key);
  if (found === undefined) throw new MissingPrice(key, region, ctx.prices.file);
  return found;
}

/** A unit price as written in an assumption: `$0.0225`, `$1`. */
export function rate(p: Price | number): string {
  const usd = Number((typeof p === 'number' ? p : p.usd).toPrecision(6));
  return usd >= 0.01 && Number.isInteger(Math.round(usd * 1e6) / 1e4) ? `$${usd.toFixed(2)}` : `$${usd}`;
}

/** A quantity for an assumption: `282.4`, `1,460`. */
export function amount(n: number): string {
  return Number(n.toFixed(1)).toLocaleString('en-US');
}

/** A number from a template value (`"512"`, `512`), or undefined when it is computed. */
export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return undefined;
}

/** Whether a template value is a `Ref` or `Fn::GetAtt` of `logicalId`, anywhere inside it. */
export function mentions(value: unknown, logicalId: string): boolean {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  if (v.Ref === logicalId) return true;
  if (Array.isArray(v['Fn::GetAtt']) && v['Fn::GetAtt'][0] === logicalId) return true;
  return Object.values(v).some((child) => mentions(child, logicalId));
}

/** A line for a fixed hourly charge over the month. */
export function hourly(
  ctx: PricingContext,
  item: string,
  key: string,
  count: number,
  quantity: string,
  extra = '',
): LineDraft {
  const p = price(ctx, key);
  const hours = ctx.assumptions.hoursPerMonth;
  const usd = count * p.usd * hours;
  const times = count === 1 ? '' : `${count} x `;
  return { item, quantity, assumption: `${times}${rate(p)}/${p.unit} x ${hours} h${extra}`, low: usd, high: usd };
}
