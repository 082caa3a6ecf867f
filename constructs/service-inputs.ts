import * as ecrAssets from 'aws-cdk-lib/aws-ecr-assets';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { QueueTarget } from './arm-task';
import { SecretRotation } from './secret-rotation';

/** A container image: a directory with a Dockerfile (built for linux/arm64) or a registry reference. */
export type ImageSource = { readonly directory: string } | { readonly registry: string };

/** A worker queue a service sends to, known by name (no cross-stack export, so no coupling between service stacks). */
export interface QueueReference {
  readonly queueName: string;
  readonly environmentVariable: string;
}

/** The inputs of a service stack that refer to things outside it: image, secrets and queues it sends to. */
export interface ServiceInputsProps {
  readonly image: ImageSource;
  /**
   * Environment variable name to Secrets Manager secret: a name in this stack's account and region, or a complete
   * secret ARN (`arn:...:secret:NAME-XXXXXX`, with the 6 characters Secrets Manager appends).
   */
  readonly secrets: Readonly<Record<string, string>>;
  readonly sendsTo: readonly QueueReference[];
  /**
   * Rotation schedules for some of `secrets`, by the same environment variable: the team's rotation function (by
   * name, in this stack's account and region) and the days between rotations. @default no rotation schedule
   */
  readonly secretRotation?: Readonly<Record<string, { readonly functionName: string; readonly everyDays: number }>>;
}

/** Resolves a service's image, secrets and target queues inside its stack. */
export class ServiceInputs extends Construct {
  public readonly image: ecs.ContainerImage;
  public readonly secrets: Record<string, secretsmanager.ISecret>;
  public readonly sendsTo: QueueTarget[];

  constructor(scope: Construct, id: string, props: ServiceInputsProps) {
    super(scope, id);
    this.image =
      'directory' in props.image
        ? ecs.ContainerImage.fromAsset(props.image.directory, { platform: ecrAssets.Platform.LINUX_ARM64 })
        : ecs.ContainerImage.fromRegistry(props.image.registry);
    // A complete ARN goes to ECS as it is; a name goes as a partial ARN (aws-cdk-lib's fromSecretNameV2), which
    // Secrets Manager resolves unless the name ends in a hyphen and 6 characters (the config rejects such names).
    this.secrets = Object.fromEntries(
      Object.entries(props.secrets).map(([variable, secret]) => [
        variable,
        secret.startsWith('arn:')
          ? secretsmanager.Secret.fromSecretCompleteArn(this, `Secret${variable}`, secret)
          : secretsmanager.Secret.fromSecretNameV2(this, `Secret${variable}`, secret),
      ]),
    );
    for (const [variable, rotation] of Object.entries(props.secretRotation ?? {})) {
      const secret = this.secrets[variable];
      if (secret === undefined) throw new Error(`${this.node.path}: rotation of ${variable}, which is not a secret`);
      new SecretRotation(this, `Rotation${variable}`, { secret, ...rotation });
    }
    const stack = Stack.of(this);
    this.sendsTo = props.sendsTo.map((target) => ({
      environmentVariable: target.environmentVariable,
      queue: sqs.Queue.fromQueueAttributes(this, `Queue${target.environmentVariable}`, {
        queueArn: stack.formatArn({ service: 'sqs', resource: target.queueName }),
        queueUrl: `https://sqs.${stack.region}.${stack.urlSuffix}/${stack.account}/${target.queueName}`,
      }),
    }));
  }
}
