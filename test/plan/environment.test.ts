import { environmentPlan } from '../../lib/plan/environment';
import type { EnvironmentPlan, WebServicePlan, WorkerPlan } from '../../lib/plan/environment';
import { referenceModel, referencePlatform, referenceServices, REFERENCE_ROOT, validate } from '../support/example';

/** Each environment resolved once: what its stacks take, as data (no CDK). */
const model = referenceModel();
const plans = Object.fromEntries(model.environments.map((e) => [e.name, environmentPlan(model, e)])) as Record<
  'dev' | 'stg' | 'prod',
  EnvironmentPlan
>;
const web = (plan: EnvironmentPlan, name = 'api') => plan.services.find((s) => s.name === name) as WebServicePlan;
const worker = (plan: EnvironmentPlan, name = 'jobs') => plan.services.find((s) => s.name === name) as WorkerPlan;

describe('environment plan', () => {
  it('resolves task bounds per service from perTier, the service and the tier profile', () => {
    expect(
      Object.values(plans).map((p) => [
        p.name,
        web(p).minTasks,
        web(p).maxTasks,
        worker(p).minTasks,
        worker(p).maxTasks,
      ]),
    ).toEqual([
      ['dev', 1, 6, 0, 4],
      ['stg', 1, 6, 0, 4],
      ['prod', 2, 12, 1, 4],
    ]);
  });

  it('holds retention, removal policy, Container Insights and alarm actions as the profile resolves them', () => {
    expect(
      Object.values(plans).map((p) => [
        p.logRetentionDays,
        p.removalPolicy,
        p.containerInsights,
        p.alarmActionsEnabled,
      ]),
    ).toEqual([
      [14, 'destroy', false, false],
      [30, 'destroy', true, true],
      [365, 'retain', true, true],
    ]);
  });

  it('takes the NAT count and provider from the profile with the overrides', () => {
    expect(Object.values(plans).map((p) => [p.network.natGateways, p.network.natProvider])).toEqual([
      [1, 'instance'],
      [1, 'gateway'],
      [3, 'gateway'],
    ]);
  });

  it('derives host names from the environment domain and listener priorities from specificity and name', () => {
    const platform = referencePlatform();
    platform.environments[0].domain = {
      name: 'dev.example.com',
      certificateId: '00000000-0000-4000-8000-000000000444',
    };
    const services = referenceServices();
    services.admin = { ...services.api, name: 'admin', host: 'admin', paths: ['/*'], sendsTo: [] };
    const withHost = validate(platform, services);
    const plan = environmentPlan(withHost, withHost.environments[0]);
    expect([web(plan, 'admin').hostHeaders, web(plan).hostHeaders]).toEqual([['admin.dev.example.com'], undefined]);
    // A host rule is evaluated before a rule for any host.
    expect(web(plan, 'admin').listenerPriority).toBeLessThan(web(plan).listenerPriority);
  });

  it('builds the certificate ARN from the environment account and the home region, none without a domain', () => {
    expect([plans.dev.platform.certificateArn, plans.prod.platform.certificateArn]).toEqual([
      undefined,
      'arn:aws:acm:ap-northeast-1:666666666666:certificate/00000000-0000-4000-8000-000000000666',
    ]);
  });

  it('resolves image directories against the repository root the config came from', () => {
    expect(web(plans.dev).image).toEqual({ directory: `${REFERENCE_ROOT}/services/api` });
  });

  it('names the queues, log groups, families and SSM parameters from the environment name', () => {
    const prod = plans.prod;
    expect([
      worker(prod).queueName,
      worker(prod).deadLetterQueueName,
      web(prod).logGroupName,
      web(prod).family,
      web(prod).sendsTo,
      prod.references.parameters,
    ]).toEqual([
      'landfall-prod-jobs',
      'landfall-prod-jobs-dlq',
      '/landfall/prod/api',
      'landfall-prod-api',
      [{ queueName: 'landfall-prod-jobs', environmentVariable: 'JOBS_QUEUE_URL' }],
      {
        vpcId: '/landfall/prod/network/vpc-id',
        privateSubnetIds: [
          '/landfall/prod/network/private-subnet-1-id',
          '/landfall/prod/network/private-subnet-2-id',
          '/landfall/prod/network/private-subnet-3-id',
        ],
        logKeyArn: '/landfall/prod/network/log-key-arn',
        listenerArn: '/landfall/prod/platform/listener-arn',
        loadBalancerSecurityGroupId: '/landfall/prod/platform/load-balancer-security-group-id',
      },
    ]);
  });

  it('scales non-prod web services down outside working hours and never prod', () => {
    expect([web(plans.dev).workingHours, web(plans.prod).workingHours]).toEqual([
      { timeZone: 'Asia/Tokyo', days: 'MON-FRI', startHour: 8, endHour: 21 },
      undefined,
    ]);
  });

  it('refuses a model whose NAT count the config check would have rejected, instead of clamping it', () => {
    const env = model.environments[2];
    const broken = { ...env, profile: { ...env.profile, natGateways: 4 } };
    expect(() => environmentPlan(model, broken)).toThrow(
      'environment prod: 4 NAT gateways for 3 zones (the network check should have reported this)',
    );
  });
});
