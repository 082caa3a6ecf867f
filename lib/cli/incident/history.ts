/**
 * What AWS remembers of an incident window, read-only: the state changes of the services' alarms (CloudWatch alarm
 * history) and their releases (ECS service deployments, `../aws/service-deployments.ts`). The error budget it spent: `../aws/error-budget.ts`.
 */
import { alarmStateChanges } from '../aws/alarm-history';
import type { RetryOptions } from '../aws/call';
import type { AwsClients } from '../aws/clients';
import type { Window } from '../aws/error-budget';
import { deploymentStart, revisionOf, serviceDeployments } from '../aws/service-deployments';
import type { TimelineEntry } from './postmortem';

/** The state changes of alarms whose names start with one of `prefixes` (`landfall-prod-api-`), oldest first. */
export async function alarmTimeline(
  clients: AwsClients,
  prefixes: readonly string[],
  window: Window,
): Promise<TimelineEntry[]> {
  const changes = await alarmStateChanges(clients, prefixes, window);
  return changes.map((c) => ({ at: c.at, text: `${c.alarm}: ${c.summary}` }));
}

/** The deployments of one ECS service that started in the window (ListServiceDeployments), as timeline entries. */
export async function releases(
  clients: AwsClients,
  retry: RetryOptions,
  cluster: string,
  service: string,
  window: Window,
): Promise<TimelineEntry[]> {
  const found = await serviceDeployments(clients, retry, cluster, service, window);
  return found.flatMap((d) => {
    const revision = revisionOf(d);
    const started = deploymentStart(d);
    const entries: TimelineEntry[] = [];
    if (started) entries.push({ at: started, text: `release of ${service} started (revision ${revision})` });
    if (d.finishedAt) {
      entries.push({
        at: d.finishedAt,
        text: `release of ${service} ended: ${d.status ?? 'UNKNOWN'}${d.statusReason ? ` (${d.statusReason})` : ''}`,
      });
    }
    return entries;
  });
}
