import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { AlarmPolicy, Runbook } from './alarm-conventions';
import {
  acknowledgeSilentAlarm,
  ACTIONS_OFF_REASON,
  annotateAlarm,
  describeAlarm,
  routeAlarm,
  runbookPath,
} from './alarm-conventions';
import type { BurnRateAlarmSpec, BurnRateTier } from './burn-rate-windows';
import { BURN_RATE_POLICY, burnRateAlarmSpecs, formatWindow, SLO_PERIOD_DAYS } from './burn-rate-windows';

export interface BurnRateAlarmProps {
  /** Environment, topics, actions and runbook links. */
  readonly policy: AlarmPolicy;
  /** The service the objective belongs to (alarm names and descriptions). */
  readonly service: string;
  /** The objective's short name, part of alarm names: `availability`, `latency`. */
  readonly objective: string;
  /** Share of good events the objective promises over 30 days, in percent (for example 99.9). */
  readonly objectivePercent: number;
  /**
   * The percentage (0-100) of bad events over one period, for any period the windows need. Return no data when there
   * were no events: a quiet service burns no budget.
   */
  readonly badEventPercent: (period: Duration) => cloudwatch.IMetric;
  /** What a bad event is, for descriptions: `5xx responses`, `requests slower than 300 ms`. */
  readonly badEvents: string;
  /** The metric as the alarm report shows it: `HTTPCode_Target_5XX_Count / RequestCount (%)`. */
  readonly metricText: string;
  /** The runbook every alarm of this objective links. */
  readonly runbook: Runbook;
  /**
   * Burn rates, windows and severities.
   * @default BURN_RATE_POLICY (page 14.4x over 1 h and 5 min, page 6x over 6 h and 30 min, ticket 1x over 3 d and 6 h)
   */
  readonly tiers?: readonly BurnRateTier[];
}

/**
 * Multi-window, multi-burn-rate alerting for one objective: per tier, a long-window and a short-window metric alarm
 * (inputs, no actions) and a composite alarm that fires only when both are in ALARM and carries the tier's severity.
 */
export class BurnRateAlarm extends Construct {
  /** One composite alarm per tier, in policy order: these notify. */
  public readonly alarms: cloudwatch.CompositeAlarm[] = [];
  /** The long- and short-window inputs of the composites. */
  public readonly inputs: cloudwatch.Alarm[] = [];
  /** Thresholds and windows, as computed by `burnRateAlarmSpecs`. */
  public readonly specs: readonly BurnRateAlarmSpec[];
  private readonly props: BurnRateAlarmProps;

  constructor(scope: Construct, id: string, props: BurnRateAlarmProps) {
    super(scope, id);
    this.props = props;
    const { policy, service, objective } = props;
    this.specs = burnRateAlarmSpecs(props.objectivePercent, props.tiers ?? BURN_RATE_POLICY);
    const budget = `${Number((100 - props.objectivePercent).toFixed(6))}%`;

    for (const spec of this.specs) {
      const { tier } = spec;
      const kind = `${objective}-burn-${tier.name}`;
      const compositeName = `${policy.namePrefix}-${service}-${kind}`;
      const group = new Construct(this, pascal(tier.name));
      const windows = [
        { role: 'long', window: spec.long },
        { role: 'short', window: spec.short },
      ] as const;
      const inputs = windows.map(({ role, window }) => {
        const over = formatWindow(window.minutes);
        const alarm = new cloudwatch.Alarm(group, pascal(role), {
          alarmName: `${compositeName}-${role}`,
          alarmDescription: describeAlarm(policy, {
            service,
            severity: 'input',
            partOf: compositeName,
            meaning: `${props.badEvents} are at least ${spec.thresholdPercent}% of events over ${over} (${tier.burnRate}x the ${budget} error budget of the ${objective} objective).`,
            runbook: props.runbook,
          }),
          metric: props.badEventPercent(Duration.seconds(window.periodSeconds)),
          threshold: spec.thresholdPercent,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: window.evaluationPeriods,
          datapointsToAlarm: window.evaluationPeriods,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        });
        acknowledgeSilentAlarm(
          alarm,
          'no-actions',
          `An input of composite alarm ${compositeName}, which carries the actions: it notifies only when both windows burn`,
        );
        annotateAlarm(alarm, {
          environment: policy.environment,
          service,
          kind: `${kind}-${role}`,
          severity: 'input',
          metric: props.metricText,
          threshold: `>= ${spec.thresholdPercent} % over ${over}`,
          runbook: runbookPath(props.runbook),
          partOf: compositeName,
        });
        this.inputs.push(alarm);
        return alarm;
      });

      const composite = new cloudwatch.CompositeAlarm(group, 'Alarm', {
        compositeAlarmName: compositeName,
        alarmDescription: describeAlarm(policy, {
          service,
          severity: tier.severity,
          meaning:
            `the ${objective} objective (${props.objectivePercent}%) is burning its ${SLO_PERIOD_DAYS}-day error budget at ${tier.burnRate}x: ` +
            `${props.badEvents} are at least ${spec.thresholdPercent}% of events over both ${formatWindow(spec.long.minutes)} and ${formatWindow(spec.short.minutes)}` +
            `${spec.capped ? ' (capped at 100%: the objective is too loose for this burn rate to be reachable otherwise)' : ''}. ` +
            `At this rate ${spec.budgetSpentPercent}% of the budget goes every ${formatWindow(spec.long.minutes)}.`,
          runbook: props.runbook,
        }),
        alarmRule: cloudwatch.AlarmRule.allOf(
          ...inputs.map((a) => cloudwatch.AlarmRule.fromAlarm(a, cloudwatch.AlarmState.ALARM)),
        ),
        actionsEnabled: policy.actionsEnabled,
      });
      routeAlarm(composite, policy, tier.severity);
      if (!policy.actionsEnabled) acknowledgeSilentAlarm(composite, 'actions-off', ACTIONS_OFF_REASON);
      annotateAlarm(composite, {
        environment: policy.environment,
        service,
        kind,
        severity: tier.severity,
        metric: props.metricText,
        threshold: `>= ${spec.thresholdPercent} % over ${formatWindow(spec.long.minutes)} AND ${formatWindow(spec.short.minutes)} (${tier.burnRate}x burn)`,
        runbook: runbookPath(props.runbook),
      });
      this.alarms.push(composite);
    }
  }

  /** Share of the 30-day error budget left, in percent (negative once overspent): for a dashboard's single-value widget. */
  public budgetRemainingPercent(): cloudwatch.IMetric {
    const budget = 100 - this.props.objectivePercent;
    return new cloudwatch.MathExpression({
      expression: `100 - 100 * bad / ${Number(budget.toFixed(6))}`,
      usingMetrics: { bad: this.props.badEventPercent(Duration.days(SLO_PERIOD_DAYS)) },
      label: `${this.props.service} ${this.props.objective} budget left (%)`,
      period: Duration.days(SLO_PERIOD_DAYS),
    });
  }
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
