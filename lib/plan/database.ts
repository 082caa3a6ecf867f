/**
 * A service's database in one environment, resolved: capacity, readers, backups and Insights from the tier profile,
 * the names and SSM parameters through which the services that connect find it, and its alarm thresholds.
 */
import type { CloudWatchRetentionDays, ResolvedEnvironment, ServiceConfig, TierProfile } from '../config';
import { databaseNameOf } from '../config';
import {
  databaseClusterIdentifier,
  databaseLogGroupName,
  databaseStackId,
  sharedParameterName,
  stackName,
} from '../naming';
import type { DatabaseAlarmKind } from './alarm-names';
import { databaseAlarmNames } from './alarm-names';

/** The SSM parameters the database stack writes for the services that connect (read at their deploy). */
export interface DatabaseParameters {
  readonly endpoint: string;
  readonly readerEndpoint: string;
  readonly port: string;
  readonly secretArn: string;
  readonly keyArn: string;
  readonly securityGroupId: string;
  readonly resourceId: string;
}

export interface DatabasePlan {
  /** The owning service. */
  readonly service: string;
  readonly stackId: string;
  readonly stackName: string;
  readonly description: string;
  readonly clusterIdentifier: string;
  readonly databaseName: string;
  readonly engineVersion: string;
  /** Serverless v2 capacity (ignored with `instanceClass`). */
  readonly capacity: { readonly minAcu: number; readonly maxAcu: number; readonly autoPauseMinutes: number };
  readonly instanceClass?: string;
  readonly readers: number;
  readonly backupRetentionDays: number;
  readonly deletionProtection: boolean;
  /** `snapshot` keeps a final snapshot on removal (environments that retain data); `destroy` keeps none. */
  readonly removal: 'snapshot' | 'destroy';
  readonly insights: 'off' | 'standard' | 'advanced';
  readonly slowQueryMs: number;
  readonly logGroupName: string;
  readonly logRetentionDays: CloudWatchRetentionDays;
  readonly parameters: DatabaseParameters;
  /** Its alarms' derived names by kind: the dashboard row and the alarm status show them by ARN. */
  readonly alarmNames: Partial<Record<DatabaseAlarmKind, string>>;
  readonly thresholds: {
    readonly cpuPercent: number;
    readonly freeableMemoryMiB: number;
    readonly connections: number;
    readonly replicaLagMs: number;
    readonly slowStatementsPer15Minutes: number;
  };
}

/** How a service connects to a database: its own (`owner`) or another service's (`read`, `read-write`). */
export interface DatabaseConnectionPlan {
  /** The service that owns the database. */
  readonly owner: string;
  readonly mode: 'owner' | 'read' | 'read-write';
  /** The database's stack, which the connecting service's stack waits for. */
  readonly stackId: string;
  readonly databaseName: string;
  readonly parameters: DatabaseParameters;
  /** Prefix of the environment variables: `DB_` for the owner, `<OWNER>_DB_` for the others. */
  readonly variablePrefix: string;
  /** The database user an accessor connects as with IAM authentication (`<service>` or `<service>_read`). */
  readonly iamUser?: string;
}

/** The database's SSM parameters: `/landfall/<environment>/database/<service>/<key>`. */
export function databaseParameters(environment: string, service: string): DatabaseParameters {
  const name = (key: string) => sharedParameterName(environment, `database/${service}/${key}`);
  return {
    endpoint: name('endpoint'),
    readerEndpoint: name('reader-endpoint'),
    port: name('port'),
    secretArn: name('secret-arn'),
    keyArn: name('key-arn'),
    securityGroupId: name('security-group-id'),
    resourceId: name('resource-id'),
  };
}

/**
 * PostgreSQL's `max_connections` on Aurora: LEAST(DBInstanceClassMemory/9531392, 5000) (Aurora User Guide, "Maximum
 * connections to an Aurora PostgreSQL DB instance"); Serverless v2 sizes it from the maximum capacity (2 GiB per ACU).
 */
export function maxConnections(memoryGiB: number): number {
  return Math.min(Math.floor((memoryGiB * 1024 ** 3) / 9531392), 5000);
}

