/**
 * The names of every alarm a service's stack creates, derived from the environment and service names alone: the
 * Observability stacks show them by ARN (no export from the service stacks) and the name check looks for collisions.
 * The kinds mirror the alarm constructs (`constructs/web-service-alarms.ts`, `worker-alarms.ts`,
 * `common-service-alarms.ts`, `burn-rate-windows.ts`); `test/plan/alarm-names.test.ts` compares them with the alarms
 * the stacks synthesize, so the two cannot drift.
 */
import type { ServiceConfig } from '../config';
import { operationsPrefix } from '../naming';

/** Objectives with burn-rate alarms, in creation order. */
export const BURN_RATE_OBJECTIVES = ['availability', 'latency'] as const;
/** Burn-rate tiers (`BURN_RATE_POLICY`), in creation order. */
export const BURN_RATE_TIERS = ['fast', 'slow', 'steady'] as const;
/** The two windows of each burn-rate composite: metric alarms that notify nobody themselves. */
export const BURN_RATE_WINDOWS = ['long', 'short'] as const;
/** A web service's alarms besides its burn rates and the common ones. */
export const WEB_ALARM_KINDS = ['server-errors', 'p99-latency', 'unhealthy-targets'] as const;
/** A worker's own alarms. */
export const WORKER_ALARM_KINDS = ['dlq-not-empty', 'dlq-new-messages', 'message-age', 'backlog-stalled'] as const;
/**
 * A database's alarms (`constructs/aurora-alarms.ts`), in creation order: `capacity-at-max` only on Serverless v2,
 * `replica-lag` only with readers.
 */
export const DATABASE_ALARM_KINDS = [
  'cpu-high',
  'freeable-memory-low',
  'connections-high',
  'capacity-at-max',
  'replica-lag',
  'deadlocks',
  'slow-queries',
] as const;
export type DatabaseAlarmKind = (typeof DATABASE_ALARM_KINDS)[number];
/** Alarms every service has; `tasks-below-desired` only where Container Insights publishes task counts. */
export const COMMON_ALARM_KINDS = ['tasks-below-desired', 'cpu-high', 'memory-high', 'out-of-memory'] as const;

/** `<prefix>-<service>-<kind>`, for example `landfall-prod-api-cpu-high`. */
export function alarmName(environment: string, service: string, kind: string): string {
  return `${operationsPrefix(environment)}-${service}-${kind}`;
}

export interface ServiceAlarmNames {
  /** Alarms that notify (composites and metric alarms), in creation order: the dashboard's alarm status. */
  readonly notifying: readonly string[];
  /** The windows of the burn-rate composites. */
  readonly inputs: readonly string[];
}

/** Every named alarm of one service in one environment. */
export function serviceAlarmNames(
  environment: string,
  service: Pick<ServiceConfig, 'name' | 'kind'>,
  containerInsights: boolean,
): ServiceAlarmNames {
  const name = (kind: string) => alarmName(environment, service.name, kind);
  const composites =
    service.kind === 'web'
      ? BURN_RATE_OBJECTIVES.flatMap((objective) => BURN_RATE_TIERS.map((tier) => name(`${objective}-burn-${tier}`)))
      : [];
  const own = service.kind === 'web' ? WEB_ALARM_KINDS : WORKER_ALARM_KINDS;
  const common = COMMON_ALARM_KINDS.filter((kind) => containerInsights || kind !== 'tasks-below-desired');
  return {
    notifying: [...composites, ...[...own, ...common].map(name)],
    inputs: composites.flatMap((composite) => BURN_RATE_WINDOWS.map((window) => `${composite}-${window}`)),
  };
}

/** The alarms of a service's database, by kind (`<prefix>-<service>-db-<kind>`); absent kinds do not apply. */
export function databaseAlarmNames(
  environment: string,
  service: string,
  database: { readonly serverless: boolean; readonly readers: number },
): Partial<Record<DatabaseAlarmKind, string>> {
  const applies = (kind: DatabaseAlarmKind) =>
    (kind !== 'capacity-at-max' || database.serverless) && (kind !== 'replica-lag' || database.readers > 0);
  return Object.fromEntries(
    DATABASE_ALARM_KINDS.filter(applies).map((kind) => [kind, alarmName(environment, service, `db-${kind}`)]),
  );
}
