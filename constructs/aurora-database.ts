import type { RemovalPolicy } from 'aws-cdk-lib';
import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeLint } from './acknowledge';
import { MIN_EVIDENCE_RETENTION_DAYS, shortRetentionReason } from './log-retention';
import { denyGrantsExceptForAwsServices } from './kms-grant-guard';

/** Aurora Serverless v2 capacity of every instance of the cluster. */
export interface ServerlessCapacity {
  /** Lowest capacity in ACUs; 0 pauses an idle instance (engine versions with auto-pause only). */
  readonly minAcu: number;
  /** Highest capacity in ACUs. */
  readonly maxAcu: number;
  /** Idle time before an instance at 0 ACUs pauses. @default 5 minutes when `minAcu` is 0, none otherwise */
  readonly autoPause?: Duration;
}

/** Database Insights: off, standard (Performance Insights, 7 days) or advanced (15 months). */
export type DatabaseInsights = 'off' | 'standard' | 'advanced';

export interface AuroraDatabaseProps {
  /** The VPC; the cluster goes into the subnets given in `subnets`. */
  readonly vpc: ec2.IVpc;
  /** Private subnets, one per zone, at least two (Aurora's subnet group needs two zones). */
  readonly subnets: readonly ec2.ISubnet[];
  /** Cluster identifier (lowercase, at most 63 characters); it names the log group, so it is fixed. */
  readonly clusterIdentifier: string;
  /** The database created in the cluster. */
  readonly databaseName: string;
  /** Aurora PostgreSQL engine version, MAJOR.MINOR (validated by the caller). */
  readonly engineVersion: string;
  /** Serverless v2 capacity; ignored when `instanceClass` is given. */
  readonly capacity: ServerlessCapacity;
  /** A provisioned Graviton instance class such as `db.r7g.large`. @default Aurora Serverless v2 */
  readonly instanceClass?: string;
  /** Reader instances, each in the next zone after the writer's. */
  readonly readers: number;
  /** Days of automated backups. */
  readonly backupRetentionDays: number;
  /** Deletion protection on the cluster. */
  readonly deletionProtection: boolean;
  /** SNAPSHOT keeps a final snapshot when the cluster is removed; DESTROY keeps nothing. */
  readonly removalPolicy: RemovalPolicy.SNAPSHOT | RemovalPolicy.DESTROY;
  readonly insights: DatabaseInsights;
  /** `log_min_duration_statement`: statements at least this slow are logged, in milliseconds. */
  readonly slowQueryMs: number;
  /** Retention of the exported PostgreSQL log. */
  readonly logRetention: logs.RetentionDays;
  /** Key of the environment's log groups (CloudWatch Logs may use it). */
  readonly logEncryptionKey: kms.IKey;
  /** Removal of the log group and the key (RETAIN in environments that keep data). */
  readonly dataRemovalPolicy: RemovalPolicy;
}

/** The master user name; its password lives only in the secret RDS manages and rotates. */
export const MASTER_USERNAME = 'landfall_admin';

/**
 * An Aurora PostgreSQL cluster on Graviton: Serverless v2 (or provisioned) writer and readers in private subnets,
 * storage, secret and Performance Insights encrypted with its own key, IAM authentication on, the master password
 * managed and rotated by RDS in Secrets Manager, slow statements logged to a CloudWatch Logs group it owns. Its
 * security group admits nobody: clients add their own ingress rules (`allowFrom`).
 */
export class AuroraDatabase extends Construct {
  public readonly cluster: rds.DatabaseCluster;
  public readonly key: kms.Key;
  public readonly securityGroup: ec2.SecurityGroup;
  public readonly logGroup: logs.LogGroup;
  /** The complete ARN of the secret RDS manages (JSON with `username` and `password`). */
  public readonly secretArn: string;

