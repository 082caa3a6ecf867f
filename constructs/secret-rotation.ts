import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface SecretRotationProps {
  /** The secret to rotate (a name or complete ARN in this stack's account and region). */
  readonly secret: secretsmanager.ISecret;
  /** Name of the rotation function the team supplies, in this stack's account and region. */
  readonly functionName: string;
  /** Days between rotations (Secrets Manager allows 1-1000). */
  readonly everyDays: number;
}

/**
 * A rotation schedule for a secret the service's team rotates with its own Lambda function, and the permission
 * Secrets Manager needs to invoke it, for this account only (`aws:SourceAccount`).
 *
 * The schedule does not rotate when it is created or changed (`RotateImmediatelyOnUpdate: false`): a deploy never
 * changes a secret by surprise. Test the function once with `aws secretsmanager rotate-secret --secret-id ...`.
 * Secrets Manager User Guide, "Lambda rotation function execution role permissions": the function's own role needs
 * DescribeSecret, GetSecretValue, PutSecretValue and UpdateSecretVersionStage on the secret; that role belongs to
 * the function, so its team grants it.
 */
export class SecretRotation extends Construct {
  public readonly schedule: secretsmanager.RotationSchedule;
  public readonly invokePermission: lambda.CfnPermission;

  constructor(scope: Construct, id: string, props: SecretRotationProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const functionArn = stack.formatArn({
      service: 'lambda',
      resource: 'function',
      resourceName: props.functionName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const rotation = lambda.Function.fromFunctionArn(this, 'Function', functionArn);
    // Secrets Manager invokes the function as secretsmanager.amazonaws.com: its resource policy must allow that.
    this.invokePermission = new lambda.CfnPermission(this, 'SecretsManagerMayInvoke', {
      action: 'lambda:InvokeFunction',
      functionName: functionArn,
      principal: 'secretsmanager.amazonaws.com',
      sourceAccount: stack.account,
    });
    this.schedule = new secretsmanager.RotationSchedule(this, 'Schedule', {
      secret: props.secret,
      rotationLambda: rotation,
      automaticallyAfter: Duration.days(props.everyDays),
      rotateImmediatelyOnUpdate: false,
    });
    this.schedule.node.addDependency(this.invokePermission);
  }
}
