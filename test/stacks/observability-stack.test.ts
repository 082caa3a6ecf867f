import * as fs from 'node:fs';
import * as path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp, REPO_ROOT, stackAt } from '../support/example';

/**
 * The operations of the example environments as the app builds them: each service's alarms in the service's own
 * stack, the OOM watch and the dashboard in the Observability stack, which takes nothing from the service stacks.
 */
type Resource = {
  Type: string;
  Properties: Record<string, unknown>;
  Metadata?: Record<string, { service: string; severity: string; runbook: string; kind: string }>;
};

const built = buildApp();
const template = (p: string) => Template.fromStack(stackAt(built, p));
const serviceStacks = (env: string) => [`${env}/Service-api`, `${env}/Service-jobs`];
const alarmsOf = (t: Template): Array<[string, Resource]> =>
  Object.entries(t.toJSON().Resources as Record<string, Resource>).filter(
    ([, r]) => r.Type === 'AWS::CloudWatch::Alarm' || r.Type === 'AWS::CloudWatch::CompositeAlarm',
  );
/** The alarms of an environment's services, from their own stacks. */
const serviceAlarms = (env: string) => serviceStacks(env).flatMap((p) => alarmsOf(template(p)));
/** The alarms the service's alarm construct (`Alarms`) creates: not the rollback and scaling alarms of the service. */
const operationsAlarms = (env: string) => serviceAlarms(env).filter(([id]) => id.startsWith('Alarms'));
const countBy = (alarms: Array<[string, Resource]>) => {
  const counts: Record<string, Record<string, number>> = {};
  for (const [, r] of alarms) {
    const meta = r.Metadata?.['landfall:alarm'];
    const service = meta?.service ?? '?';
    counts[service] ??= {};
    counts[service][meta?.severity ?? '?'] = (counts[service][meta?.severity ?? '?'] ?? 0) + 1;
  }
  return counts;
};

describe("each service's alarms, in the service's own stack", () => {
  it('pins the alarm count per service in prod (Container Insights on), rollback and scaling alarms included', () => {
    expect(countBy(serviceAlarms('prod'))).toEqual({
      api: { page: 4, ticket: 10, input: 12 },
      jobs: { page: 2, ticket: 7, scaling: 2 },
    });
  });

  it('pins the alarm count per service in dev (no Container Insights: no task-count alarms)', () => {
    expect(countBy(serviceAlarms('dev'))).toEqual({
      api: { page: 4, ticket: 9, input: 12 },
      jobs: { page: 2, ticket: 6, scaling: 2 },
    });
  });

  it('links a runbook file that exists from every alarm', () => {
    for (const [id, r] of [...serviceAlarms('prod'), ...serviceAlarms('dev')]) {
      const runbook = r.Metadata?.['landfall:alarm']?.runbook;
      expect([id, runbook !== undefined && fs.existsSync(path.join(REPO_ROOT, runbook))]).toEqual([id, true]);
      expect(String(r.Properties.AlarmDescription)).toContain(
        `Runbook: https://github.com/acme/platform/blob/main/${runbook}`,
      );
    }
  });

  it('names the service and the environment in every alarm description', () => {
    for (const [, r] of operationsAlarms('prod')) {
      const meta = r.Metadata?.['landfall:alarm'];
      expect(String(r.Properties.AlarmDescription)).toMatch(
        new RegExp(`^\\[(PAGE|TICKET|input of [^\\]]+)\\] ${meta?.service} in prod: `),
      );
    }
  });

  it('routes pages and tickets to the page and ticket topics of the environment, by their derived ARNs', () => {
    const topic = (severity: string) => `arn:aws:sns:ap-northeast-1:666666666666:landfall-prod-${severity}`;
    for (const [, r] of operationsAlarms('prod')) {
      const severity = r.Metadata?.['landfall:alarm']?.severity;
      if (severity !== 'page' && severity !== 'ticket') {
        expect(r.Properties.AlarmActions).toBeUndefined();
        continue;
      }
      expect([r.Properties.AlarmActions, r.Properties.OKActions]).toEqual([[topic(severity)], [topic(severity)]]);
    }
    for (const severity of ['page', 'ticket'])
      template('prod/Platform').hasResourceProperties('AWS::SNS::Topic', { TopicName: `landfall-prod-${severity}` });
  });

  it('turns every alarm action off in dev and on in prod (profile alarmActionsEnabled)', () => {
    const notifying = (env: string) => operationsAlarms(env).filter(([, r]) => r.Properties.AlarmActions !== undefined);
    expect(notifying('dev').map(([, r]) => r.Properties.ActionsEnabled)).toEqual(Array(19).fill(false));
    expect(notifying('prod').map(([, r]) => r.Properties.ActionsEnabled)).toEqual(Array(21).fill(true));
  });

  it('subscribes the example page and ticket recipients and the page Slack channel', () => {
    const topics = template('prod/Platform');
    topics.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com' });
    topics.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'platform-alerts@example.com',
    });
    topics.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
      ConfigurationName: 'landfall-prod-page',
      SlackChannelId: 'C0PAGE12345',
    });
  });
});

