import type { Problem } from '../problems';
import type { PlatformConfig } from '../schema/platform';
import type { ServiceConfig } from '../schema/service';

/** A parsed service with the file it came from. */
export interface ServiceEntry {
  readonly file: string;
  readonly config: ServiceConfig;
}

/** What a cross-field check sees: every file already passed its schema. */
export interface CheckContext {
  readonly platformFile: string;
  readonly platform: PlatformConfig;
  readonly services: readonly ServiceEntry[];
}

/**
 * A cross-field rule: returns every problem it finds, never throws. It runs whenever the platform sections it
 * `needs` passed their schema (and, with `needsAllServices`, every service file did), so a mistake in one part
 * of the config never hides a problem in another.
 */
export interface Check {
  readonly needs: ReadonlyArray<keyof PlatformConfig>;
  readonly needsAllServices?: boolean;
  readonly run: (ctx: CheckContext) => Problem[];
}

/** Report every value after its first occurrence, with the path of that first occurrence. */
export function duplicates<T>(
  items: readonly T[],
  key: (item: T) => string,
): Array<{ item: T; index: number; firstIndex: number; value: string }> {
  const seen = new Map<string, number>();
  const out: Array<{ item: T; index: number; firstIndex: number; value: string }> = [];
  items.forEach((item, index) => {
    const value = key(item);
    const firstIndex = seen.get(value);
    if (firstIndex === undefined) seen.set(value, index);
    else out.push({ item, index, firstIndex, value });
  });
  return out;
}
