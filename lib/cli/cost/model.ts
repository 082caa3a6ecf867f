/** A monthly amount in USD: the low end (idle: minimum task counts, first-year keys) and the high end. */
export interface Range {
  readonly low: number;
  readonly high: number;
}

/** One priced item of one resource (a resource may have several: an ALB has hours, LCUs and addresses). */
export interface CostLine {
  /** Account ID of the stack the cost lands in. */
  readonly account: string;
  readonly region: string;
  /** The stage, for example `dev` or `Org`. */
  readonly environment: string;
  /** The `landfall:service` tag, the `Service-<name>` stack, or `-` for shared platform resources. */
  readonly service: string;
  /** Display name of the stack, for example `dev/Network`. */
  readonly stack: string;
  /** Logical ID of the resource. */
  readonly resource: string;
  readonly type: string;
  /** What is priced, for example `NAT gateway hours`. */
  readonly item: string;
  /** How much of it, for example `2-6 tasks x 0.5 vCPU / 1 GB`. */
  readonly quantity: string;
  /** The arithmetic and what it assumes, written out. */
  readonly assumption: string;
  readonly monthlyUsd: Range;
}

/** A resource type the estimate does not price: listed with its count, never priced at zero. */
export interface UnknownType {
  readonly type: string;
  readonly count: number;
  /** Why: usage-based (and what it bills on), or no price in the table. */
  readonly reason: string;
  readonly stacks: readonly string[];
}

/** A resource type known to cost nothing, with its count. */
export interface FreeType {
  readonly type: string;
  readonly count: number;
  readonly reason: string;
}

/** Something the stacks use but do not create (a referenced secret): listed apart, not in the totals. */
export interface ExternalItem {
  readonly kind: 'secret';
  /** The ARN or name as the template has it. */
  readonly value: string;
  readonly account: string;
  readonly region: string;
  readonly stacks: readonly string[];
  readonly monthlyUsd: number;
}

export interface Total {
  /** `dev`, `dev/api`, `444444444444` ... */
  readonly key: string;
  readonly environment?: string;
  readonly service?: string;
  readonly account?: string;
  /** Account IDs (for environments) or stages (for accounts) it covers. */
  readonly covers: readonly string[];
  readonly monthlyUsd: Range;
}

export interface CostEstimate {
  /** The price table and the dates its prices were read. */
  readonly prices: { readonly file: string; readonly read: string; readonly currency: string };
  /** The usage assumptions, as one sentence each. */
  readonly assumptions: readonly string[];
  readonly lines: readonly CostLine[];
  readonly unknown: readonly UnknownType[];
  readonly free: readonly FreeType[];
  readonly external: readonly ExternalItem[];
  readonly totals: {
    readonly byEnvironment: readonly Total[];
    readonly byService: readonly Total[];
    readonly byAccount: readonly Total[];
    readonly all: Range;
  };
}
