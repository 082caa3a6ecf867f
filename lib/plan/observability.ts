/**
 * How an environment's operations split over Observability stacks: one stack and dashboard per 25 services keeps a
 * dashboard far below CloudWatch's 500 widgets and a template far below CloudFormation's 1 MB, however many services
 * an environment has. The first stack also holds the environment's OOM and secret-age watches.
 */
import { operationsPrefix, secretAgeRuleName, STACKS, stackName } from '../naming';

/** Services per Observability stack and dashboard. */
export const SERVICES_PER_DASHBOARD = 25;

/** One Observability stack: its dashboard and the services it shows. */
export interface ObservabilityPlan {
  /** `Observability`, then `Observability-2`, ... */
  readonly stackId: string;
  readonly stackName: string;
  readonly description: string;
  /** `landfall-<environment>`, then `landfall-<environment>-2`, ... */
  readonly dashboardName: string;
  /** Names of the services on this dashboard, in config order. */
  readonly services: readonly string[];
  /** Whether the environment's OOM watch lives here (the first stack only). */
  readonly oomWatch: boolean;
  /** Log group of the OOM stop events (`/aws/events/` is the prefix EventBridge log targets use). */
  readonly oomLogGroupName: string;
  /** The AWS Config rule of the secret-age watch (in the first stack, with the OOM watch). */
  readonly secretAgeRuleName: string;
  /** Log group of the release events of this stack's services (`/aws/events/<prefix>-releases`, then `-2`, ...). */
  readonly releaseLogGroupName: string;
}

/** The Observability stacks of an environment with these services (always at least one). */
export function observabilityParts(
  environment: string,
  services: ReadonlyArray<{ readonly name: string }>,
): ObservabilityPlan[] {
  const prefix = operationsPrefix(environment);
  const parts: ObservabilityPlan[] = [];
  for (let start = 0; start === 0 || start < services.length; start += SERVICES_PER_DASHBOARD) {
    const part = parts.length + 1;
    const stackId = part === 1 ? STACKS.observability : `${STACKS.observability}-${part}`;
    parts.push({
      stackId,
      stackName: stackName(environment, stackId),
      description: `landfall operations of ${environment}${part === 1 ? '' : ` (part ${part})`}: ${part === 1 ? 'OOM and secret-age watches, ' : ''}dashboard of the services' alarms and metrics`,
      dashboardName: part === 1 ? prefix : `${prefix}-${part}`,
      services: services.slice(start, start + SERVICES_PER_DASHBOARD).map((s) => s.name),
      oomWatch: part === 1,
      oomLogGroupName: `/aws/events/${prefix}-out-of-memory`,
      secretAgeRuleName: secretAgeRuleName(environment),
      releaseLogGroupName: `/aws/events/${prefix}-releases${part === 1 ? '' : `-${part}`}`,
    });
  }
  return parts;
}
