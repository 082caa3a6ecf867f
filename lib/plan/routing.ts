/**
 * Listener rule priorities of the web services sharing one load balancer. A rule with a host comes before rules
 * without one, and a longer literal path prefix before a shorter one (`/api/*` before `/*`), so the most specific
 * rule wins. Within a specificity band the priority comes from a hash of the service name, so adding a service
 * rarely moves another one; pinned priorities (`listenerPriority`) are kept as given.
 */

/** One web service's routing as the load balancer sees it. */
export interface Route {
  readonly service: string;
  /** Full host name, when the service is routed by host. */
  readonly host?: string;
  readonly paths: readonly string[];
  /** A pinned priority. */
  readonly priority?: number;
}

const PREFIX_BUCKETS = 25; // literal prefixes of 0-24 characters; longer ones share the last bucket
const BAND = 1000; // priorities per specificity rank: 2 host bands x 25 prefix buckets x 1000 = 50000
export const MAX_PRIORITY = 50000;

/** Characters before the first wildcard: the part of a path pattern that must match literally. */
export function literalPrefixLength(pattern: string): number {
  const wildcard = pattern.search(/[*?]/);
  return wildcard === -1 ? pattern.length : wildcard;
}

/** 0 = most specific. Host rules first, then by the shortest literal prefix among the rule's paths, longest first. */
export function specificityRank(route: Pick<Route, 'host' | 'paths'>): number {
  const prefix = Math.min(PREFIX_BUCKETS - 1, ...route.paths.map(literalPrefixLength));
  return (route.host === undefined ? PREFIX_BUCKETS : 0) + (PREFIX_BUCKETS - 1 - prefix);
}

/** FNV-1a, 32 bit: a stable hash of a service name. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Priority of every route, keyed by service name. Throws if a band is full (more than 999 services in it). */
export function listenerPriorities(routes: readonly Route[]): Map<string, number> {
  const result = new Map<string, number>();
  const taken = new Set<number>();
  for (const route of routes) {
    if (route.priority !== undefined) {
      result.set(route.service, route.priority);
      taken.add(route.priority);
    }
  }
  const derived = routes.filter((r) => r.priority === undefined).sort((a, b) => a.service.localeCompare(b.service));
  for (const route of derived) {
    const base = specificityRank(route) * BAND;
    const start = fnv1a(route.service) % (BAND - 1);
    let slot = start;
    while (taken.has(base + 1 + slot)) {
      slot = (slot + 1) % (BAND - 1);
      if (slot === start)
        throw new Error(
          `no free listener rule priority for ${route.service} between ${base + 1} and ${base + BAND - 1}`,
        );
    }
    taken.add(base + 1 + slot);
    result.set(route.service, base + 1 + slot);
  }
  return result;
}
