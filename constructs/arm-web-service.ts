import { Duration, TimeZone } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import type { ArmTaskProps } from './arm-task';
import type { ServiceAlarmLinks } from './alarm-conventions';
import { linkServiceAlarm, RUNBOOKS } from './alarm-conventions';
import { addDeploymentAlarmActions } from './deployment-alarm-actions';
import type { WebDeployment } from './safe-deployment';
import { safeDeployment } from './safe-deployment';
import { TrafficShiftRole } from './traffic-shift-role';
import { ArmTask } from './arm-task';
import { acknowledgeLint } from './acknowledge';
import { acknowledgeTagsSchemaLag } from './lint-schema-lag';
import type { ServiceTargetGroups, WebMetrics } from './service-metrics';
import { ecsServiceDimensions, ecsServiceMetrics, serverErrorPercent, webMetrics } from './service-metrics';

/** When people use the environment; outside these hours the service runs zero tasks. */
export interface WorkingHours {
  /** IANA time zone, for example `Asia/Tokyo`. */
  readonly timeZone: string;
  /** Cron day-of-week range with working hours, for example `MON-FRI`. */
  readonly days: string;
  /** Hour (0-23) the service scales back up. */
  readonly startHour: number;
  /** Hour (0-23) the service scales to zero. */
  readonly endHour: number;
}

export interface ArmWebServiceProps extends Omit<ArmTaskProps, 'containerPort'> {
  /** Runbook link and review annotation of the rollback alarm. @default the alarm links no runbook */
  readonly alarmLinks?: ServiceAlarmLinks;
  readonly cluster: ecs.ICluster;
  /** The shared listener the service's rule is added to. */
  readonly listener: elbv2.IApplicationListener;
  /** Rule priority on the listener (1-50000, unique per listener; lower is evaluated first). */
  readonly listenerPriority: number;
  /**
   * Host headers the rule matches (full names).
   * @default any host
   */
  readonly hostHeaders?: readonly string[];
  /**
   * Path patterns the rule matches.
   * @default ['/*']
   */
  readonly pathPatterns?: readonly string[];
  /** Port the container listens on. */
  readonly containerPort: number;
  /** Path the load balancer polls; a task that fails it is replaced and fails its deployment. */
  readonly healthCheckPath: string;
  /**
   * Time in-flight requests get when a task leaves the target group (at most 60 s, or deploys crawl).
   * @default Duration.seconds(30)
   */
  readonly deregistrationDelay?: Duration;
  /**
   * Time after a task starts before failed health checks count.
   * @default Duration.seconds(60)
   */
  readonly healthCheckGracePeriod?: Duration;
  /** Lower bound of running tasks (at least 1; scheduled scale-down still goes to zero after hours). */
  readonly minTasks: number;
  /** Upper bound of running tasks. */
  readonly maxTasks: number;
  /** @default 60 */
  readonly cpuTargetPercent?: number;
  /** @default 75 */
  readonly memoryTargetPercent?: number;
  /** Requests per task per minute to hold. @default 1000 */
  readonly requestsPerTarget?: number;
  /**
   * Scale to zero outside these hours.
   * @default always on
   */
  readonly workingHours?: WorkingHours;
  /**
   * ECS service name (unique in the cluster).
   * @default a generated name
   */
  readonly serviceName?: string;
  /**
   * 5xx responses, in percent of requests, that make a deployment roll back.
   * @default 10
   */
  readonly rollbackErrorRatePercent?: number;
  /**
   * Actions of the 5xx alarm (it also gates deployments, which needs no action).
   * @default none
   */
  readonly alarmActions?: readonly cloudwatch.IAlarmAction[];
  /**
   * How a new revision reaches traffic. Canary and linear add a second (alternate) target group, forward the
   * listener rule to both (weights 100 and 0) and give ECS a role that may shift only this rule.
   * @default rolling
   */
  readonly deployment?: WebDeployment;
}

/** Requests per minute below which the 5xx rate is too noisy to roll back on. */
const MIN_REQUESTS_FOR_ERROR_RATE = 20;

