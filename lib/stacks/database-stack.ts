import type { StackProps } from 'aws-cdk-lib';
import { RemovalPolicy, Stack, Duration } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import type { Severity } from '../../constructs/alarm-conventions';
import type { DatabaseAlarmKind, DatabaseThresholds } from '../../constructs/aurora-alarms';
import { AuroraAlarms } from '../../constructs/aurora-alarms';
import type { DatabaseInsights } from '../../constructs/aurora-database';
import { AuroraDatabase } from '../../constructs/aurora-database';
import type { EnvironmentReferencesProps } from '../../constructs/environment-references';
import { EnvironmentReferences } from '../../constructs/environment-references';
import type { ServiceAlarmSettings } from './service-alarm-settings';
import { alarmPolicy } from './service-alarm-settings';

/** The SSM parameter names the stack writes for the services that connect. */
export interface DatabaseParameterNames {
  readonly endpoint: string;
  readonly readerEndpoint: string;
  readonly port: string;
  readonly secretArn: string;
  readonly keyArn: string;
  readonly securityGroupId: string;
  readonly resourceId: string;
}

export interface DatabaseStackProps extends StackProps {
  /** The environment's VPC, log key and topics, by SSM parameter and derived name. */
  readonly references: EnvironmentReferencesProps;
  readonly database: {
    readonly clusterIdentifier: string;
    readonly databaseName: string;
    readonly engineVersion: string;
    readonly capacity: { readonly minAcu: number; readonly maxAcu: number; readonly autoPauseMinutes: number };
    /** A provisioned Graviton class. @default Aurora Serverless v2 */
    readonly instanceClass?: string;
    readonly readers: number;
    readonly backupRetentionDays: number;
    readonly deletionProtection: boolean;
    /** Whether a final snapshot is kept when the cluster is removed (and the key and log kept). */
    readonly keepData: boolean;
    readonly insights: DatabaseInsights;
    readonly slowQueryMs: number;
    readonly logRetention: logs.RetentionDays;
  };
  readonly parameters: DatabaseParameterNames;
  /** The database's alarms: thresholds and the environment's alarm settings (named after the owning service). */
  readonly alarms: ServiceAlarmSettings & {
    readonly thresholds: DatabaseThresholds;
    /** Severity overrides. @default DATABASE_ALARM_SEVERITY */
    readonly severities?: Partial<Record<DatabaseAlarmKind, Severity>>;
  };
}

/**
 * The database a service owns, in a stack of its own beside Platform (it needs only Network's parameters): deleting
 * or replacing the service stack never touches the cluster. The services that connect find it through the SSM
 * parameters written here, never an export, and add their own ingress rule to its security group.
 */
export class DatabaseStack extends Stack {
  public readonly database: AuroraDatabase;
  public readonly alarms: AuroraAlarms;

  constructor(scope: Construct, id: string, props: DatabaseStackProps) {
    super(scope, id, props);
    const environment = new EnvironmentReferences(this, 'Environment', props.references);
    const { database: db } = props;
    const vpc = environment.vpc;
    this.database = new AuroraDatabase(this, 'Database', {
      vpc,
      subnets: vpc.privateSubnets,
      clusterIdentifier: db.clusterIdentifier,
      databaseName: db.databaseName,
      engineVersion: db.engineVersion,
      capacity: {
        minAcu: db.capacity.minAcu,
        maxAcu: db.capacity.maxAcu,
        autoPause: Duration.minutes(db.capacity.autoPauseMinutes),
      },
      ...(db.instanceClass === undefined ? {} : { instanceClass: db.instanceClass }),
      readers: db.readers,
      backupRetentionDays: db.backupRetentionDays,
      deletionProtection: db.deletionProtection,
      removalPolicy: db.keepData ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
      dataRemovalPolicy: db.keepData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      insights: db.insights,
      slowQueryMs: db.slowQueryMs,
      logRetention: db.logRetention,
      logEncryptionKey: environment.logKey,
    });
    this.alarms = new AuroraAlarms(this, 'Alarms', {
      policy: alarmPolicy(props.alarms, environment.topics),
      serviceName: props.alarms.serviceName,
      clusterIdentifier: db.clusterIdentifier,
      logGroup: this.database.logGroup,
      slowQueryMs: db.slowQueryMs,
      serverless: db.instanceClass === undefined,
      readers: db.readers,
      thresholds: props.alarms.thresholds,
      ...(props.alarms.severities === undefined ? {} : { severities: props.alarms.severities }),
    });
    const { cluster } = this.database;
    const values: Array<[string, keyof DatabaseParameterNames, string]> = [
      ['EndpointParameter', 'endpoint', cluster.clusterEndpoint.hostname],
      ['ReaderEndpointParameter', 'readerEndpoint', cluster.clusterReadEndpoint.hostname],
      ['PortParameter', 'port', cluster.clusterEndpoint.port.toString()],
      ['SecretArnParameter', 'secretArn', this.database.secretArn],
      ['KeyArnParameter', 'keyArn', this.database.key.keyArn],
      ['SecurityGroupIdParameter', 'securityGroupId', this.database.securityGroup.securityGroupId],
      ['ResourceIdParameter', 'resourceId', cluster.clusterResourceIdentifier],
    ];
    for (const [parameterId, key, stringValue] of values) {
      new ssm.StringParameter(this, parameterId, {
        parameterName: props.parameters[key],
        stringValue,
        description: `Database ${db.clusterIdentifier}: ${key} (read by the services that connect)`,
      });
    }
  }
}
