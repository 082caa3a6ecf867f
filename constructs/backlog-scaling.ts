import { Duration } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Construct } from 'constructs';

export interface BacklogScalingProps {
  /** The scalable task count of the worker service (`service.autoScaleTaskCount(...)`). */
  readonly target: appscaling.IScalableTargetRef;
  /** Messages waiting plus messages in flight, per minute, never missing (wrap metrics in FILL). */
  readonly backlog: cloudwatch.IMetric;
  /** Backlog one task is expected to hold: tasks = ceil(backlog / messagesPerTask). */
  readonly messagesPerTask: number;
  /** Tasks while the backlog is empty (0 lets the worker scale to zero). */
  readonly minTasks: number;
  /** Upper bound of tasks. */
  readonly maxTasks: number;
  /**
   * Minutes the backlog must stay empty before the worker drops to `minTasks`.
   * @default 5
   */
  readonly idleMinutes?: number;
}

/** Application Auto Scaling allows 20 step adjustments per policy. */
const MAX_STEPS = 20;

/**
 * The task counts the scale policy sets, ascending: every count from 1 to `maxTasks` when they fit in the step
 * limit, otherwise evenly spread counts that end at `maxTasks`.
 */
export function backlogCapacities(maxTasks: number): number[] {
  if (maxTasks <= MAX_STEPS) return Array.from({ length: maxTasks }, (_, i) => i + 1);
  return Array.from({ length: MAX_STEPS }, (_, i) => Math.ceil(((i + 1) * maxTasks) / MAX_STEPS));
}

/**
 * Scale a worker on its backlog per task, including from and to zero. While the backlog (waiting + in-flight
 * messages) is at least 1, an exact-capacity step policy holds ceil(backlog / messagesPerTask) tasks, so tasks that
 * are still working on messages count; once the backlog has been empty for `idleMinutes`, a second policy sets
 * `minTasks`. Target tracking cannot do this: with zero tasks a per-task metric has no value.
 */
export class BacklogScaling extends Construct {
  public readonly scaleOut: appscaling.StepScalingAction;
  public readonly scaleToIdle: appscaling.StepScalingAction;
  /** In alarm while there is any backlog: invokes `scaleOut` every minute. */
  public readonly backlogAlarm: cloudwatch.Alarm;
  /** In alarm after `idleMinutes` without backlog: invokes `scaleToIdle`. */
  public readonly idleAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: BacklogScalingProps) {
    super(scope, id);
    const perTask = props.messagesPerTask;

    this.scaleOut = new appscaling.StepScalingAction(this, 'ScaleOnBacklog', {
      scalingTarget: props.target,
      adjustmentType: appscaling.AdjustmentType.EXACT_CAPACITY,
      metricAggregationType: appscaling.MetricAggregationType.MAXIMUM,
      cooldown: Duration.seconds(60),
    });
    // The alarm threshold is 1 message; bounds are relative to it. Capacity c covers backlogs (prev*T, c*T].
    const capacities = backlogCapacities(props.maxTasks);
    capacities.forEach((capacity, i) => {
      const previous = i === 0 ? 0 : capacities[i - 1];
      this.scaleOut.addAdjustment({
        lowerBound: previous * perTask,
        upperBound: i === capacities.length - 1 ? undefined : capacity * perTask,
        adjustment: capacity,
      });
    });
    this.backlogAlarm = new cloudwatch.Alarm(this, 'BacklogAlarm', {
      alarmDescription: `Backlog present: hold ceil(backlog / ${perTask}) tasks (at most ${props.maxTasks})`,
      metric: props.backlog,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.backlogAlarm.addAlarmAction(new cloudwatchActions.ApplicationScalingAction(this.scaleOut));

    this.scaleToIdle = new appscaling.StepScalingAction(this, 'ScaleToIdle', {
      scalingTarget: props.target,
      adjustmentType: appscaling.AdjustmentType.EXACT_CAPACITY,
      metricAggregationType: appscaling.MetricAggregationType.MAXIMUM,
      cooldown: Duration.seconds(60),
    });
    this.scaleToIdle.addAdjustment({ upperBound: 0, adjustment: props.minTasks });
    const idleMinutes = props.idleMinutes ?? 5;
    this.idleAlarm = new cloudwatch.Alarm(this, 'IdleAlarm', {
      alarmDescription: `No backlog for ${idleMinutes} minutes: scale to ${props.minTasks} tasks`,
      metric: props.backlog,
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: idleMinutes,
      // SQS stops publishing metrics for a queue idle for hours: no data means no backlog.
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    this.idleAlarm.addAlarmAction(new cloudwatchActions.ApplicationScalingAction(this.scaleToIdle));
  }
}
