import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';

/** One database a service connects to, by the SSM parameters its stack writes. */
export interface DatabaseConnection {
  /** The owning service (construct IDs). */
  readonly owner: string;
  /** `owner` gets the writer endpoint and the master secret; `read-write` the writer and `read` the reader endpoint, both with IAM authentication as `iamUser`. */
  readonly mode: 'owner' | 'read' | 'read-write';
  readonly databaseName: string;
  /** Prefix of the environment variables, for example `DB_` or `API_DB_`. */
  readonly variablePrefix: string;
  /** The database user of IAM authentication (accessors only). @default none (the owner uses the secret) */
  readonly iamUser?: string;
  readonly parameters: {
    readonly endpoint: string;
    readonly readerEndpoint: string;
    readonly port: string;
    readonly secretArn: string;
    readonly keyArn: string;
    readonly securityGroupId: string;
    readonly resourceId: string;
  };
}

export interface DatabaseClientProps {
  /** The service's task definition: its default container gets the variables, its task role the permissions. */
  readonly taskDefinition: ecs.TaskDefinition;
  /** The security group of the service's tasks; the database admits it on 5432. */
  readonly securityGroup: ec2.ISecurityGroup;
  readonly connections: readonly DatabaseConnection[];
}

/**
 * Connects a service to databases of its environment without a cross-stack reference: reads their SSM parameters,
 * adds an ingress rule from the service's tasks to each database's security group (the rule belongs to this stack,
 * so it goes away with the service), passes `<PREFIX>HOST`, `PORT`, `NAME` and either `SECRET_ARN` (the owner: the
 * RDS-managed secret, which the application re-reads when a login fails after a rotation) or `USER` (IAM
 * authentication), and grants exactly that: reading the secret, or `rds-db:connect` as that user.
 */
export class DatabaseClient extends Construct {
  constructor(scope: Construct, id: string, props: DatabaseClientProps) {
    super(scope, id);
    const container = props.taskDefinition.defaultContainer;
    if (container === undefined) throw new Error(`${this.node.path}: the task definition has no container`);
    const role = props.taskDefinition.taskRole;
    const stack = Stack.of(this);
    for (const c of props.connections) {
      const read = (key: keyof DatabaseConnection['parameters']) =>
        ssm.StringParameter.valueForStringParameter(this, c.parameters[key]);
      new ec2.CfnSecurityGroupIngress(this, `Ingress${c.owner}`, {
        groupId: read('securityGroupId'),
        ipProtocol: 'tcp',
        fromPort: 5432,
        toPort: 5432,
        sourceSecurityGroupId: props.securityGroup.securityGroupId,
        description: `PostgreSQL from the tasks of ${stack.stackName} (${c.mode})`,
      });
      const p = c.variablePrefix;
      container.addEnvironment(`${p}HOST`, read(c.mode === 'read' ? 'readerEndpoint' : 'endpoint'));
      container.addEnvironment(`${p}PORT`, read('port'));
      container.addEnvironment(`${p}NAME`, c.databaseName);
      if (c.mode === 'owner') {
        container.addEnvironment(`${p}SECRET_ARN`, read('secretArn'));
        role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            sid: `ReadDatabaseSecret${c.owner.replace(/-/g, '')}`,
            actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
            resources: [read('secretArn')],
          }),
        );
        role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            sid: `DecryptDatabaseSecret${c.owner.replace(/-/g, '')}`,
            actions: ['kms:Decrypt'],
            resources: [read('keyArn')],
            conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${stack.region}.${stack.urlSuffix}` } },
          }),
        );
      } else {
        if (c.iamUser === undefined)
          throw new Error(`${this.node.path}: ${c.mode} access to ${c.owner} needs an IAM user`);
        container.addEnvironment(`${p}USER`, c.iamUser);
        role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            sid: `ConnectDatabase${c.owner.replace(/-/g, '')}`,
            actions: ['rds-db:connect'],
            resources: [
              stack.formatArn({
                service: 'rds-db',
                resource: 'dbuser',
                resourceName: `${read('resourceId')}/${c.iamUser}`,
                arnFormat: ArnFormat.COLON_RESOURCE_NAME,
              }),
            ],
          }),
        );
      }
    }
  }
}
