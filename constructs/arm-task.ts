import type { Duration } from 'aws-cdk-lib';
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge';
import { guardDutyAgentPullStatements } from './guardduty-agent-repository';
import { MIN_EVIDENCE_RETENTION_DAYS, shortRetentionReason } from './log-retention';

const SCRATCH_VOLUME = 'tmp';

/** A queue the task sends to: it gets send rights and the queue URL in `environmentVariable`. */
export interface QueueTarget {
  readonly queue: sqs.IQueue;
  /** Environment variable that carries the queue URL, for example `JOBS_QUEUE_URL`. */
  readonly environmentVariable: string;
}

export interface ArmTaskProps {
  /** Container image. Images built from a directory must target linux/arm64 (`Platform.LINUX_ARM64`). */
  readonly image: ecs.ContainerImage;
  /** Fargate CPU units (256 = 0.25 vCPU). */
  readonly cpu: number;
  /** Task memory in MiB; also the container's hard limit, so a leak ends in an OOM stop instead of swapping. */
  readonly memoryMiB: number;
  /**
   * Port the container listens on.
   * @default no port mapping
   */
  readonly containerPort?: number;
  /**
   * Plain (non-secret) environment variables.
   * @default none
   */
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Secrets Manager secrets injected as environment variables at task start. The execution role may read these
   * secrets and no others; the application never holds secret-reading permissions itself.
   * @default none
   */
  readonly secrets?: Readonly<Record<string, secretsmanager.ISecret>>;
  /**
   * Queues the task sends to.
   * @default none
   */
  readonly sendsTo?: readonly QueueTarget[];
  /**
   * Task definition family (revisions accumulate under it).
   * @default a generated name
   */
  readonly family?: string;
  /**
   * Name of the container log group.
   * @default a generated name
   */
  readonly logGroupName?: string;
  /** Retention of the container logs. */
  readonly logRetention: logs.RetentionDays;
  /**
   * Key that encrypts the container logs.
   * @default CloudWatch Logs' own encryption
   */
  readonly logEncryptionKey?: kms.IKey;
  /** @default RemovalPolicy.RETAIN */
  readonly logRemovalPolicy?: RemovalPolicy;
  /**
   * User (and group) the container runs as, numeric. Never root: the root filesystem is read-only and only /tmp is
   * writable, and only if the image declares `VOLUME /tmp` owned by (or writable for) this uid.
   * @default '1000:1000' (the `node` user of the official Node images)
   */
  readonly user?: string;
  /**
   * Time the container gets between SIGTERM and SIGKILL (2-120 s).
   * @default 30 seconds
   */
  readonly stopTimeout?: Duration;
}

/**
 * A hardened Fargate task on ARM64 (Graviton, about 20% cheaper than x86): non-root, read-only root filesystem
 * with a writable /tmp volume, memory hard limit, logs with retention, secrets from Secrets Manager.
 */
export class ArmTask extends Construct {
  public static readonly CONTAINER_NAME = 'app';
  /**
   * The writable scratch path: a bind-mount volume (the root filesystem is read-only). ECS copies the image's own
   * directory (content, owner and mode) into it only when the image declares `VOLUME` at this exact path; otherwise it
   * is root-owned 0755 ("Use bind mounts with Amazon ECS"). test/services/images.test.ts (shipped images) and
   * test/platform/images.test.ts (the team's) check the Dockerfiles.
   */
  public static readonly SCRATCH_PATH = '/tmp';
  /** The user the container runs as unless `user` says otherwise: uid and gid 1000, the official Node images' `node`. */
  public static readonly DEFAULT_USER = '1000:1000';
  public readonly taskDefinition: ecs.FargateTaskDefinition;
  public readonly container: ecs.ContainerDefinition;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ArmTaskProps) {
    super(scope, id);
    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      family: props.family,
      cpu: props.cpu,
      memoryLimitMiB: props.memoryMiB,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.ARM64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
      // A bind mount with no host path: task-scoped scratch space, removed when the task stops.
      volumes: [{ name: SCRATCH_VOLUME }],
    });
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: props.logGroupName,
      retention: props.logRetention,
      encryptionKey: props.logEncryptionKey,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });

    if (props.logRetention < MIN_EVIDENCE_RETENTION_DAYS) {
      acknowledge(this.logGroup, {
        'guard:cloudwatch_log_group_retention_period_check': shortRetentionReason(props.logRetention),
      });
    }
    if (props.logEncryptionKey) {
      acknowledge(this.logGroup, {
        'guard:cloudwatch_log_group_encrypted_check':
          'CT.CLOUDWATCH.PR.3: the group is encrypted with the environment log key; from another stack its ARN is an Fn::ImportValue the rule cannot resolve',
      });
    }

    const environment: Record<string, string> = { ...props.environment };
    for (const target of props.sendsTo ?? []) {
      environment[target.environmentVariable] = target.queue.queueUrl;
      target.queue.grantSendMessages(this.taskDefinition.taskRole);
    }
    const sortedEnvironment = Object.fromEntries(Object.entries(environment).sort(([a], [b]) => a.localeCompare(b)));
    const secrets = Object.fromEntries(
      Object.entries(props.secrets ?? {})
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, secret]) => [name, ecs.Secret.fromSecretsManager(secret)]),
    );

    this.container = this.taskDefinition.addContainer(ArmTask.CONTAINER_NAME, {
      image: props.image,
      essential: true,
      memoryLimitMiB: props.memoryMiB,
      readonlyRootFilesystem: true,
      user: props.user ?? ArmTask.DEFAULT_USER,
      environment: sortedEnvironment,
      secrets,
      stopTimeout: props.stopTimeout,
      logging: ecs.LogDrivers.awsLogs({
        logGroup: this.logGroup,
        streamPrefix: 'task',
        mode: ecs.AwsLogDriverMode.NON_BLOCKING,
      }),
      portMappings: props.containerPort === undefined ? undefined : [{ containerPort: props.containerPort }],
    });
    this.container.addMountPoints({
      sourceVolume: SCRATCH_VOLUME,
      containerPath: ArmTask.SCRATCH_PATH,
      readOnly: false,
    });

    // GuardDuty Runtime Monitoring (enabled organization-wide with agent management for Fargate) adds its agent as a
    // sidecar that the execution role pulls from GuardDuty's repository in this region: without these rights the
    // task runs without runtime coverage.
    for (const statement of guardDutyAgentPullStatements(Stack.of(this).region)) {
      this.taskDefinition.addToExecutionRolePolicy(statement);
    }

    acknowledge(this.taskDefinition, {
      'NIST.800.53.R5-IAMNoInlinePolicy':
        "aws-cdk-lib writes the grants of the task and execution roles inline, one policy per role, scoped to this task's log group, image, secrets and queues",
    });
    acknowledge(this.taskDefinition, {
      'AwsSolutions-IAM5[Resource::*]':
        'ecr:GetAuthorizationToken has no resource ARN: IAM accepts it only with Resource "*"; image pulls themselves are limited to named repositories',
    });
    const names = Object.keys(sortedEnvironment);
    if (names.length > 0) {
      acknowledge(this.taskDefinition, {
        'AwsSolutions-ECS2': `The plain variables (${names.join(', ')}) hold non-secret settings such as queue URLs; secrets are injected from Secrets Manager as ECS secrets`,
      });
    }
  }

  /** The role the application's AWS calls run with. */
  public get taskRole() {
    return this.taskDefinition.taskRole;
  }
}