describe('Observability stack', () => {
  const prod = template('prod/Observability');
  const dev = template('dev/Observability');

  it('creates no alarm: every alarm belongs to its service stack', () => {
    expect([alarmsOf(prod), alarmsOf(dev)]).toEqual([[], []]);
  });

  it('takes nothing from a service stack: no import at all, and it depends on Platform and Baseline only', () => {
    expect(JSON.stringify(prod.toJSON())).not.toContain('Fn::ImportValue');
    // Baseline: the secret-age watch's Config rule needs the configuration recorder.
    expect(
      stackAt(built, 'prod/Observability')
        .dependencies.map((s) => s.node.path)
        .sort(),
    ).toEqual(['prod/Baseline', 'prod/Platform']);
  });

  it('watches the environment cluster for OOM stops and keeps their events as long as the profile says', () => {
    const oomRules = prod.findResources('AWS::Events::Rule', {
      Properties: { EventPattern: { 'detail-type': ['ECS Task State Change'] } },
    });
    expect(Object.keys(oomRules)).toHaveLength(1);
    prod.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { detail: { clusterArn: ['arn:aws:ecs:ap-northeast-1:666666666666:cluster/landfall-prod'] } },
      Targets: [
        Match.objectLike({ Arn: 'arn:aws:sns:ap-northeast-1:666666666666:landfall-prod-ticket' }),
        Match.objectLike({
          Arn: 'arn:aws:logs:ap-northeast-1:666666666666:log-group:/aws/events/landfall-prod-out-of-memory',
        }),
      ],
    });
    prod.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/events/landfall-prod-out-of-memory',
      RetentionInDays: 365,
    });
    dev.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/events/landfall-dev-out-of-memory',
      RetentionInDays: 14,
    });
    expect(Object.values(prod.findResources('AWS::Logs::LogGroup'))[0].DeletionPolicy).toBe('Retain');
    expect(Object.values(dev.findResources('AWS::Logs::LogGroup'))[0].DeletionPolicy).toBe('Delete');
  });

  it("encrypts the OOM events with the environment's log key, read from the Network stack's SSM parameter", () => {
    const key = (Object.values(prod.findResources('AWS::Logs::LogGroup'))[0].Properties as { KmsKeyId: unknown })
      .KmsKeyId as { 'Fn::Sub': [string, { LogKeyArn: { Ref: string } }] };
    // Fn::Sub around the parameter (EnvironmentReferences.logKey says why): the same value at deploy time.
    expect(key['Fn::Sub'][0]).toBe('${LogKeyArn}');
    expect(prod.toJSON().Parameters[key['Fn::Sub'][1].LogKeyArn.Ref]).toEqual(
      expect.objectContaining({
        Type: 'AWS::SSM::Parameter::Value<String>',
        Default: '/landfall/prod/network/log-key-arn',
      }),
    );
  });

  it('creates no Lambda function and no custom resource', () => {
    const types = Object.values(prod.toJSON().Resources as Record<string, Resource>).map((r) => r.Type);
    expect(types.filter((t) => t === 'AWS::Lambda::Function' || t.startsWith('Custom::'))).toEqual([]);
  });

  it('holds the OOM and secret-age watches, the release marker (a metric filter per service) and the dashboard, nothing else', () => {
    expect(
      Object.values(prod.toJSON().Resources as Record<string, Resource>)
        .map((r) => r.Type)
        .sort(),
    ).toEqual([
      'AWS::CloudWatch::Dashboard',
      'AWS::Config::ConfigRule',
      'AWS::Events::Rule', // OOM stops
      'AWS::Events::Rule', // releases
      'AWS::Events::Rule', // secrets too old
      'AWS::Logs::LogGroup',
      'AWS::Logs::LogGroup',
      'AWS::Logs::MetricFilter', // OOM stops per service
      'AWS::Logs::MetricFilter', // releases of api
      'AWS::Logs::MetricFilter', // releases of jobs
      'AWS::Logs::ResourcePolicy',
      'AWS::Logs::ResourcePolicy',
    ]);
  });
});