/** Memory of a Graviton instance class in GiB (r-family 8 GiB per vCPU, x2g 16, t4g.medium 4 and t4g.large 8). */
export function instanceMemoryGiB(instanceClass: string): number {
  const [, family, size] = /^db\.([a-z0-9]+)\.(.+)$/.exec(instanceClass) ?? [];
  if (family === 't4g') return size === 'large' ? 8 : 4;
  const vcpus =
    size === 'medium' ? 1 : size === 'large' ? 2 : size === 'xlarge' ? 4 : 4 * Number(size?.replace('xlarge', ''));
  return vcpus * (family === 'x2g' ? 16 : 8);
}

/** The database of a service in an environment, or undefined when the service has none. */
export function databasePlan(environment: ResolvedEnvironment, service: ServiceConfig): DatabasePlan | undefined {
  const database = service.database;
  if (database === undefined) return undefined;
  const env = environment.name;
  const profile: TierProfile = environment.profile;
  if (profile.databaseMinCapacityAcu > profile.databaseMaxCapacityAcu) {
    throw new Error(
      `database of ${service.name} in ${env}: capacity range (the database check should have reported this)`,
    );
  }
  const stackId = databaseStackId(service.name);
  const memoryGiB =
    database.instanceClass === undefined
      ? profile.databaseMaxCapacityAcu * 2
      : instanceMemoryGiB(database.instanceClass);
  return {
    service: service.name,
    stackId,
    stackName: stackName(env, stackId),
    description: `landfall database of service ${service.name} in environment ${env}: Aurora PostgreSQL ${database.version}`,
    clusterIdentifier: databaseClusterIdentifier(env, service.name),
    databaseName: databaseNameOf(service.name, database),
    engineVersion: database.version,
    capacity: {
      minAcu: profile.databaseMinCapacityAcu,
      maxAcu: profile.databaseMaxCapacityAcu,
      autoPauseMinutes: profile.databaseAutoPauseMinutes,
    },
    ...(database.instanceClass === undefined ? {} : { instanceClass: database.instanceClass }),
    readers: profile.databaseReaders,
    backupRetentionDays: profile.databaseBackupRetentionDays,
    deletionProtection: profile.databaseDeletionProtection,
    removal: profile.retainData ? 'snapshot' : 'destroy',
    insights: profile.databaseInsights,
    slowQueryMs: database.slowQueryMs,
    logGroupName: databaseLogGroupName(env, service.name),
    logRetentionDays: profile.logRetentionDays,
    parameters: databaseParameters(env, service.name),
    alarmNames: databaseAlarmNames(env, service.name, {
      serverless: database.instanceClass === undefined,
      readers: profile.databaseReaders,
    }),
    thresholds: {
      cpuPercent: 80,
      // A tenth of the memory at the lowest running capacity (0.5 ACU = 1 GiB when the range starts at 0).
      freeableMemoryMiB: Math.round(
        (database.instanceClass === undefined ? Math.max(profile.databaseMinCapacityAcu, 0.5) * 2 : memoryGiB) * 102.4,
      ),
      connections: Math.floor(maxConnections(memoryGiB) * 0.8),
      replicaLagMs: 5000,
      slowStatementsPer15Minutes: 10,
    },
  };
}

/** Every database a service connects to: its own first, then those whose `access` names it. */
export function databaseConnections(
  environment: string,
  service: ServiceConfig,
  services: readonly ServiceConfig[],
): DatabaseConnectionPlan[] {
  const connection = (owner: ServiceConfig, mode: DatabaseConnectionPlan['mode']): DatabaseConnectionPlan => {
    const database = owner.database;
    if (database === undefined) throw new Error(`service ${owner.name} has no database`);
    const iamUser =
      mode === 'owner'
        ? undefined
        : mode === 'read'
          ? `${dbIdentifier(service.name)}_read`
          : dbIdentifier(service.name);
    return {
      owner: owner.name,
      mode,
      stackId: databaseStackId(owner.name),
      databaseName: databaseNameOf(owner.name, database),
      parameters: databaseParameters(environment, owner.name),
      variablePrefix: mode === 'owner' ? 'DB_' : `${owner.name.toUpperCase().replace(/-/g, '_')}_DB_`,
      ...(iamUser === undefined ? {} : { iamUser }),
    };
  };
  const own = service.database === undefined ? [] : [connection(service, 'owner')];
  const granted = services.flatMap((owner) =>
    (owner.database?.access ?? []).filter((a) => a.service === service.name).map((a) => connection(owner, a.mode)),
  );
  return [...own, ...granted];
}

const dbIdentifier = (service: string) => service.replace(/-/g, '_');