  constructor(scope: Construct, id: string, props: AuroraDatabaseProps) {
    super(scope, id);
    if (props.subnets.length < 2) throw new Error(`${this.node.path}: Aurora needs subnets in at least 2 zones`);
    const major = props.engineVersion.split('.')[0] ?? '';
    this.key = new kms.Key(this, 'Key', {
      description: `Aurora cluster ${props.clusterIdentifier}: storage, master secret, Performance Insights`,
      enableKeyRotation: true,
      removalPolicy: props.dataRemovalPolicy,
    });
    denyGrantsExceptForAwsServices(this.key);
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `Aurora cluster ${props.clusterIdentifier}: admits only the services granted access`,
      allowAllOutbound: false,
    });
    // RDS writes the exported log to /aws/rds/cluster/<identifier>/postgresql; creating the group first sets its
    // retention and key (Aurora User Guide, "Publishing Aurora PostgreSQL logs to Amazon CloudWatch Logs").
    this.logGroup = new logs.LogGroup(this, 'PostgresqlLog', {
      logGroupName: `/aws/rds/cluster/${props.clusterIdentifier}/postgresql`,
      retention: props.logRetention,
      encryptionKey: props.logEncryptionKey,
      removalPolicy: props.dataRemovalPolicy,
    });
    acknowledge(this.logGroup, {
      ...(props.logRetention < MIN_EVIDENCE_RETENTION_DAYS
        ? { 'guard:cloudwatch_log_group_retention_period_check': shortRetentionReason(props.logRetention) }
        : {}),
      'guard:cloudwatch_log_group_encrypted_check':
        "CT.CLOUDWATCH.PR.3: the group is encrypted with the environment's log key; from the Network stack its ARN is an SSM parameter the rule cannot resolve",
    });
    const engine = rds.DatabaseClusterEngine.auroraPostgres({
      version: rds.AuroraPostgresEngineVersion.of(props.engineVersion, major),
    });
    const parameterGroup = new rds.ParameterGroup(this, 'Parameters', {
      engine,
      description: `Aurora cluster ${props.clusterIdentifier}: slow statements logged`,
      parameters: {
        log_min_duration_statement: String(props.slowQueryMs),
        // Statement text only for slow statements, never every statement (`log_statement` stays none).
        log_statement: 'none',
        // Deadlock reports and lock waits longer than deadlock_timeout show in the same log.
        log_lock_waits: '1',
        'rds.force_ssl': '1',
      },
    });
    const instance = (name: string, options: { scaleWithWriter?: boolean; availabilityZone?: string }) =>
      props.instanceClass === undefined
        ? rds.ClusterInstance.serverlessV2(name, options)
        : rds.ClusterInstance.provisioned(name, {
            instanceType: new ec2.InstanceType(props.instanceClass.replace(/^db\./, '')),
            ...(options.availabilityZone === undefined ? {} : { availabilityZone: options.availabilityZone }),
          });
    const zones = props.subnets.map((s) => s.availabilityZone);
    const insights = props.insights === 'off' ? {} : insightsProps(props.insights, this.key);
    this.cluster = new rds.DatabaseCluster(this, 'Cluster', {
      engine,
      clusterIdentifier: props.clusterIdentifier,
      defaultDatabaseName: props.databaseName,
      vpc: props.vpc,
      vpcSubnets: { subnets: [...props.subnets] },
      securityGroups: [this.securityGroup],
      credentials: rds.Credentials.fromUsername(MASTER_USERNAME, { encryptionKey: this.key }),
      manageMasterUserPassword: true,
      storageEncryptionKey: this.key,
      iamAuthentication: true,
      parameterGroup,
      cloudwatchLogsExports: ['postgresql'],
      backup: { retention: Duration.days(props.backupRetentionDays) },
      deletionProtection: props.deletionProtection,
      removalPolicy: props.removalPolicy,
      copyTagsToSnapshot: true,
      autoMinorVersionUpgrade: true,
      writer: instance('Writer', { availabilityZone: zones[0] }),
      readers: Array.from({ length: props.readers }, (_, i) =>
        instance(`Reader${i + 1}`, {
          // The first reader scales with the writer: it is the failover target and must carry the writer's load.
          scaleWithWriter: i === 0,
          availabilityZone: zones[(i + 1) % zones.length],
        }),
      ),
      ...(props.instanceClass === undefined
        ? {
            serverlessV2MinCapacity: props.capacity.minAcu,
            serverlessV2MaxCapacity: props.capacity.maxAcu,
            ...(props.capacity.minAcu === 0
              ? { serverlessV2AutoPauseDuration: props.capacity.autoPause ?? Duration.minutes(5) }
              : {}),
          }
        : {}),
      ...insights,
    });
    this.cluster.node.addDependency(this.logGroup);
    // The zones are the platform's explicit availability zones from config (synth never looks them up): the writer
    // in the first, each reader in the next, so a reader is in another zone than the writer.
    for (const child of this.cluster.node.findAll()) {
      if (child instanceof rds.CfnDBInstance) {
        acknowledgeLint(child, {
          W3010:
            'The zone is one of the availability zones the config names explicitly (no lookups): the writer in the first, readers in the next ones',
        });
      }
    }
    const cfn = this.cluster.node.defaultChild as rds.CfnDBCluster;
    this.secretArn = cfn.attrMasterUserSecretSecretArn;
    acknowledge(this, {
      'guard:rds_instance_enhanced_monitoring_enabled_check':
        'CT.RDS.PR.2 (enhanced monitoring): OS-level metrics come from CloudWatch (AWS/RDS) and Database Insights where the tier profile turns it on',
      'NIST.800.53.R5-RDSEnhancedMonitoringEnabled':
        'OS-level metrics come from CloudWatch (AWS/RDS) and Database Insights where the tier profile turns it on; Enhanced Monitoring would add a role and a per-instance log stream for little more',
      'NIST.800.53.R5-RDSInBackupPlan':
        'Aurora automated backups with the tier profile retention (databaseBackupRetentionDays, 7 or more days in prod) give point-in-time restore; no AWS Backup plan is added',
    });
    acknowledge(this.cluster, {
      'AwsSolutions-RDS11':
        'The cluster keeps the PostgreSQL default port 5432: it is reachable only from the task security groups granted access, so another port hides nothing',
      'AwsSolutions-SMG4':
        'The master secret is managed by RDS (ManageMasterUserPassword), which rotates it itself every 7 days; a Secrets Manager rotation Lambda cannot be attached to it',
      ...(props.deletionProtection
        ? {}
        : {
            'AwsSolutions-RDS10':
              'Deletion protection is off by this tier profile (databaseDeletionProtection: false): non-production databases are disposable',
            'NIST.800.53.R5-RDSInstanceDeletionProtectionEnabled':
              'Deletion protection is off by this tier profile (databaseDeletionProtection: false): non-production databases are disposable',
            'guard:rds_cluster_deletion_protection_enabled_check':
              'Deletion protection is off by this tier profile (databaseDeletionProtection: false): non-production databases are disposable',
          }),
    });
  }

  /** Admit a client's security group on the PostgreSQL port (the rule lives in the client's scope). */
  public static allowFrom(
    scope: Construct,
    id: string,
    databaseSecurityGroupId: string,
    client: ec2.ISecurityGroup,
  ): void {
    new ec2.CfnSecurityGroupIngress(scope, id, {
      groupId: databaseSecurityGroupId,
      ipProtocol: 'tcp',
      fromPort: 5432,
      toPort: 5432,
      sourceSecurityGroupId: client.securityGroupId,
      description: `PostgreSQL from ${client.node.path}`,
    });
  }
}

function insightsProps(mode: 'standard' | 'advanced', key: kms.IKey): Partial<rds.DatabaseClusterProps> {
  return {
    enablePerformanceInsights: true,
    performanceInsightEncryptionKey: key,
    databaseInsightsMode: mode === 'advanced' ? rds.DatabaseInsightsMode.ADVANCED : rds.DatabaseInsightsMode.STANDARD,
    performanceInsightRetention:
      mode === 'advanced' ? rds.PerformanceInsightRetention.MONTHS_15 : rds.PerformanceInsightRetention.DEFAULT,
  };
}
