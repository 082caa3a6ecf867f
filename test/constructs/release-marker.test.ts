import { Match, Template } from 'aws-cdk-lib/assertions';
import { ReleaseMarker } from '../../constructs/release-marker';
import { buildApp, stackAt } from '../support/example';

/** The release markers of the example prod environment, as its Observability stack deploys them. */
const built = buildApp();
const prod = Template.fromStack(stackAt(built, 'prod/Observability'));
const dev = Template.fromStack(stackAt(built, 'dev/Observability'));
const SERVICE_ARN = 'arn:aws:ecs:ap-northeast-1:666666666666:service/landfall-prod';
const LOG_GROUP = 'arn:aws:logs:ap-northeast-1:666666666666:log-group:/aws/events/landfall-prod-releases';

describe('ReleaseMarker', () => {
  // Amazon ECS Developer Guide, "Amazon ECS service deployment state change events": detail type "ECS Deployment
  // State Change"; SERVICE_DEPLOYMENT_IN_PROGRESS "is sent for both initial deployments and rollback deployments";
  // the example event names the service in resources ("arn:aws:ecs:us-west-2:111122223333:service/default/servicetest").
  it("keeps the start of every deployment of the environment's services, by service ARN", () => {
    prod.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.ecs'],
        'detail-type': ['ECS Deployment State Change'],
        resources: [`${SERVICE_ARN}/api`, `${SERVICE_ARN}/jobs`],
        detail: { eventName: ['SERVICE_DEPLOYMENT_IN_PROGRESS'] },
      },
      Targets: [{ Arn: LOG_GROUP, Id: Match.anyValue() }],
    });
  });

  // Amazon EventBridge User Guide, "Using resource-based policies for Amazon EventBridge": "For Amazon CloudWatch Logs
  // resources, EventBridge uses resource-based policies" and, for those targets, "do not specify a RoleArn in the
  // target configuration".
  it('lets EventBridge write to the log group through its resource policy, with no role on the target', () => {
    const [logGroupId] = Object.keys(
      prod.findResources('AWS::Logs::LogGroup', { Properties: { LogGroupName: '/aws/events/landfall-prod-releases' } }),
    );
    // The documents are Fn::Join around the log groups' Fn::GetAtt Arn: read each GetAtt as `<logical ID>.Arn`.
    const statements = Object.values(prod.findResources('AWS::Logs::ResourcePolicy')).flatMap((p) => {
      const parts = (p.Properties.PolicyDocument as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
      const text = parts
        .map((part) =>
          typeof part === 'string' ? part : `${(part as { 'Fn::GetAtt': string[] })['Fn::GetAtt'].join('.')}`,
        )
        .join('');
      return (JSON.parse(text) as { Statement: Array<Record<string, unknown>> }).Statement;
    });
    expect(statements.filter((st) => st.Resource === `${logGroupId}.Arn`)).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: `${logGroupId}.Arn`,
      },
    ]);
    const rules = prod.findResources('AWS::Events::Rule', {
      Properties: { EventPattern: { 'detail-type': ['ECS Deployment State Change'] } },
    });
    expect(Object.values(rules).map((r) => r.Properties.Targets[0].RoleArn)).toEqual([undefined]);
  });

  it('counts each service’s releases with a metric filter on the service ARN, as the dashboard reads them', () => {
    for (const service of ['api', 'jobs']) {
      const metric = ReleaseMarker.metricFor('landfall-prod', service);
      prod.hasResourceProperties('AWS::Logs::MetricFilter', {
        LogGroupName: Match.anyValue(),
        FilterPattern: `{ $.resources[0] = "${SERVICE_ARN}/${service}" }`,
        MetricTransformations: [
          { MetricNamespace: 'landfall/Releases', MetricName: `landfall-prod/${service}`, MetricValue: '1' },
        ],
      });
      expect([metric.namespace, metric.metricName]).toEqual(['landfall/Releases', `landfall-prod/${service}`]);
    }
  });

  it('keeps the release events as long as the profile keeps logs, encrypted with the environment log key', () => {
    prod.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/events/landfall-prod-releases',
      RetentionInDays: 365,
      KmsKeyId: Match.anyValue(),
    });
    dev.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/events/landfall-dev-releases',
      RetentionInDays: 14,
    });
  });
});

describe('the release graph on the environment dashboard', () => {
  it('graphs every service’s releases in one full-width graph above the service rows', () => {
    const [dashboard] = Object.values(prod.findResources('AWS::CloudWatch::Dashboard'));
    const body = dashboard.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] } | string;
    const text =
      typeof body === 'string'
        ? body
        : body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'X')).join('');
    const widgets = (JSON.parse(text) as { widgets: Array<{ width: number; properties: Record<string, unknown> }> })
      .widgets;
    const titles = widgets.map((w) => w.properties.title ?? w.properties.markdown);
    const graph = widgets.find((w) => w.properties.title === 'Releases (ECS deployments started)');
    expect(graph?.width).toBe(24);
    expect(graph?.properties.metrics).toEqual([
      ['landfall/Releases', 'landfall-prod/api', { label: 'api releases', stat: 'Sum' }],
      ['landfall/Releases', 'landfall-prod/jobs', { label: 'jobs releases', stat: 'Sum' }],
    ]);
    expect(titles.indexOf('Releases (ECS deployments started)')).toBeLessThan(titles.indexOf('### api (web)'));
  });
});