/**
 * A web service on Fargate ARM64 behind the shared load balancer, deployed safely: rolling updates with the
 * deployment circuit breaker, or ECS's native canary or linear traffic shifting on the service's own listener rule,
 * and in every case rollback when a deployment alarm fires (its 5xx rate here; the stack adds the others).
 * Scales on CPU, memory and (rolling only) requests per target between `minTasks` and `maxTasks`.
 */
export class ArmWebService extends Construct {
  public readonly service: ecs.FargateService;
  public readonly task: ArmTask;
  public readonly taskDefinition: ecs.FargateTaskDefinition;
  /** The primary target group: where a rolling service's tasks always are, and a canary service's at first. */
  public readonly targetGroup: elbv2.ApplicationTargetGroup;
  /** Canary and linear: the target group each new revision starts in (ECS `AlternateTargetGroupArn`). */
  public readonly alternateTargetGroup?: elbv2.ApplicationTargetGroup;
  /** The service's rule on the shared listener; for canary and linear the production rule ECS shifts. */
  public readonly listenerRule: elbv2.ApplicationListenerRule;
  /** Canary and linear: the role ECS assumes to shift this service's traffic. */
  public readonly trafficShiftRole?: TrafficShiftRole;
  /** The service's load balancer metrics, over both target groups where there are two. */
  public readonly metrics: WebMetrics;
  private readonly deploymentAlarmNames: string[] = [];
  /** 5xx rate above `rollbackErrorRatePercent`: rolls deployments back; the operations layer may page on it. */
  public readonly serverErrorAlarm: cloudwatch.Alarm;
  public readonly scaling: ecs.ScalableTaskCount;

