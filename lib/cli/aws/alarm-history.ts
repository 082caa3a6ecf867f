/**
 * The state changes of landfall's alarms, read-only (CloudWatch DescribeAlarmHistory): the incident timeline and
 * the weekly review's alarm statistics read them from here.
 */
import { paginateDescribeAlarmHistory } from '@aws-sdk/client-cloudwatch';
import { collect } from './call';
import type { AwsClients } from './clients';
import type { Window } from './error-budget';

/** One state change of an alarm. */
export interface AlarmStateChange {
  readonly alarm: string;
  readonly at: Date;
  /** `OK`, `ALARM` or `INSUFFICIENT_DATA`; `undefined` when the history item carries no readable data. */
  readonly from?: string;
  readonly to?: string;
  /** CloudWatch's own summary: `Alarm updated from OK to ALARM`. */
  readonly summary: string;
}

/** Burn-rate window alarms (`...-long`, `...-short`) only feed their composites: reports leave them out. */
export const isWindowInput = (name: string): boolean => /-(long|short)$/.test(name);

function states(data: string | undefined): { from?: string; to?: string } {
  try {
    const parsed = JSON.parse(data ?? '') as { oldState?: { stateValue?: string }; newState?: { stateValue?: string } };
    return {
      ...(parsed.oldState?.stateValue === undefined ? {} : { from: parsed.oldState.stateValue }),
      ...(parsed.newState?.stateValue === undefined ? {} : { to: parsed.newState.stateValue }),
    };
  } catch {
    return {};
  }
}

/**
 * The state changes of metric and composite alarms whose names start with one of `prefixes`
 * (`landfall-prod-api-`), oldest first, window inputs left out. DescribeAlarmHistory filters by one alarm name or
 * none, so the prefix filter runs here; without `AlarmTypes` it returns metric alarms only (CloudWatch API
 * Reference, DescribeAlarmHistory: "If you omit this parameter, only metric alarms are returned"), which would
 * leave out the burn-rate composites that page.
 */
export async function alarmStateChanges(
  clients: AwsClients,
  prefixes: readonly string[],
  window: Window,
): Promise<AlarmStateChange[]> {
  const items = await collect(
    'cloudwatch:DescribeAlarmHistory',
    paginateDescribeAlarmHistory(
      { client: clients.cloudWatch },
      {
        AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
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
    .map((i) => ({
      alarm: i.AlarmName ?? '',
      at: i.Timestamp ?? window.from,
      summary: i.HistorySummary ?? 'state changed',
      ...states(i.HistoryData),
    }))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}
