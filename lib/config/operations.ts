import type { PlatformConfig } from './schema/platform';
import type { AnomalyDetectionConfig } from './schema/cost';
import type { WebServiceConfig, WorkerConfig } from './schema/service';

/** Where one severity of alarm notification goes, with defaults applied. */
export interface ResolvedRoute {
  readonly emails: readonly string[];
  readonly slackChannelId?: string;
}

/** Alarm notification settings of the platform, with defaults applied. */
export interface ResolvedNotifications {
  readonly page: ResolvedRoute;
  readonly ticket: ResolvedRoute;
  readonly slackWorkspaceId?: string;
  /** Runbook links are `<runbookBaseUrl>/<runbook>.md`. */
  readonly runbookBaseUrl: string;
}

/** The base URL of `docs/runbooks/` in the platform repository. */
export function runbookBaseUrl(platform: PlatformConfig): string {
  const base =
    platform.notifications.runbookBaseUrl ??
    `https://github.com/${platform.deploy.githubRepository}/blob/main/docs/runbooks`;
  return base.replace(/\/+$/, '');
}

export function resolveNotifications(platform: PlatformConfig): ResolvedNotifications {
  const { notifications } = platform;
  const route = (r: { emails?: string[]; slackChannelId?: string } | undefined): ResolvedRoute => ({
    emails: r?.emails ?? notifications.emails,
    ...(r?.slackChannelId === undefined ? {} : { slackChannelId: r.slackChannelId }),
  });
  return {
    page: route(notifications.page),
    ticket: route(notifications.ticket),
    ...(notifications.slackWorkspaceId === undefined ? {} : { slackWorkspaceId: notifications.slackWorkspaceId }),
    runbookBaseUrl: runbookBaseUrl(platform),
  };
}

/** Objectives and thresholds of a web service, with defaults applied. */
export interface ResolvedWebOperations {
  readonly availabilityPercent: number;
  readonly latencyTargetMs: number;
  readonly latencyPercent: number;
  readonly p99LatencyMs: number;
  readonly server5xxPercent: number;
  readonly cpuPercent: number;
  readonly memoryPercent: number;
}

/** Thresholds of a worker, with defaults applied. */
export interface ResolvedWorkerOperations {
  readonly maxMessageAgeSeconds: number;
  readonly stalledMinutes: number;
  readonly cpuPercent: number;
  readonly memoryPercent: number;
}

export function resolveWebOperations(service: WebServiceConfig): ResolvedWebOperations {
  return {
    ...service.slo,
    p99LatencyMs: service.alarms.p99LatencyMs ?? 4 * service.slo.latencyTargetMs,
    server5xxPercent: service.alarms.server5xxPercent,
    cpuPercent: service.alarms.cpuPercent,
    memoryPercent: service.alarms.memoryPercent,
  };
}

export function resolveWorkerOperations(worker: WorkerConfig): ResolvedWorkerOperations {
  return {
    maxMessageAgeSeconds: worker.alarms.maxMessageAgeSeconds ?? Math.max(300, 10 * worker.maxProcessingSeconds),
    stalledMinutes: worker.alarms.stalledMinutes,
    cpuPercent: worker.alarms.cpuPercent,
    memoryPercent: worker.alarms.memoryPercent,
  };
}

/** Cost alarm settings of the management account, with defaults applied. */
export interface ResolvedCost {
  readonly accounts: ReadonlyArray<{ readonly name: string; readonly id: string; readonly monthlyBudgetUsd: number }>;
  readonly emails: readonly string[];
  readonly slackChannelId?: string;
  readonly slackWorkspaceId?: string;
  readonly anomalyDetection: AnomalyDetectionConfig;
  readonly billingAlarmUsd: number;
}

export function resolveCost(platform: PlatformConfig): ResolvedCost {
  const { cost, notifications, accounts } = platform;
  const slack = cost.slackChannelId !== undefined && notifications.slackWorkspaceId !== undefined;
  return {
    accounts: accounts.map((a) => ({ name: a.name, id: a.id, monthlyBudgetUsd: a.monthlyBudgetUsd })),
    emails: cost.emails ?? notifications.emails,
    ...(slack ? { slackChannelId: cost.slackChannelId, slackWorkspaceId: notifications.slackWorkspaceId } : {}),
    anomalyDetection: cost.anomalyDetection,
    billingAlarmUsd: cost.billingAlarmUsd ?? accounts.reduce((sum, a) => sum + a.monthlyBudgetUsd, 0),
  };
}
