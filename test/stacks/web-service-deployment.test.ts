import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp, stackAt } from '../support/example';

/**
 * How each tier releases the reference api service (prod canary, stg linear, dev rolling; lib/config/profiles.ts),
 * checked on the synthesized Service-api stacks.
 */
const built = buildApp();
const templates = {
  dev: Template.fromStack(stackAt(built, 'dev/Service-api')),
  stg: Template.fromStack(stackAt(built, 'stg/Service-api')),
  prod: Template.fromStack(stackAt(built, 'prod/Service-api')),
};
type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;
const resourcesOf = (t: Template) => t.toJSON().Resources as Resources;
const deploymentOf = (t: Template) =>
  Object.values(t.findResources('AWS::ECS::Service'))[0]!.Properties.DeploymentConfiguration as Record<string, unknown>;
const loadBalancersOf = (t: Template) =>
  Object.values(t.findResources('AWS::ECS::Service'))[0]!.Properties.LoadBalancers as Array<Record<string, unknown>>;
const idOf = (t: Template, type: string, pattern: RegExp) => {
  const ids = Object.keys(t.findResources(type)).filter((id) => pattern.test(id));
  if (ids.length !== 1) throw new Error(`expected one ${type} matching ${String(pattern)}, found ${ids.join(', ')}`);
  return ids[0]!;
};
/** The alarm names of the deployment alarms: fixed names as written, a `Ref` to a named alarm as that name. */
const deploymentAlarmNames = (t: Template) => {
  const names = (deploymentOf(t).Alarms as { AlarmNames: unknown[] }).AlarmNames;
  return names.map((name) => {
    const ref = (name as { Ref?: string }).Ref;
    if (ref === undefined) return name;
    return resourcesOf(t)[ref]!.Properties.AlarmName ?? `(generated name of ${ref.replace(/[0-9A-F]{8}$/, '')})`;
  });
};

// Amazon ECS developer guide, "Amazon ECS canary deployments": "Canary deployments first route a small percentage of
// traffic to the new revision for initial testing, then shift all remaining traffic at once"; CanaryConfiguration:
// canaryPercent and canaryBakeTimeInMinutes; DeploymentConfiguration.bakeTimeInMinutes: "The time period when both
// blue and green service revisions are running simultaneously after the production traffic has shifted".
describe('prod: canary releases', () => {
  it('shifts 5% of the traffic for 15 minutes, then all, and keeps both revisions 30 minutes', () => {
    expect(deploymentOf(templates.prod)).toMatchObject({
      Strategy: 'CANARY',
      CanaryConfiguration: { CanaryPercent: 5, CanaryBakeTimeInMinutes: 15 },
      BakeTimeInMinutes: 30,
    });
  });

  // ECS API reference, DeploymentConfiguration: "The deployment circuit breaker can only be used for services using
  // the rolling update (ECS) deployment type."
  it('leaves the circuit breaker out and rolls back on alarms', () => {
    expect(deploymentOf(templates.prod).DeploymentCircuitBreaker).toBeUndefined();
    expect(deploymentOf(templates.prod).Alarms).toMatchObject({ Enable: true, Rollback: true });
  });

  it('rolls back on the 5xx rate, the p99 latency and the short windows of both fast burn rates', () => {
    expect(deploymentAlarmNames(templates.prod)).toEqual([
      '(generated name of WebServerErrorAlarm)',
      'landfall-prod-api-p99-latency',
      'landfall-prod-api-availability-burn-fast-short',
      'landfall-prod-api-latency-burn-fast-short',
    ]);
  });

  // "Application Load Balancer resources for blue/green, linear, and canary deployments": a primary target group for
  // the current revision and an alternate one for the new; AdvancedConfiguration names the alternate target group, the
  // production listener rule and the role.
  it('gives the service a primary and an alternate target group with the same health check', () => {
    const groups = Object.values(templates.prod.findResources('AWS::ElasticLoadBalancingV2::TargetGroup'));
    expect(groups).toHaveLength(2);
    const [primary, alternate] = groups.map((g) => g.Properties);
    expect(alternate).toEqual(primary);
    expect(primary).toMatchObject({ TargetType: 'ip', HealthCheckPath: '/healthz', Port: 8080 });
  });

  it('names the alternate target group, its own listener rule (not the listener) and its own role to ECS', () => {
    const t = templates.prod;
    expect(loadBalancersOf(t)).toEqual([
      {
        ContainerName: 'app',
        ContainerPort: 8080,
        TargetGroupArn: { Ref: idOf(t, 'AWS::ElasticLoadBalancingV2::TargetGroup', /^WebTargetGroup/) },
        AdvancedConfiguration: {
          AlternateTargetGroupArn: {
            Ref: idOf(t, 'AWS::ElasticLoadBalancingV2::TargetGroup', /^WebAlternateTargetGroup/),
          },
          ProductionListenerRule: { Ref: idOf(t, 'AWS::ElasticLoadBalancingV2::ListenerRule', /^WebListenerRule/) },
          RoleArn: { 'Fn::GetAtt': [idOf(t, 'AWS::IAM::Role', /^WebTrafficShiftRole/), 'Arn'] },
        },
      },
    ]);
  });

  it('forwards its listener rule to both target groups, weighted 100 and 0, so ECS can shift the weights', () => {
    const t = templates.prod;
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Actions: [
        {
          Type: 'forward',
          ForwardConfig: {
            TargetGroups: [
              {
                TargetGroupArn: { Ref: idOf(t, 'AWS::ElasticLoadBalancingV2::TargetGroup', /^WebTargetGroup/) },
                Weight: 100,
              },
              {
                TargetGroupArn: {
                  Ref: idOf(t, 'AWS::ElasticLoadBalancingV2::TargetGroup', /^WebAlternateTargetGroup/),
                },
                Weight: 0,
              },
            ],
          },
        },
      ],
    });
  });

  // Test listener rules are optional (AdvancedConfiguration.TestListenerRule); without a lifecycle hook nothing would
  // send test traffic before production traffic moves, so landfall adds none and the listener keeps one rule a service.
  it('adds no test listener rule', () => {
    templates.prod.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 1);
    expect(loadBalancersOf(templates.prod)[0]!.AdvancedConfiguration).not.toHaveProperty('TestListenerRule');
  });

  it('creates the service after the traffic-shift policy, so ECS never assumes a role without its permissions', () => {
    const t = templates.prod;
    const service = Object.values(t.findResources('AWS::ECS::Service'))[0]!;
    expect(service.DependsOn).toEqual(
      expect.arrayContaining([idOf(t, 'AWS::IAM::ManagedPolicy', /^WebTrafficShiftPolicy/)]),
    );
  });

  it('evaluates its 5xx rollback alarm over both target groups', () => {
    const t = templates.prod;
    const alarm = resourcesOf(t)[idOf(t, 'AWS::CloudWatch::Alarm', /^WebServerErrorAlarm/)]!.Properties;
    const metrics = alarm.Metrics as Array<{
      Id: string;
      MetricStat?: { Metric: { Dimensions: Array<{ Name: string; Value: unknown }> } };
    }>;
    const targetGroups = metrics
      .filter((m) => m.MetricStat !== undefined)
      .map((m) => JSON.stringify(m.MetricStat!.Metric.Dimensions.find((d) => d.Name === 'TargetGroup')!.Value));
    expect(new Set(targetGroups).size).toBe(2);
  });

  it("weights each target group's share of slow requests by its requests in the latency burn rates", () => {
    templates.prod.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'landfall-prod-api-latency-burn-fast-short',
      Metrics: Match.arrayWith([
        Match.objectLike({
          Expression:
            'IF((FILL(r1, 0) + FILL(r2, 0)) > 0, 100 - (FILL(f1, 100) * FILL(r1, 0) + FILL(f2, 100) * FILL(r2, 0)) / (FILL(r1, 0) + FILL(r2, 0)))',
        }),
      ]),
    });
  });

  it('takes the higher p99 of the two target groups for its latency alarm', () => {
    templates.prod.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'landfall-prod-api-p99-latency',
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 'MAX([FILL(a, 0), FILL(b, 0)])' })]),
    });
  });
});

