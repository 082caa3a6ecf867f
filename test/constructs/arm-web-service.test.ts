import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { ArmWebServiceProps } from '../../constructs/arm-web-service';
import { ArmWebService } from '../../constructs/arm-web-service';
import { serviceFixture } from './fixtures';

function webService(props: Partial<ArmWebServiceProps> = {}) {
  const f = serviceFixture();
  const secret = secretsmanager.Secret.fromSecretNameV2(f.stack, 'Token', 'acme/api/token');
  const queue = sqs.Queue.fromQueueArn(f.stack, 'Jobs', 'arn:aws:sqs:ap-northeast-1:123456789012:landfall-dev-jobs');
  const construct = new ArmWebService(f.stack, 'Api', {
    ...f.task,
    cluster: f.cluster,
    listener: f.listener,
    listenerPriority: 42,
    hostHeaders: ['api.dev.example.com'],
    pathPatterns: ['/v1/*'],
    containerPort: 8080,
    healthCheckPath: '/healthz',
    minTasks: 2,
    maxTasks: 6,
    secrets: { API_TOKEN: secret },
    sendsTo: [{ queue, environmentVariable: 'JOBS_QUEUE_URL' }],
    ...props,
  });
  return { ...f, web: construct, template: Template.fromStack(f.stack) };
}

describe('ArmWebService', () => {
  const { template } = webService();

  it('runs its task definition on ARM64 Linux with the configured size', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
      Cpu: '256',
      Memory: '512',
    });
  });

  it('hardens the container: non-root, read-only root filesystem, writable /tmp, memory hard limit', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          User: '1000:1000',
          ReadonlyRootFilesystem: true,
          Memory: 512,
          MountPoints: [{ ContainerPath: '/tmp', ReadOnly: false, SourceVolume: 'tmp' }],
          PortMappings: [{ ContainerPort: 8080, Protocol: 'tcp' }],
        }),
      ],
    });
  });

  it('keeps container logs for the given retention', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 14 });
  });

  it('drains a task for 30 seconds by default and health-checks the configured path quickly', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      TargetType: 'ip',
      Port: 8080,
      HealthCheckPath: '/healthz',
      HealthCheckIntervalSeconds: 10,
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 3,
      TargetGroupAttributes: Match.arrayWith([{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }]),
    });
  });

  it('refuses a deregistration delay over 60 seconds', () => {
    expect(() => webService({ deregistrationDelay: Duration.seconds(61) })).toThrow(
      'Test/Api: deregistrationDelay is 61 s (allowed: at most 60 s)',
    );
  });

  it('routes its host and paths with its priority', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 42,
      Conditions: [
        { Field: 'host-header', HostHeaderConfig: { Values: ['api.dev.example.com'] } },
        { Field: 'path-pattern', PathPatternConfig: { Values: ['/v1/*'] } },
      ],
    });
  });

  it('admits traffic to the tasks from the load balancer only', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 8080,
      ToPort: 8080,
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('LbSecurityGroup'), 'GroupId'] },
    });
    const groups = template.findResources('AWS::EC2::SecurityGroup', {
      Properties: { GroupDescription: Match.stringLikeRegexp('Web service') },
    });
    expect(Object.values(groups).map((g) => g.Properties.SecurityGroupIngress)).toEqual([undefined]);
  });

  it('rolls a failing deployment back with the circuit breaker and its 5xx alarm', () => {
    template.hasResourceProperties('AWS::ECS::Service', {
      LaunchType: 'FARGATE',
      DeploymentConfiguration: {
        MinimumHealthyPercent: 100,
        MaximumPercent: 200,
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
        Alarms: { AlarmNames: [{ Ref: Match.stringLikeRegexp('ApiServerErrorAlarm') }], Enable: true, Rollback: true },
      },
      NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED' }) },
    });
  });

  it('alarms on the 5xx rate once there are enough requests', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 10,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'IF(FILL(requests, 0) >= 20, 100 * FILL(errors, 0) / FILL(requests, 1), 0)' }),
        Match.objectLike({
          MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'HTTPCode_Target_5XX_Count' }) }),
        }),
      ]),
    });
  });

  it('scales between minTasks and maxTasks on CPU, memory and requests per target', () => {
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 2, MaxCapacity: 6 });
    const metrics = Object.values(template.findResources('AWS::ApplicationAutoScaling::ScalingPolicy')).map(
      (p) => p.Properties.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType,
    );
    expect(metrics.sort()).toEqual([
      'ALBRequestCountPerTarget',
      'ECSServiceAverageCPUUtilization',
      'ECSServiceAverageMemoryUtilization',
    ]);
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        TargetValue: 60,
        ScaleInCooldown: 300,
        ScaleOutCooldown: 60,
      }),
    });
  });

  it('runs always when no working hours are given', () => {
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { ScheduledActions: Match.absent() });
  });

  it('scales to zero outside working hours and back at the start', () => {
    const hours = { timeZone: 'Asia/Tokyo', days: 'MON-FRI', startHour: 8, endHour: 20 };
    webService({ workingHours: hours }).template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      ScheduledActions: [
        {
          ScheduledActionName: 'ScaleDownAfterHours',
          Schedule: 'cron(0 20 ? * MON-FRI *)',
          Timezone: 'Asia/Tokyo',
          ScalableTargetAction: { MinCapacity: 0, MaxCapacity: 0 },
        },
        {
          ScheduledActionName: 'ScaleUpForWorkingHours',
          Schedule: 'cron(0 8 ? * MON-FRI *)',
          Timezone: 'Asia/Tokyo',
          ScalableTargetAction: { MinCapacity: 2, MaxCapacity: 6 },
        },
      ],
    });
  });

  it('injects secrets as ECS secrets that only the execution role can read', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          Secrets: [
            {
              Name: 'API_TOKEN',
              ValueFrom: 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:acme/api/token',
            },
          ],
        }),
      ],
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('ExecutionRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Effect: 'Allow',
            Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
            Resource: 'arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:acme/api/token-??????',
          },
        ]),
      },
    });
    const taskRolePolicy = JSON.stringify(
      template.findResources('AWS::IAM::Policy', {
        Properties: { Roles: [{ Ref: Match.stringLikeRegexp('TaskRole') }] },
      }),
    );
    expect(taskRolePolicy).not.toContain('secretsmanager');
  });

  it('sends to the queues it is given: send rights and the URL variable, nothing to receive', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ Environment: [Match.objectLike({ Name: 'JOBS_QUEUE_URL' })] })],
    });
    const statements = Object.values(
      template.findResources('AWS::IAM::Policy', {
        Properties: { Roles: [{ Ref: Match.stringLikeRegexp('TaskRole') }] },
      }),
    ).flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
        Resource: 'arn:aws:sqs:ap-northeast-1:123456789012:landfall-dev-jobs',
      },
    ]);
  });

  it('exposes metrics the operations layer attaches alarms to', () => {
    const { web, stack } = webService();
    const metricOf = (m: cloudwatch.IMetric) => m.toMetricConfig().metricStat;
    expect(stack.resolve(metricOf(web.metricServerErrors())?.metricName)).toBe('HTTPCode_Target_5XX_Count');
    expect(metricOf(web.metricTargetResponseTime())?.statistic).toBe('p99');
    expect(metricOf(web.metricRequestCount())?.namespace).toBe('AWS/ApplicationELB');
  });

  it('refuses a minimum of zero tasks', () => {
    expect(() => webService({ minTasks: 0 })).toThrow('Test/Api: minTasks 0 must be between 1 and maxTasks 6');
  });
});
