import type { CfnElement } from 'aws-cdk-lib';
import { RemovalPolicy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { backlogCapacities } from '../../constructs/backlog-scaling';
import type { QueueWorkerProps } from '../../constructs/queue-worker';
import { QueueWorker } from '../../constructs/queue-worker';
import { serviceFixture } from './fixtures';

function worker(props: Partial<QueueWorkerProps> = {}) {
  const f = serviceFixture();
  const construct = new QueueWorker(f.stack, 'Jobs', {
    ...f.task,
    cluster: f.cluster,
    maxProcessingSeconds: 120,
    maxReceiveCount: 4,
    minTasks: 0,
    maxTasks: 5,
    messagesPerTask: 10,
    ...props,
  });
  return { ...f, worker: construct, template: () => Template.fromStack(f.stack) };
}

describe('QueueWorker', () => {
  const { template: build, worker: jobs, stack } = worker();
  const template = build();

  it('runs its task definition on ARM64 Linux', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
      RequiresCompatibilities: ['FARGATE'],
    });
  });

  it('runs the container as a non-root user on a read-only root filesystem with a writable /tmp', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          User: '1000:1000',
          ReadonlyRootFilesystem: true,
          Memory: 512,
          MountPoints: [{ ContainerPath: '/tmp', ReadOnly: false, SourceVolume: 'tmp' }],
        }),
      ],
      Volumes: [{ Name: 'tmp' }],
    });
  });

  it('moves a message to the dead-letter queue after maxReceiveCount receives', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: {
        deadLetterTargetArn: {
          'Fn::GetAtt': [stack.getLogicalId(jobs.deadLetterQueue.node.defaultChild as CfnElement), 'Arn'],
        },
        maxReceiveCount: 4,
      },
    });
  });

  it('keeps dead-lettered messages for 14 days', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { MessageRetentionPeriod: 14 * 24 * 3600 });
  });

  it('encrypts both queues at rest', () => {
    const queues = template.findResources('AWS::SQS::Queue');
    expect(Object.values(queues).map((q) => q.Properties.SqsManagedSseEnabled)).toEqual([true, true]);
  });

  it('denies every request to either queue that does not use TLS', () => {
    const policies = template.findResources('AWS::SQS::QueuePolicy');
    expect(Object.keys(policies)).toHaveLength(2);
    for (const policy of Object.values(policies)) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 'sqs:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('derives the visibility timeout from the longest processing time', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 240, ReceiveMessageWaitTimeSeconds: 20 });
    expect(QueueWorker.visibilityTimeoutSeconds(5)).toBe(30);
    expect(QueueWorker.visibilityTimeoutSeconds(7200)).toBe(14400);
  });

  it('lets the task finish its message on stop (stop timeout = processing time, at most 120 s)', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ StopTimeout: 120 })],
    });
  });

  it('gives the task its own queue URL', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({ Environment: [{ Name: 'QUEUE_URL', Value: { Ref: Match.stringLikeRegexp('JobsQueue') } }] }),
      ],
    });
  });

  it('rolls a failing deployment back with the circuit breaker and the dead-letter arrivals alarm', () => {
    template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: Match.objectLike({
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
        Alarms: {
          AlarmNames: [{ Ref: Match.stringLikeRegexp('JobsDeadLetterArrivalsAlarm') }],
          Enable: true,
          Rollback: true,
        },
      }),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      // The dead-letter queue's depth counts messages in flight too: inspecting the DLQ rolls nothing back.
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'DIFF(dead)', ReturnData: true }),
        Match.objectLike({ Id: 'dead', Expression: 'FILL(visible, 0) + FILL(inFlight, 0)', ReturnData: false }),
      ]),
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('scales between zero and maxTasks', () => {
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 0, MaxCapacity: 5 });
  });

  it('holds ceil(backlog / messagesPerTask) tasks while there is a backlog', () => {
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: Match.objectLike({
        AdjustmentType: 'ExactCapacity',
        StepAdjustments: [
          { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 1 },
          { MetricIntervalLowerBound: 10, MetricIntervalUpperBound: 20, ScalingAdjustment: 2 },
          { MetricIntervalLowerBound: 20, MetricIntervalUpperBound: 30, ScalingAdjustment: 3 },
          { MetricIntervalLowerBound: 30, MetricIntervalUpperBound: 40, ScalingAdjustment: 4 },
          { MetricIntervalLowerBound: 40, ScalingAdjustment: 5 },
        ],
      }),
    });
  });

  it('counts visible and in-flight messages as backlog', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'FILL(visible, 0) + FILL(inFlight, 0)' }),
        Match.objectLike({
          MetricStat: Match.objectLike({
            Metric: Match.objectLike({ MetricName: 'ApproximateNumberOfMessagesNotVisible' }),
          }),
        }),
      ]),
    });
  });

  it('scales to zero after five idle minutes, even when SQS stops publishing metrics', () => {
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      StepScalingPolicyConfiguration: Match.objectLike({
        AdjustmentType: 'ExactCapacity',
        StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: 0 }],
      }),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 0,
      ComparisonOperator: 'LessThanOrEqualToThreshold',
      EvaluationPeriods: 5,
      TreatMissingData: 'breaching',
    });
  });

  it('spreads at most 20 exact-capacity steps up to maxTasks', () => {
    expect(backlogCapacities(3)).toEqual([1, 2, 3]);
    const wide = backlogCapacities(50);
    expect(wide).toHaveLength(20);
    expect(wide[19]).toBe(50);
    expect(new Set(wide).size).toBe(20);
  });

  it('lets the task consume its queue and not send to it', () => {
    const policy = Object.values(template.findResources('AWS::IAM::Policy')).find((p) =>
      JSON.stringify(p.Properties.Roles).includes('TaskRole'),
    );
    const actions = policy?.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => s.Action);
    expect(actions).toEqual(
      expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility']),
    );
    expect(actions).not.toContain('sqs:SendMessage');
  });

  it('grants a producer send rights only', () => {
    const fresh = worker();
    const producer = new iam.Role(fresh.stack, 'Producer', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
    });
    fresh.worker.grantSend(producer);
    const after = fresh.template();
    after.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('Producer') }],
      PolicyDocument: {
        Statement: [Match.objectLike({ Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'] })],
      },
    });
  });

  it('retains both queues by default', () => {
    const queues = template.findResources('AWS::SQS::Queue');
    expect(Object.values(queues).map((q) => q.DeletionPolicy)).toEqual(['Retain', 'Retain']);
  });

  it('deletes both queues with RemovalPolicy.DESTROY', () => {
    const queues = worker({ queueRemovalPolicy: RemovalPolicy.DESTROY }).template().findResources('AWS::SQS::Queue');
    expect(Object.values(queues).map((q) => q.DeletionPolicy)).toEqual(['Delete', 'Delete']);
  });

  it('refuses a minimum above the maximum', () => {
    expect(() => worker({ minTasks: 3, maxTasks: 2 })).toThrow(
      'Test/Jobs: tasks must satisfy 0 <= minTasks (3) <= maxTasks (2), maxTasks >= 1',
    );
  });
});
