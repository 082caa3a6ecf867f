/**
 * Every physical name a service's stack gives its resources in one environment, derived from the environment and
 * service names (`lib/naming.ts`): the environment plan hands them to the stacks, and the name check reports two
 * services whose names collide before CloudFormation would.
 */
import type { ServiceConfig } from '../config';
import { deadLetterQueueName, queueName, serviceLogGroupName, taskFamily } from '../naming';
import { databaseAlarmNames, serviceAlarmNames } from './alarm-names';

/** Where a name must be unique, and why. */
export const NAME_SCOPES = {
  queue: 'SQS queue names are unique per account and region',
  logGroup: 'log group names are unique per account and region',
  alarm: 'alarm names are unique per account and region',
  family: 'a task definition family holds the revisions of one service',
  ecsService: 'service names are unique in a cluster',
} as const;
export type NameScope = keyof typeof NAME_SCOPES;

/** One derived name and what it names, for example the dead-letter queue. */
export interface DerivedName {
  readonly scope: NameScope;
  readonly name: string;
  /** What the name belongs to, as a message says it: `the dead-letter queue`. */
  readonly role: string;
}

/** The names of a service's resources in one environment. */
export function serviceNames(
  environment: string,
  service: Pick<ServiceConfig, 'name' | 'kind' | 'database'>,
  profile: { readonly containerInsights: boolean; readonly databaseReaders: number },
): DerivedName[] {
  const alarms = serviceAlarmNames(environment, service, profile.containerInsights);
  const databaseAlarms =
    service.database === undefined
      ? []
      : Object.values(
          databaseAlarmNames(environment, service.name, {
            serverless: service.database.instanceClass === undefined,
            readers: profile.databaseReaders,
          }),
        );
  return [
    ...(service.kind === 'worker'
      ? [
          { scope: 'queue', name: queueName(environment, service.name), role: 'the queue' } as const,
          {
            scope: 'queue',
            name: deadLetterQueueName(environment, service.name),
            role: 'the dead-letter queue',
          } as const,
        ]
      : []),
    { scope: 'logGroup', name: serviceLogGroupName(environment, service.name), role: 'the log group' },
    { scope: 'family', name: taskFamily(environment, service.name), role: 'the task definition family' },
    { scope: 'ecsService', name: service.name, role: 'the ECS service' },
    ...[...alarms.notifying, ...alarms.inputs].map((name) => ({ scope: 'alarm' as const, name, role: 'an alarm' })),
    ...databaseAlarms.map((name) => ({ scope: 'alarm' as const, name, role: 'a database alarm' })),
  ];
}
