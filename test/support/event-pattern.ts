/**
 * The part of EventBridge pattern matching landfall's rules use, to check a rule's synthesized pattern against
 * sample events offline: exact values, `prefix`, `exists`, `anything-but` (a value or a list), `numeric` (pairs of
 * operator and number), nested objects, and arrays in the event (an array matches when any of its elements does;
 * arrays of objects are flattened, as EventBridge does).
 */

type Matcher =
  | string
  | number
  | boolean
  | null
  | { prefix?: string; exists?: boolean; 'anything-but'?: unknown; numeric?: Array<string | number> };

const NUMERIC: Record<string, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '=': (a, b) => a === b,
  '>=': (a, b) => a >= b,
  '>': (a, b) => a > b,
};

/** Every leaf of a pattern: the field path and its list of allowed values. */
export function patternLeaves(
  pattern: Record<string, unknown>,
  prefix: string[] = [],
): Array<{ path: string[]; matchers: Matcher[] }> {
  return Object.entries(pattern).flatMap(([key, value]) => {
    const path = [...prefix, key];
    if (Array.isArray(value)) return [{ path, matchers: value as Matcher[] }];
    if (value !== null && typeof value === 'object') return patternLeaves(value as Record<string, unknown>, path);
    throw new Error(`pattern field ${path.join('.')} is neither a list of values nor an object`);
  });
}

/** The values at a path of an event, flattening arrays on the way (EventBridge semantics). */
export function valuesAt(event: unknown, path: readonly string[]): unknown[] {
  let current: unknown[] = [event];
  for (const key of path) {
    current = current.flatMap((node) => {
      const nodes = Array.isArray(node) ? node : [node];
      return nodes.flatMap((n) =>
        n !== null && typeof n === 'object' && key in n ? [(n as Record<string, unknown>)[key]] : [],
      );
    });
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v]));
}

function matchesValue(matcher: Matcher, value: unknown): boolean {
  if (matcher !== null && typeof matcher === 'object') {
    if (matcher.prefix !== undefined) return typeof value === 'string' && value.startsWith(matcher.prefix);
    if (matcher['anything-but'] !== undefined) {
      const excluded = ([] as unknown[]).concat(matcher['anything-but']);
      if (excluded.some((e) => e !== null && typeof e === 'object')) throw new Error('unsupported anything-but');
      return !excluded.includes(value);
    }
    if (matcher.numeric !== undefined) {
      if (typeof value !== 'number') return false;
      const pairs = matcher.numeric;
      for (let i = 0; i < pairs.length; i += 2) {
        const compare = NUMERIC[String(pairs[i])];
        if (compare === undefined) throw new Error(`unsupported numeric operator ${String(pairs[i])}`);
        if (!compare(value, Number(pairs[i + 1]))) return false;
      }
      return true;
    }
    throw new Error(`unsupported matcher ${JSON.stringify(matcher)}`);
  }
  return matcher === value;
}

/** Whether one leaf of a pattern matches the event. */
export function leafMatches(event: unknown, leaf: { path: string[]; matchers: Matcher[] }): boolean {
  const values = valuesAt(event, leaf.path);
  return leaf.matchers.some((m) => {
    if (m !== null && typeof m === 'object' && m.exists !== undefined) return m.exists === values.length > 0;
    return values.some((v) => matchesValue(m, v));
  });
}

/** Whether the event matches the whole pattern (every leaf). */
export function matchesPattern(pattern: Record<string, unknown>, event: unknown): boolean {
  return patternLeaves(pattern).every((leaf) => leafMatches(event, leaf));
}
