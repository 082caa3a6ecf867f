import { Match, Template } from 'aws-cdk-lib/assertions';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { RUNBOOKS } from '../../constructs/alarm-conventions';
import { BurnRateAlarm } from '../../constructs/burn-rate-alarm';
import { refTo, RUNBOOK_BASE, serviceResources } from '../support/service-resources';

function build(actionsEnabled = true) {
  const r = serviceResources();
  const burn = new BurnRateAlarm(r.stack, 'Burn', {
    policy: r.policy({ actionsEnabled }),
    service: 'api',
    objective: 'availability',
    objectivePercent: 99.9,
    badEventPercent: (period) =>
      r.targetGroup.metrics.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { period }),
    badEvents: '5xx responses',
    metricText: 'HTTPCode_Target_5XX_Count / RequestCount (%)',
    runbook: RUNBOOKS.availabilityBurn,
  });
  return { r, burn, template: Template.fromStack(r.stack) };
}

const { r, burn, template } = build();
const logicalId = (c: { node: { defaultChild?: unknown } }) => refTo(r.stack, c).Ref;

describe('BurnRateAlarm', () => {
  it('creates one composite and two inputs per tier', () => {
    template.resourceCountIs('AWS::CloudWatch::CompositeAlarm', 3);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 6);
  });

  it.each([
    ['fast', 0, 3600, 300, 1.44],
    ['slow', 1, 21600, 1800, 0.6],
    ['steady', 2, 259200, 21600, 0.1],
  ])(
    'evaluates the %s tier over its long and short windows at the same threshold',
    (tier, _i, longPeriod, shortPeriod, threshold) => {
      for (const [period, role] of [
        [longPeriod, 'long'],
        [shortPeriod, 'short'],
      ] as const) {
        template.hasResource('AWS::CloudWatch::Alarm', {
          Properties: Match.objectLike({
            AlarmName: `landfall-prod-api-availability-burn-${tier}-${role}`,
            Threshold: threshold,
            ComparisonOperator: 'GreaterThanOrEqualToThreshold',
            EvaluationPeriods: 1,
            Period: period,
            TreatMissingData: 'notBreaching',
          }),
        });
      }
    },
  );

  it('fires a composite only when both its long and short window are in ALARM', () => {
    burn.alarms.forEach((composite, i) => {
      const rule = r.stack.resolve((composite.node.defaultChild as cloudwatch.CfnCompositeAlarm).alarmRule) as {
        'Fn::Join': [string, unknown[]];
      };
      const [long, short] = burn.inputs.slice(2 * i, 2 * i + 2);
      expect(rule['Fn::Join'][1]).toEqual([
        '(ALARM("',
        { 'Fn::GetAtt': [logicalId(long), 'Arn'] },
        '") AND ALARM("',
        { 'Fn::GetAtt': [logicalId(short), 'Arn'] },
        '"))',
      ]);
    });
  });

  it('pages on the fast and slow tiers and tickets on the steady tier', () => {
    const page = refTo(r.stack, r.pageTopic);
    const ticket = refTo(r.stack, r.ticketTopic);
    for (const [tier, topic] of [
      ['fast', page],
      ['slow', page],
      ['steady', ticket],
    ] as const) {
      template.hasResourceProperties('AWS::CloudWatch::CompositeAlarm', {
        AlarmName: `landfall-prod-api-availability-burn-${tier}`,
        AlarmActions: [topic],
        OKActions: [topic],
        ActionsEnabled: true,
      });
    }
  });

  it('gives the inputs no actions of their own', () => {
    for (const input of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(input.Properties.AlarmActions).toBeUndefined();
      expect(input.Properties.OKActions).toBeUndefined();
    }
  });

  it('describes the burn, its budget cost and the runbook', () => {
    template.hasResourceProperties('AWS::CloudWatch::CompositeAlarm', {
      AlarmName: 'landfall-prod-api-availability-burn-fast',
      AlarmDescription:
        '[PAGE] api in prod: the availability objective (99.9%) is burning its 30-day error budget at 14.4x: 5xx responses are at least 1.44% ' +
        'of events over both 1 h and 5 min. At this rate 2% of the budget goes every 1 h. ' +
        `Runbook: ${RUNBOOK_BASE}/availability-burn.md`,
    });
  });

  it('disables the composites actions when the policy turns actions off', () => {
    const off = build(false).template;
    for (const composite of Object.values(off.findResources('AWS::CloudWatch::CompositeAlarm'))) {
      expect(composite.Properties.ActionsEnabled).toBe(false);
    }
  });

  it('computes the error budget left over 30 days', () => {
    const metric = r.stack.resolve(burn.budgetRemainingPercent().toMetricConfig().mathExpression) as {
      expression: string;
      period: number;
    };
    expect(metric.expression).toBe('100 - 100 * bad / 0.1');
    expect(metric.period).toBe(2592000);
  });
});
