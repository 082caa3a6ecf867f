import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { EnvironmentStage } from '../../lib/stages/environment-stage';
import { DatabaseStack } from '../../lib/stacks/database-stack';
import { buildPlatform } from '../../lib/app';
import { CDK_JSON_CONTEXT, referenceModel } from '../support/example';

// One build of the reference platform (without the gates: the nag test covers them) for every assertion.
const app = new App({ context: { ...CDK_JSON_CONTEXT } });
const stages = buildPlatform(app, referenceModel());
const stageNamed = (name: string) => stages.environments.find((s) => s.plan.name === name) as EnvironmentStage;
const template = (env: string, stack = 'Database-api') => {
  const found = stageNamed(env).node.tryFindChild(stack);
  if (!(found instanceof DatabaseStack) && stack.startsWith('Database')) throw new Error(`no ${stack} in ${env}`);
  return Template.fromStack(found as DatabaseStack);
};

describe('database stack (reference api database)', () => {
  const dev = template('dev');
  const prod = template('prod');

  it('runs Aurora PostgreSQL 16.6 with IAM authentication, KMS storage encryption and an RDS-managed master secret', () => {
    prod.hasResourceProperties('AWS::RDS::DBCluster', {
      Engine: 'aurora-postgresql',
      EngineVersion: '16.6',
      DBClusterIdentifier: 'landfall-prod-api',
      DatabaseName: 'api',
      EnableIAMDatabaseAuthentication: true,
      StorageEncrypted: true,
      KmsKeyId: Match.anyValue(),
      ManageMasterUserPassword: true,
      MasterUsername: 'landfall_admin',
      MasterUserSecret: { KmsKeyId: Match.anyValue() },
      EnableCloudwatchLogsExports: ['postgresql'],
    });
    prod.resourcePropertiesCountIs('AWS::RDS::DBCluster', { MasterUserPassword: Match.anyValue() }, 0);
  });

  // Aurora User Guide, "Scaling to Zero ACUs with automatic pause and resume": "You do so by specifying a minimum
  // ACU value of zero for your DB cluster."
  it('lets the dev database scale to 0 ACUs and pause after 10 minutes', () => {
    dev.hasResourceProperties('AWS::RDS::DBCluster', {
      ServerlessV2ScalingConfiguration: { MinCapacity: 0, MaxCapacity: 2, SecondsUntilAutoPause: 600 },
    });
  });

  it('gives prod 1-16 ACUs, a writer and a reader in the second zone', () => {
    prod.hasResourceProperties('AWS::RDS::DBCluster', {
      ServerlessV2ScalingConfiguration: { MinCapacity: 1, MaxCapacity: 16 },
    });
    prod.resourceCountIs('AWS::RDS::DBInstance', 2);
    prod.hasResourceProperties('AWS::RDS::DBInstance', {
      DBInstanceClass: 'db.serverless',
      AvailabilityZone: 'ap-northeast-1c',
      PromotionTier: 1,
    });
    prod.hasResourceProperties('AWS::RDS::DBInstance', {
      DBInstanceClass: 'db.serverless',
      AvailabilityZone: 'ap-northeast-1a',
      PromotionTier: 0,
    });
    dev.resourceCountIs('AWS::RDS::DBInstance', 1);
  });

  it('keeps 14 days of backups, deletion protection and a final snapshot in prod', () => {
    prod.hasResource('AWS::RDS::DBCluster', {
      Properties: Match.objectLike({ BackupRetentionPeriod: 14, DeletionProtection: true }),
      DeletionPolicy: 'Snapshot',
      UpdateReplacePolicy: 'Snapshot',
    });
  });

  it('deletes the dev database without protection or snapshot', () => {
    dev.hasResource('AWS::RDS::DBCluster', {
      Properties: Match.objectLike({ BackupRetentionPeriod: 1, DeletionProtection: false }),
      DeletionPolicy: 'Delete',
    });
  });

  it('logs statements slower than slowQueryMs through the cluster parameter group', () => {
    prod.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', {
      Family: 'aurora-postgresql16',
      Parameters: Match.objectLike({ log_min_duration_statement: '500', 'rds.force_ssl': '1' }),
    });
  });

  it('creates the PostgreSQL log group RDS exports to, with the profile retention and the log key', () => {
    prod.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/rds/cluster/landfall-prod-api/postgresql',
      RetentionInDays: 365,
      KmsKeyId: Match.anyValue(),
    });
    dev.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 14 });
  });

  it('counts slow statements with a metric filter and opens a ticket linking the slow-queries runbook', () => {
    prod.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '"duration:"',
      MetricTransformations: [Match.objectLike({ MetricName: 'SlowStatements-landfall-prod-api', MetricValue: '1' })],
    });
    prod.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'landfall-prod-api-db-slow-queries',
      AlarmDescription: Match.stringLikeRegexp('^\\[TICKET\\] api in prod: .*Runbook: .*/slow-queries\\.md$'),
      AlarmActions: [Match.anyValue()],
    });
  });

  it('alarms on CPU, memory, connections, capacity at max, replica lag and deadlocks, each with a runbook', () => {
    const names = Object.values(prod.findResources('AWS::CloudWatch::Alarm')).map(
      (r) => (r as { Properties: { AlarmName: string } }).Properties.AlarmName,
    );
    expect(names.sort()).toEqual(
      [
        'capacity-at-max',
        'connections-high',
        'cpu-high',
        'deadlocks',
        'freeable-memory-low',
        'replica-lag',
        'slow-queries',
      ].map((k) => `landfall-prod-api-db-${k}`),
    );
    // 16 ACUs = 32 GiB: max_connections = 32 GiB / 9531392 = 3604; the alarm at 80%.
    prod.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'landfall-prod-api-db-connections-high',
      Threshold: 2883,
      AlarmDescription: Match.stringLikeRegexp('^\\[PAGE\\].*database-saturation\\.md$'),
    });
  });

  it('has no replica-lag alarm without readers', () => {
    dev.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { AlarmName: 'landfall-dev-api-db-replica-lag' }, 0);
  });

  it('admits nobody by itself: no ingress rule and no egress in its security group', () => {
    prod.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('^Aurora cluster landfall-prod-api'),
      SecurityGroupIngress: Match.absent(),
    });
    prod.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
  });

  it('writes endpoint, reader endpoint, port, secret ARN, key, security group and resource ID to SSM', () => {
    for (const key of [
      'endpoint',
      'reader-endpoint',
      'port',
      'secret-arn',
      'key-arn',
      'security-group-id',
      'resource-id',
    ]) {
      prod.hasResourceProperties('AWS::SSM::Parameter', { Name: `/landfall/prod/database/api/${key}` });
    }
    prod.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/landfall/prod/database/api/secret-arn',
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DatabaseCluster'), 'MasterUserSecret.SecretArn'] },
    });
  });

  it('turns Performance Insights on where the profile says (stg, prod) and off in dev', () => {
    prod.hasResourceProperties('AWS::RDS::DBCluster', {
      PerformanceInsightsEnabled: true,
      DatabaseInsightsMode: 'standard',
    });
    dev.resourcePropertiesCountIs('AWS::RDS::DBCluster', { PerformanceInsightsEnabled: true }, 0);
  });

  // A changed logical ID replaces the resource: a new, empty cluster and a new key (the old data unreadable).
  it('keeps the logical IDs of its stateful resources', () => {
    const ids = (type: string) => Object.keys(prod.findResources(type)).sort();
    expect(ids('AWS::RDS::DBCluster')).toEqual(['DatabaseCluster5B53A178']);
    expect(ids('AWS::RDS::DBInstance')).toEqual(['DatabaseClusterReader1D8B76102', 'DatabaseClusterWriterD43085C6']);
    expect(ids('AWS::KMS::Key')).toEqual(['DatabaseKey5E5D9547']);
    expect(ids('AWS::Logs::LogGroup')).toEqual(['DatabasePostgresqlLog95349A1F']);
    expect(ids('AWS::EC2::SecurityGroup')).toEqual(['DatabaseSecurityGroup5C91FDCB']);
  });
});
