/**
 * What AWS remembers of an incident window, read-only: the state changes of the services' alarms (CloudWatch alarm
 * history) and their releases (ECS service deployments, `../aws/service-deployments.ts`). The error budget it spent: `../aws/error-budget.ts`.
 */
import { paginateDescribeAlarmHistory } from '@aws-sdk/client-cloudwatch';
import { collect } from '../aws/call';
import type { RetryOptions } from '../aws/call';
import type { AwsClients } from '../aws/clients';
import type { Window } from '../aws/error-budget';
import { deploymentStart, revisionOf, serviceDeployments } from '../aws/service-deployments';
import type { TimelineEntry } from './postmortem';

/** Burn-rate window alarms (`...-long`, `...-short`) only feed their composites: the timeline leaves them out. */
const isWindowInput = (name: string) => /-(long|short)$/.test(name);

/**
 * The state changes of alarms whose names start with one of `prefixes` (`landfall-prod-api-`), oldest first.
 * DescribeAlarmHistory filters by one alarm name or none, so the prefix filter runs here.
 */
export async function alarmTimeline(
  clients: AwsClients,
  prefixes: readonly string[],
  window: Window,
): Promise<TimelineEntry[]> {
  const items = await collect(
    'cloudwatch:DescribeAlarmHistory',
    paginateDescribeAlarmHistory(
      { client: clients.cloudWatch },
      {
        HistoryItemType: 'StateUpdate',
        StartDate: window.from,
        EndDate: window.to,
        ScanBy: 'TimestampAscending',
      },
    ),
    (page) => page.AlarmHistoryItems,
  );
  return items
    .filter((i) => {
      const name = i.AlarmName ?? '';
      return prefixes.some((p) => name.startsWith(p)) && !isWindowInput(name);
    })
    .map((i) => ({ at: i.Timestamp ?? window.from, text: `${i.AlarmName}: ${i.HistorySummary ?? 'state changed'}` }));
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
