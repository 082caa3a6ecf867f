import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildPlatform } from '../../lib/app';
import { logBucketName } from '../../lib/naming';
import { allStacks, buildApp, CDK_JSON_CONTEXT, referenceModel, stackAt, stageOf } from '../support/example';

/** The example platform's environment stages: which stacks exist and what differs between tiers. */
const built = buildApp();
const template = (path: string) => Template.fromStack(stackAt(built, path));
const environmentStacks = (env: string) => allStacks(stageOf(built, env));
const ENVIRONMENTS = ['dev', 'stg', 'prod'] as const;

describe('environment stages', () => {
  it('lists every stack of every environment with its CloudFormation name', () => {
    const inventory = Object.fromEntries(
      ENVIRONMENTS.map((env) => [env, environmentStacks(env).map((s) => `${s.node.path} = ${s.stackName}`)]),
    );
    expect(inventory).toEqual({
      dev: [
        'dev/Baseline = landfall-dev-baseline',
        'dev/Database-api = landfall-dev-database-api',
        'dev/Network = landfall-dev-network',
        'dev/Observability = landfall-dev-observability',
        'dev/Platform = landfall-dev-platform',
        'dev/RegionalBaseline-us-east-1 = landfall-dev-regional-baseline-us-east-1',
        'dev/Service-api = landfall-dev-service-api',
        'dev/Service-jobs = landfall-dev-service-jobs',
      ],
      stg: [
        'stg/Baseline = landfall-stg-baseline',
        'stg/Database-api = landfall-stg-database-api',
        'stg/Network = landfall-stg-network',
        'stg/Observability = landfall-stg-observability',
        'stg/Platform = landfall-stg-platform',
        'stg/RegionalBaseline-us-east-1 = landfall-stg-regional-baseline-us-east-1',
        'stg/Service-api = landfall-stg-service-api',
        'stg/Service-jobs = landfall-stg-service-jobs',
      ],
      prod: [
        'prod/Baseline = landfall-prod-baseline',
        'prod/Database-api = landfall-prod-database-api',
        'prod/Network = landfall-prod-network',
        'prod/Observability = landfall-prod-observability',
        'prod/Platform = landfall-prod-platform',
        'prod/RegionalBaseline-us-east-1 = landfall-prod-regional-baseline-us-east-1',
        'prod/Service-api = landfall-prod-service-api',
        'prod/Service-jobs = landfall-prod-service-jobs',
      ],
    });
  });

  it('deploys each environment into its own account, in the home region but for its RegionalBaselines', () => {
    expect(
      ENVIRONMENTS.map((env) => [...new Set(environmentStacks(env).map((s) => `${s.account}/${s.region}`))]),
    ).toEqual([
      ['444444444444/ap-northeast-1', '444444444444/us-east-1'],
      ['555555555555/ap-northeast-1', '555555555555/us-east-1'],
      ['666666666666/ap-northeast-1', '666666666666/us-east-1'],
    ]);
    expect(
      ENVIRONMENTS.flatMap((env) => environmentStacks(env).filter((s) => s.region === 'us-east-1')).map(
        (s) => s.node.id,
      ),
    ).toEqual(ENVIRONMENTS.map(() => 'RegionalBaseline-us-east-1'));
  });

  it('protects prod stacks from termination and leaves dev and stg deletable', () => {
    const protectedBy = (env: string) => [...new Set(environmentStacks(env).map((s) => s.terminationProtection))];
    expect(ENVIRONMENTS.map(protectedBy)).toEqual([[false], [false], [true]]);
  });

  it('synthesizes without context lookups (offline)', () => {
    // A plain app (no gates) synthesizes in a fraction of the time; lookups do not depend on the gates.
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'landfall-offline-'));
    const app = new App({ context: CDK_JSON_CONTEXT, outdir, builtinCloudFormationValidation: false });
    buildPlatform(app, referenceModel());
    expect(app.synth().manifest.missing ?? []).toEqual([]);
  });

  it('runs every task definition on ARM64', () => {
    const platforms = ENVIRONMENTS.flatMap((env) =>
      environmentStacks(env).flatMap((s) =>
        Object.values(Template.fromStack(s).findResources('AWS::ECS::TaskDefinition')).map(
          (t) => t.Properties.RuntimePlatform,
        ),
      ),
    );
    expect(platforms).toHaveLength(6);
    expect(new Set(platforms.map((p) => JSON.stringify(p)))).toEqual(
      new Set(['{"CpuArchitecture":"ARM64","OperatingSystemFamily":"LINUX"}']),
    );
  });

  it('rolls every rolling service back through the circuit breaker and a deployment alarm', () => {
    const configs = ENVIRONMENTS.flatMap((env) =>
      environmentStacks(env).flatMap((s) =>
        Object.values(Template.fromStack(s).findResources('AWS::ECS::Service')).map(
          (svc) => svc.Properties.DeploymentConfiguration,
        ),
      ),
    );
    expect(configs).toHaveLength(6);
    const rolling = configs.filter((config) => config.Strategy === 'ROLLING');
    // dev's api and the three workers; stg's and prod's api shift traffic (test/stacks/web-service-deployment.test.ts).
    expect(rolling).toHaveLength(4);
    for (const config of rolling) {
      expect(config.DeploymentCircuitBreaker).toEqual({ Enable: true, Rollback: true });
      expect(config.Alarms).toMatchObject({ Enable: true, Rollback: true });
    }
  });

  it('drains web targets within 60 seconds', () => {
    for (const env of ENVIRONMENTS) {
      template(`${env}/Service-api`).hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
        TargetGroupAttributes: Match.arrayWith([{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }]),
      });
    }
  });

  it.each([
    ['dev', 'Service-api', 1, 6],
    ['stg', 'Service-api', 1, 6],
    ['prod', 'Service-api', 2, 12],
    ['dev', 'Service-jobs', 0, 4],
    ['stg', 'Service-jobs', 0, 4],
    ['prod', 'Service-jobs', 1, 4],
  ])('bounds %s %s between %d and %d tasks', (env, stack, min, max) => {
    template(`${env}/${stack}`).hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: min,
      MaxCapacity: max,
    });
  });

  it('scales the web service on CPU and memory, and a rolling one on requests per target too', () => {
    template('dev/Service-api').resourceCountIs('AWS::ApplicationAutoScaling::ScalingPolicy', 3);
    // Requests per target follow one target group; a canary or linear service serves from either of two.
    template('stg/Service-api').resourceCountIs('AWS::ApplicationAutoScaling::ScalingPolicy', 2);
    template('prod/Service-api').resourceCountIs('AWS::ApplicationAutoScaling::ScalingPolicy', 2);
  });

  it('scales non-prod web services down outside working hours in the environment time zone, never prod', () => {
    template('dev/Service-api').hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      ScheduledActions: Match.arrayWith([
        Match.objectLike({ Schedule: 'cron(0 21 ? * MON-FRI *)', Timezone: 'Asia/Tokyo' }),
      ]),
    });
    template('stg/Service-api').hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      ScheduledActions: Match.arrayWith([Match.objectLike({ Schedule: 'cron(0 20 ? * MON-FRI *)' })]),
    });
    template('prod/Service-api').hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      ScheduledActions: Match.absent(),
    });
  });

  it('uses a t4g.nano NAT instance in dev and a NAT gateway per zone in prod', () => {
    template('dev/Network').hasResourceProperties('AWS::EC2::Instance', { InstanceType: 't4g.nano' });
    template('dev/Network').resourceCountIs('AWS::EC2::NatGateway', 0);
    template('stg/Network').resourceCountIs('AWS::EC2::NatGateway', 1);
    template('prod/Network').resourceCountIs('AWS::EC2::NatGateway', 3);
  });

  it('publishes the egress IPs as stack outputs', () => {
    const egress = (env: string) =>
      Object.keys(template(`${env}/Network`).findOutputs('*')).filter((k) => k.startsWith('EgressIp'));
    expect(egress('prod')).toEqual(['EgressIp1', 'EgressIp2', 'EgressIp3']);
    expect(egress('dev')).toEqual(['EgressIp1']);
    template('prod/Network').hasOutput('EgressIp1', {
      Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('EgressIp1'), 'PublicIp'] },
    });
  });

  it('keeps flow and container logs as long as the profile says', () => {
    template('dev/Network').hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 14 });
    template('prod/Network').hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    template('prod/Service-jobs').hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/landfall/prod/jobs',
      RetentionInDays: 365,
    });
  });

  it('turns Container Insights on where the profile does', () => {
    const insights = (env: string) =>
      Object.values(template(`${env}/Platform`).findResources('AWS::ECS::Cluster'))[0].Properties.ClusterSettings;
    expect(ENVIRONMENTS.map(insights)).toEqual([
      [{ Name: 'containerInsights', Value: 'disabled' }],
      [{ Name: 'containerInsights', Value: 'enabled' }],
      [{ Name: 'containerInsights', Value: 'enabled' }],
    ]);
  });

  it('serves HTTPS with the environment certificate where a domain is configured, HTTP only in dev', () => {
    template('prod/Platform').hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Protocol: 'HTTPS',
      Certificates: [
        { CertificateArn: 'arn:aws:acm:ap-northeast-1:666666666666:certificate/00000000-0000-4000-8000-000000000666' },
      ],
    });
    template('dev/Platform').resourceCountIs('AWS::ElasticLoadBalancingV2::Listener', 1);
    template('dev/Platform').hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Protocol: 'HTTP' });
  });

  it('writes load balancer access logs to the central log-archive bucket under the environment prefix', () => {
    template('stg/Platform').hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'access_logs.s3.bucket', Value: logBucketName('alb', 'acme', '333333333333', 'ap-northeast-1') },
        { Key: 'access_logs.s3.prefix', Value: 'stg' },
      ]),
    });
  });

  it('protects the load balancer from deletion in prod only', () => {
    const protection = (env: string) =>
      template(`${env}/Platform`).hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
        LoadBalancerAttributes: Match.arrayWith([
          { Key: 'deletion_protection.enabled', Value: env === 'prod' ? 'true' : 'false' },
        ]),
      });
    ENVIRONMENTS.forEach(protection);
  });

  it('names the cluster, services, queues and task families after the environment', () => {
    template('prod/Platform').hasResourceProperties('AWS::ECS::Cluster', { ClusterName: 'landfall-prod' });
    template('prod/Service-api').hasResourceProperties('AWS::ECS::Service', { ServiceName: 'api' });
    template('prod/Service-api').hasResourceProperties('AWS::ECS::TaskDefinition', { Family: 'landfall-prod-api' });
    template('prod/Service-jobs').hasResourceProperties('AWS::SQS::Queue', { QueueName: 'landfall-prod-jobs' });
    template('prod/Service-jobs').hasResourceProperties('AWS::SQS::Queue', { QueueName: 'landfall-prod-jobs-dlq' });
  });

  it('gives the api the jobs queue URL by its derived name, so the api deploys beside the jobs stack, not after it', () => {
    template('prod/Service-api').hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [
        Match.objectLike({
          Environment: Match.arrayWith([
            {
              Name: 'JOBS_QUEUE_URL',
              Value: {
                'Fn::Join': [
                  '',
                  ['https://sqs.ap-northeast-1.', { Ref: 'AWS::URLSuffix' }, '/666666666666/landfall-prod-jobs'],
                ],
              },
            },
          ]),
        }),
      ],
    });
    // The api waits for its own database (wave 2), never for the jobs stack.
    expect(stackAt(built, 'prod/Service-api').dependencies.map((s) => s.node.path)).toEqual([
      'prod/Database-api',
      'prod/Platform',
    ]);
  });

  it('notifies the ticket topic from rollback alarms where the profile enables actions', () => {
    // The topic's ARN is built from its derived name, not imported from the Platform stack.
    template('prod/Service-api').hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('rolls back a running deployment'),
      AlarmActions: ['arn:aws:sns:ap-northeast-1:666666666666:landfall-prod-ticket'],
    });
    template('prod/Platform').hasResourceProperties('AWS::SNS::Topic', { TopicName: 'landfall-prod-ticket' });
    template('dev/Service-api').hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([Match.objectLike({ Id: 'errors' })]),
      AlarmActions: Match.absent(),
    });
  });

  it("creates each service's alarms in the service's own stack, so no stack grows with the number of services", () => {
    const alarmCount = (path: string) =>
      Object.keys(template(path).findResources('AWS::CloudWatch::Alarm')).length +
      Object.keys(template(path).findResources('AWS::CloudWatch::CompositeAlarm')).length;
    expect(alarmCount('prod/Service-api')).toBeGreaterThan(10);
    expect(alarmCount('prod/Service-jobs')).toBeGreaterThan(5);
    expect(alarmCount('prod/Observability')).toBe(0);
    // The dashboard names the alarms by ARN instead of importing one export per alarm.
    const exports = Object.keys(template('prod/Service-api').toJSON().Outputs ?? {}).filter((k) => /Alarm/.test(k));
    expect(exports).toEqual([]);
  });

  it('tags every resource of a service stack with the service', () => {
    for (const path of ['prod/Service-api', 'prod/Service-jobs']) {
      const service = path.split('-')[1];
      template(path).hasResourceProperties('AWS::ECS::Service', {
        Tags: Match.arrayWith([{ Key: 'landfall:service', Value: service }]),
      });
    }
    expect(Stack.of(stackAt(built, 'prod/Platform')).tags.tagValues()['landfall:service']).toBeUndefined();
  });
});
