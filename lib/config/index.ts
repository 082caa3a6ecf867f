export { definePlatform, defineService } from './define';
export { loadConfig, configFiles } from './loader';
export { validateConfig } from './validate';
export type { ConfigSource } from './validate';
export { ConfigError, formatProblems } from './problems';
export type { Problem } from './problems';
export type { LandfallModel, ResolvedEnvironment } from './model';
export { PROFILES, TIERS, resolveProfile } from './profiles';
export type { Tier, TierProfile } from './profiles';
export type { PlatformConfig, PlatformInput } from './schema/platform';
export type { AccountConfig, ExistingResourcesConfig } from './schema/accounts';
export { hasExistingConfigRecorder, slackChannelUses } from './existing';
export type { SlackChannelUse } from './existing';
export type { EnvironmentConfig } from './schema/environments';
export type { ServiceConfig, WebServiceConfig, WorkerConfig, ServiceInput } from './schema/service';
export type { DeployWindowConfig, FreezeConfig, Weekday } from './schema/deploy-window';
export type { DiscoveredConfig, DiscoveredAccount, DiscoveredIdentityCenter } from './schema/discovered';
export { DiscoveredSchema } from './schema/discovered';
export { FARGATE_MEMORY_BY_CPU } from './fargate';
export {
  resolveCost,
  resolveNotifications,
  resolveWebOperations,
  resolveWorkerOperations,
  runbookBaseUrl,
} from './operations';
export type {
  ResolvedCost,
  ResolvedNotifications,
  ResolvedRoute,
  ResolvedWebOperations,
  ResolvedWorkerOperations,
} from './operations';
export type { CostConfig } from './schema/cost';
export { taskBounds } from './task-bounds';
export type { TaskBounds, BoundSource } from './task-bounds';
export { listenerPriorities, specificityRank } from './routing';
export type { Route } from './routing';
export type { DomainConfig } from './schema/domain';
export type { WorkingHoursConfig } from './schema/working-hours';