// Amazon ECS developer guide, "Amazon ECS linear deployments": "Step percent - The percentage of traffic to shift in
// each increment"; "Step bake time - The duration to wait between each traffic shift increment".
describe('stg: linear releases', () => {
  it('shifts 25% every 3 minutes and keeps both revisions 5 minutes', () => {
    expect(deploymentOf(templates.stg)).toMatchObject({
      Strategy: 'LINEAR',
      LinearConfiguration: { StepPercent: 25, StepBakeTimeInMinutes: 3 },
      BakeTimeInMinutes: 5,
    });
    expect(deploymentOf(templates.stg)).not.toHaveProperty('CanaryConfiguration');
  });

  it('shifts between two target groups on its own rule', () => {
    templates.stg.resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', 2);
    expect(loadBalancersOf(templates.stg)[0]).toHaveProperty('AdvancedConfiguration.ProductionListenerRule');
  });
});

describe('dev: rolling releases', () => {
  it('replaces tasks in place with the circuit breaker, at full capacity', () => {
    expect(deploymentOf(templates.dev)).toEqual({
      Strategy: 'ROLLING',
      MinimumHealthyPercent: 100,
      MaximumPercent: 200,
      DeploymentCircuitBreaker: { Enable: true, Rollback: true },
      Alarms: { AlarmNames: expect.any(Array), Enable: true, Rollback: true },
    });
  });

  it('keeps one target group, a plain forward and no traffic-shift role', () => {
    const t = templates.dev;
    t.resourceCountIs('AWS::ElasticLoadBalancingV2::TargetGroup', 1);
    t.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Actions: [Match.objectLike({ Type: 'forward', TargetGroupArn: Match.anyValue() })],
    });
    expect(loadBalancersOf(t)[0]).not.toHaveProperty('AdvancedConfiguration');
    expect(Object.keys(t.findResources('AWS::IAM::Role')).filter((id) => id.includes('TrafficShift'))).toEqual([]);
  });

  it('rolls back on the same four alarms as the traffic-shifting tiers', () => {
    expect(deploymentAlarmNames(templates.dev)).toEqual([
      '(generated name of WebServerErrorAlarm)',
      'landfall-dev-api-p99-latency',
      'landfall-dev-api-availability-burn-fast-short',
      'landfall-dev-api-latency-burn-fast-short',
    ]);
  });
});