  constructor(scope: Construct, id: string, props: ArmWebServiceProps) {
    super(scope, id);
    const deregistrationDelay = props.deregistrationDelay ?? Duration.seconds(30);
    if (deregistrationDelay.toSeconds() > 60) {
      throw new Error(
        `${this.node.path}: deregistrationDelay is ${deregistrationDelay.toSeconds()} s (allowed: at most 60 s)`,
      );
    }
    if (props.minTasks < 1 || props.minTasks > props.maxTasks) {
      throw new Error(`${this.node.path}: minTasks ${props.minTasks} must be between 1 and maxTasks ${props.maxTasks}`);
    }

    this.task = new ArmTask(this, 'Task', { ...props, containerPort: props.containerPort });
    this.taskDefinition = this.task.taskDefinition;
    const vpc = props.cluster.vpc;
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: 'Web service tasks: traffic from the shared load balancer only',
      allowAllOutbound: true,
    });

    const deployment = props.deployment ?? { strategy: 'rolling' };
    const targetGroupProps: elbv2.ApplicationTargetGroupProps = {
      vpc,
      targetType: elbv2.TargetType.IP,
      protocol: elbv2.ApplicationProtocol.HTTP,
      port: props.containerPort,
      deregistrationDelay,
      healthCheck: {
        path: props.healthCheckPath,
        interval: Duration.seconds(10),
        timeout: Duration.seconds(5),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 3,
        healthyHttpCodes: '200-399',
      },
    };
    this.targetGroup = new elbv2.ApplicationTargetGroup(this, 'TargetGroup', targetGroupProps);
    // "Application Load Balancer resources for blue/green, linear, and canary deployments": a primary target group
    // for the current revision and an alternate one for the new, with the same settings.
    const alternate =
      deployment.strategy === 'rolling'
        ? undefined
        : new elbv2.ApplicationTargetGroup(this, 'AlternateTargetGroup', targetGroupProps);
    this.alternateTargetGroup = alternate;
    const conditions = [
      ...(props.hostHeaders ? [elbv2.ListenerCondition.hostHeaders([...props.hostHeaders])] : []),
      elbv2.ListenerCondition.pathPatterns([...(props.pathPatterns ?? ['/*'])]),
    ];
    // With two target groups the rule forwards to both, weighted 100 and 0, the shape ECS rewrites while it shifts
    // traffic; the alternate group is attached to the load balancer, so it health-checks the new revision's tasks.
    this.listenerRule = new elbv2.ApplicationListenerRule(this, 'ListenerRule', {
      listener: props.listener,
      priority: props.listenerPriority,
      conditions,
      ...(alternate === undefined
        ? { targetGroups: [this.targetGroup] }
        : {
            action: elbv2.ListenerAction.weightedForward([
              { targetGroup: this.targetGroup, weight: 100 },
              { targetGroup: alternate, weight: 0 },
            ]),
          }),
    });
    const targetGroups: ServiceTargetGroups =
      alternate === undefined ? this.targetGroup : [this.targetGroup, alternate];
    this.metrics = webMetrics(targetGroups);

    const rollbackPercent = props.rollbackErrorRatePercent ?? 10;
    this.serverErrorAlarm = new cloudwatch.Alarm(this, 'ServerErrorAlarm', {
      alarmDescription: `More than ${rollbackPercent}% of requests answered 5xx (with at least ${MIN_REQUESTS_FOR_ERROR_RATE} requests a minute); rolls back a running deployment`,
      metric: serverErrorPercent(targetGroups, Duration.minutes(1), { minRequests: MIN_REQUESTS_FOR_ERROR_RATE }),
      threshold: rollbackPercent,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    addDeploymentAlarmActions(this.serverErrorAlarm, props.alarmActions);
    if (props.alarmLinks) {
      linkServiceAlarm(this.serverErrorAlarm, props.alarmLinks, {
        kind: 'deployment-rollback-5xx',
        severity: 'ticket',
        metric: 'HTTPCode_Target_5XX_Count / RequestCount (%)',
        threshold: `> ${rollbackPercent} % in 2 of 3 minutes`,
        runbook: RUNBOOKS.deploymentRollback,
      });
    }

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: props.cluster,
      taskDefinition: this.taskDefinition,
      serviceName: props.serviceName,
      securityGroups: [securityGroup],
      healthCheckGracePeriod: props.healthCheckGracePeriod ?? Duration.seconds(60),
      ...safeDeployment(this.serverErrorAlarm, deployment),
    });
    this.deploymentAlarmNames.push(this.serverErrorAlarm.alarmName);
    if (alternate === undefined) {
      this.targetGroup.addTarget(this.service);
    } else {
      // The L2 `AlternateTarget` renders `AdvancedConfiguration` with the production *rule* (not the listener) and
      // takes our role; without `role` it would create one with the managed policy, which may rewrite every rule
      // and listener of the shared load balancer.
      this.trafficShiftRole = new TrafficShiftRole(this, 'TrafficShift', {
        productionRule: this.listenerRule,
        targetGroups: [this.targetGroup, alternate],
      });
      const container = this.taskDefinition.defaultContainer;
      if (container === undefined) throw new Error(`${this.node.path}: the task definition has no container`);
      this.targetGroup.addTarget(
        this.service.loadBalancerTarget({
          containerName: container.containerName,
          containerPort: props.containerPort,
          alternateTarget: new ecs.AlternateTarget('AlternateTarget', {
            alternateTargetGroup: alternate,
            productionListener: ecs.ListenerRuleConfiguration.applicationListenerRule(this.listenerRule),
            role: this.trafficShiftRole.role,
          }),
        }),
      );
      // ECS assumes the role during every deployment: the role's policy exists before the service and outlives it.
      this.service.node.addDependency(this.trafficShiftRole.policy);
      acknowledgeLint(
        this.service,
        {
          W3005:
            'aws-cdk-lib makes the service depend on the listener rule (the target group attached) and AdvancedConfiguration also references the rule: the same order, stated twice',
        },
        { cdkValidation: false },
      );
    }

    this.scaling = this.service.autoScaleTaskCount({ minCapacity: props.minTasks, maxCapacity: props.maxTasks });
    acknowledgeTagsSchemaLag(this.scaling.node.findChild('Target'));
    acknowledgeTagsSchemaLag(this.listenerRule);
    const cooldowns = { scaleInCooldown: Duration.seconds(300), scaleOutCooldown: Duration.seconds(60) };
    this.scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: props.cpuTargetPercent ?? 60, ...cooldowns });
    this.scaling.scaleOnMemoryUtilization('Memory', {
      targetUtilizationPercent: props.memoryTargetPercent ?? 75,
      ...cooldowns,
    });
    // Requests per target of one target group: with two, the one serving changes on every deployment, so a canary
    // or linear service scales on CPU and memory only.
    if (alternate === undefined) {
      this.scaling.scaleOnRequestCount('Requests', {
        requestsPerTarget: props.requestsPerTarget ?? 1000,
        targetGroup: this.targetGroup,
        ...cooldowns,
      });
    }
    if (props.workingHours) this.scaleDownOutside(props.workingHours, props.minTasks, props.maxTasks);
  }

  /** Zero tasks from `endHour` until `startHour` of the next working day. */
  private scaleDownOutside(hours: WorkingHours, minTasks: number, maxTasks: number): void {
    const timeZone = TimeZone.of(hours.timeZone);
    this.scaling.scaleOnSchedule('ScaleDownAfterHours', {
      schedule: appscaling.Schedule.cron({ minute: '0', hour: String(hours.endHour), weekDay: hours.days }),
      timeZone,
      minCapacity: 0,
      maxCapacity: 0,
    });
    this.scaling.scaleOnSchedule('ScaleUpForWorkingHours', {
      schedule: appscaling.Schedule.cron({ minute: '0', hour: String(hours.startHour), weekDay: hours.days }),
      timeZone,
      minCapacity: minTasks,
      maxCapacity: maxTasks,
    });
  }

  /**
   * Roll running deployments back when one of `alarms` fires too (beside the 5xx-rate alarm). The alarms must not
   * depend on the service (metrics of the target groups are fine), or the stack has a dependency cycle.
   */
  public addDeploymentAlarms(alarms: readonly cloudwatch.IAlarm[]): void {
    this.deploymentAlarmNames.push(...alarms.map((alarm) => alarm.alarmName));
    // Escape hatch: BaseService.enableDeploymentAlarms (aws-cdk-lib 2.276) concatenates into a new array and drops it
    // once alarms are enabled, so it adds nothing to a service that already has its rollback alarm.
    const cfn = this.service.node.defaultChild as ecs.CfnService;
    cfn.addPropertyOverride('DeploymentConfiguration.Alarms.AlarmNames', [...this.deploymentAlarmNames]);
  }

  /** Requests the load balancer sent to this service (both target groups), summed per minute. */
  public metricRequestCount(): cloudwatch.IMetric {
    return this.metrics.requests;
  }

  /** 5xx responses of the service's tasks (both target groups), summed per minute. */
  public metricServerErrors(): cloudwatch.IMetric {
    return this.metrics.serverErrors;
  }

  /** Response time of the tasks: p99 per minute (over two target groups, the higher). */
  public metricTargetResponseTime(): cloudwatch.IMetric {
    return this.metrics.latencyP99;
  }

  /**
   * The 5xx rate (`serverErrorPercent`) as the rollback alarm evaluates it: 0 while traffic is below 20 requests a
   * period. @default 1 minute
   */
  public metricServerErrorRate(period: Duration = Duration.minutes(1)): cloudwatch.MathExpression {
    const targetGroups: ServiceTargetGroups =
      this.alternateTargetGroup === undefined ? this.targetGroup : [this.targetGroup, this.alternateTargetGroup];
    return serverErrorPercent(targetGroups, period, { minRequests: MIN_REQUESTS_FOR_ERROR_RATE });
  }

  /** Healthy targets behind the load balancer (both target groups), minimum per minute. */
  public metricHealthyTargets(): cloudwatch.IMetric {
    return this.metrics.healthyTargets;
  }

  /** Average CPU utilization of the service (5 minutes). */
  public metricCpuUtilization(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return ecsServiceMetrics(ecsServiceDimensions(this.service), false).cpuPercent.with(props);
  }

  /** Average memory utilization of the service (5 minutes). */
  public metricMemoryUtilization(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return ecsServiceMetrics(ecsServiceDimensions(this.service), false).memoryPercent.with(props);
  }
}
