import type { AlarmPolicy, Severity } from '../../constructs/alarm-conventions';
import type * as sns from 'aws-cdk-lib/aws-sns';

/** How a service stack names, routes and links its alarms: the environment's, the same for every service. */
export interface ServiceAlarmSettings {
  /** The service's name as people know it (config name): alarm names, descriptions, the alarm review. */
  readonly serviceName: string;
  /** Environment name, in every description and in the alarm review. */
  readonly environment: string;
  /** Prefix of alarm names, for example `landfall-prod`. */
  readonly namePrefix: string;
  /** Whether alarms notify (profile `alarmActionsEnabled`); they change state and show on the dashboard either way. */
  readonly actionsEnabled: boolean;
  /** Base URL of `docs/runbooks/` (no trailing slash). */
  readonly runbookBaseUrl: string;
  /** Whether the cluster has Container Insights (task-count alarms). */
  readonly containerInsights: boolean;
}

/** The alarm policy of a service stack, notifying the environment's topics. */
export function alarmPolicy(
  settings: ServiceAlarmSettings,
  topics: Readonly<Record<Severity, sns.ITopic>>,
): AlarmPolicy {
  return {
    environment: settings.environment,
    topics,
    actionsEnabled: settings.actionsEnabled,
    runbookBaseUrl: settings.runbookBaseUrl,
    namePrefix: settings.namePrefix,
  };
}
