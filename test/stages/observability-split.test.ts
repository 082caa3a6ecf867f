import { Template } from 'aws-cdk-lib/assertions';
import { SERVICES_PER_DASHBOARD } from '../../lib/plan/observability';
import { allStacks, buildApp, referencePlatform, validate } from '../support/example';

/** 60 services (30 web, 30 workers): more than two dashboards' worth. */
function manyServices(): Record<string, unknown> {
  const services: Record<string, unknown> = {};
  for (let i = 1; i <= 30; i++) {
    const n = String(i).padStart(2, '0');
    services[`web-${n}`] = {
      name: `web-${n}`,
      kind: 'web',
      image: { registry: 'public.ecr.aws/nginx/nginx:stable' },
      cpu: 256,
      memoryMiB: 512,
      healthCheckPath: '/healthz',
      paths: [`/web-${n}/*`],
      sendsTo: [`worker-${n}`],
    };
    services[`worker-${n}`] = {
      name: `worker-${n}`,
      kind: 'worker',
      image: { registry: 'public.ecr.aws/nginx/nginx:stable' },
      cpu: 256,
      memoryMiB: 512,
      maxProcessingSeconds: 60,
    };
  }
  return services;
}

describe('an environment with many services', () => {
  const built = buildApp({ model: validate(referencePlatform(), manyServices()) });
  const prod = allStacks(built.app).filter((s) => s.node.path.startsWith('prod/Observability'));

  it(`splits dashboards into one Observability stack per ${SERVICES_PER_DASHBOARD} services`, () => {
    expect(prod.map((s) => s.stackName)).toEqual([
      'landfall-prod-observability',
      'landfall-prod-observability-2',
      'landfall-prod-observability-3',
    ]);
    expect(
      prod
        .map((s) => Template.fromStack(s).findResources('AWS::CloudWatch::Dashboard'))
        .map((d) => Object.values(d)[0].Properties.DashboardName),
    ).toEqual(['landfall-prod', 'landfall-prod-2', 'landfall-prod-3']);
  });

  const rulesFor = (detailType: string) =>
    prod.map(
      (s) =>
        Object.values(
          Template.fromStack(s).findResources('AWS::Events::Rule', {
            Properties: { EventPattern: { 'detail-type': [detailType] } },
          }),
        ) as Array<{ Properties: { EventPattern: { resources?: string[] } } }>,
    );

  it('creates the OOM and secret-age watches once per environment, in the first stack', () => {
    expect(rulesFor('ECS Task State Change').map((r) => r.length)).toEqual([1, 0, 0]);
    expect(rulesFor('Config Rules Compliance Change').map((r) => r.length)).toEqual([1, 0, 0]);
    expect(prod.map((s) => Object.keys(Template.fromStack(s).findResources('AWS::Config::ConfigRule')).length)).toEqual(
      [1, 0, 0],
    );
  });

  it("marks the releases of each stack's own services: 25 metric filters at most per log group (of 100 allowed)", () => {
    const releases = rulesFor('ECS Deployment State Change');
    expect(releases.map((r) => r.map((rule) => rule.Properties.EventPattern.resources?.length))).toEqual([
      [25],
      [25],
      [10],
    ]);
    expect(releases[2][0].Properties.EventPattern.resources?.[0]).toBe(
      'arn:aws:ecs:ap-northeast-1:666666666666:service/landfall-prod/web-26',
    );
    expect(
      prod.map((s) =>
        Object.values(Template.fromStack(s).findResources('AWS::Logs::LogGroup')).map(
          (g) => g.Properties.LogGroupName as string,
        ),
      ),
    ).toEqual([
      ['/aws/events/landfall-prod-out-of-memory', '/aws/events/landfall-prod-releases'],
      ['/aws/events/landfall-prod-releases-2'],
      ['/aws/events/landfall-prod-releases-3'],
    ]);
  });

  it('keeps every Observability template far below the 1 MB CloudFormation limit', () => {
    for (const stack of prod) expect(JSON.stringify(Template.fromStack(stack).toJSON()).length).toBeLessThan(400_000);
  });
});
