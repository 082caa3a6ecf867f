export { definePlatform, defineService } from './define';
export { loadConfig, configFiles } from './loader';
export type { LoadOptions } from './loader';
export { validateConfig } from './validate';
export type { ConfigSource, ValidateOptions } from './validate';
export type { Check, CheckContext, ServiceEntry } from './checks';
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
export { isSecretArn, parseCompleteSecretArn, secretsFor } from './secrets';
export type { SecretArn } from './secrets';
export type { TaskBounds, BoundSource } from './task-bounds';
export type { DomainConfig } from './schema/domain';
export { CLOUDWATCH_RETENTION_DAYS } from './fields';
export type { CloudWatchRetentionDays } from './fields';

export type { WorkingHoursConfig } from './schema/working-hours';
export { AURORA_POSTGRESQL_MAJORS, databaseNameOf, supportsAutoPause } from './schema/database';
export type { DatabaseConfig } from './schema/database';
export { MIN_BACKUP_RETENTION_DAYS } from './profiles';
export { deploymentMinutes, MAX_DEPLOYMENT_MINUTES, resolveDeployment } from './deployment';
export type { ResolvedDeployment, RollingDeployment, TrafficShiftDeployment } from './deployment';
export { DEPLOYMENT_STRATEGIES } from './profiles';
export type { DeploymentStrategy } from './profiles';
