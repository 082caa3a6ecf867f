import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildPlatform } from '../../lib/app';
import type { Stack } from 'aws-cdk-lib';
import { CDK_JSON_CONTEXT, referenceModel } from '../support/example';
import { dependencyWaves } from '../../lib/plan/waves';

const app = new App({ context: { ...CDK_JSON_CONTEXT } });
const stages = buildPlatform(app, referenceModel());
const prod = stages.environments.find((s) => s.plan.name === 'prod');
if (prod === undefined) throw new Error('no prod');
const stack = (id: string) => prod.node.findChild(id) as Stack;
const containerEnv = (t: Template) =>
  Object.values(t.findResources('AWS::ECS::TaskDefinition'))[0] as {
    Properties: { ContainerDefinitions: Array<{ Environment: Array<{ Name: string; Value: unknown }> }> };
  };
const envNames = (t: Template) => containerEnv(t).Properties.ContainerDefinitions[0]?.Environment.map((e) => e.Name);

describe('services connecting to a database', () => {
  const api = Template.fromStack(stack('Service-api'));
  const jobs = Template.fromStack(stack('Service-jobs'));

  it('gives the owner DB_HOST, DB_PORT, DB_NAME and DB_SECRET_ARN', () => {
    expect(envNames(api)).toEqual(expect.arrayContaining(['DB_HOST', 'DB_PORT', 'DB_NAME', 'DB_SECRET_ARN']));
    expect(envNames(api)).not.toContain('DB_USER');
  });

  it('lets the owner read the RDS-managed secret and decrypt it only through Secrets Manager', () => {
    api.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'ReadDatabaseSecretapi',
            Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
          }),
          Match.objectLike({
            Sid: 'DecryptDatabaseSecretapi',
            Action: 'kms:Decrypt',
            Condition: { StringEquals: { 'kms:ViaService': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  it('gives a read-only accessor the reader endpoint and IAM authentication as <service>_read, not the secret', () => {
    expect(envNames(jobs)).toEqual(
      expect.arrayContaining(['API_DB_HOST', 'API_DB_PORT', 'API_DB_NAME', 'API_DB_USER']),
    );
    expect(envNames(jobs)).not.toContain('API_DB_SECRET_ARN');
    const user = containerEnv(jobs).Properties.ContainerDefinitions[0]?.Environment.find(
      (e) => e.Name === 'API_DB_USER',
    );
    expect(user?.Value).toBe('jobs_read');
    const host = containerEnv(jobs).Properties.ContainerDefinitions[0]?.Environment.find(
      (e) => e.Name === 'API_DB_HOST',
    );
    expect(JSON.stringify(host?.Value)).toContain('databaseapireaderendpoint');
    jobs.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Sid: 'ConnectDatabaseapi', Action: 'rds-db:connect' })]),
      },
    });
    const policies = JSON.stringify(jobs.findResources('AWS::IAM::Policy'));
    expect(policies).not.toContain('databaseapisecretarn');
  });

  it('admits each connecting service on 5432 from its own task security group, the rule in its own stack', () => {
    for (const t of [api, jobs]) {
      t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
        IpProtocol: 'tcp',
        FromPort: 5432,
        ToPort: 5432,
        GroupId: { Ref: Match.stringLikeRegexp('^SsmParameterValuelandfallproddatabaseapisecuritygroupid') },
        SourceSecurityGroupId: Match.anyValue(),
      });
    }
  });

  it('keeps three deploy waves: the database beside Platform, the services after both, no exports', () => {
    const stacks = prod.node.children.filter((c): c is Stack => 'templateOptions' in c);
    const waves = dependencyWaves(
      stacks.map((s) => ({ id: s.node.id, dependencies: s.dependencies.map((d) => d.node.id) })),
    );
    expect(waves).toHaveLength(3);
    expect(waves[1]).toContain('Database-api');
    expect(waves[2]).toEqual(expect.arrayContaining(['Service-api', 'Service-jobs']));
    expect(JSON.stringify(Template.fromStack(stack('Service-jobs')).toJSON())).not.toContain('Fn::ImportValue');
  });
});
