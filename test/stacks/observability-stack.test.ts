import * as fs from 'node:fs';
import * as path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { observedServices } from '../../lib/stages/observability';
import { referenceModel, REPO_ROOT } from '../support/example';
import { buildOperationsFixture } from '../support/operations-fixture';

type Resource = {
  Type: string;
  Properties: Record<string, unknown>;
  Metadata?: Record<string, { service: string; severity: string; runbook: string; kind: string }>;
};

const prod = buildOperationsFixture({ environment: 'prod' });
const dev = buildOperationsFixture({ environment: 'dev' });
const templates = { prod: Template.fromStack(prod.observability), dev: Template.fromStack(dev.observability) };
const alarmsOf = (t: Template): Array<[string, Resource]> =>
  Object.entries(t.toJSON().Resources as Record<string, Resource>).filter(
    ([, r]) => r.Type === 'AWS::CloudWatch::Alarm' || r.Type === 'AWS::CloudWatch::CompositeAlarm',
  );
const countBy = (t: Template) => {
  const counts: Record<string, Record<string, number>> = {};
  for (const [, r] of alarmsOf(t)) {
    const meta = r.Metadata?.['landfall:alarm'];
    const service = meta?.service ?? '?';
    counts[service] ??= {};
    counts[service][meta?.severity ?? '?'] = (counts[service][meta?.severity ?? '?'] ?? 0) + 1;
  }
  return counts;
};

describe('ObservabilityStack over the example services', () => {
  it('pins the alarm count per service in prod (Container Insights on)', () => {
    expect(countBy(templates.prod)).toEqual({
      api: { page: 4, ticket: 9, input: 12 },
      jobs: { page: 2, ticket: 6 },
    });
  });

  it('pins the alarm count per service in dev (no Container Insights: no task-count alarms)', () => {
    expect(countBy(templates.dev)).toEqual({
      api: { page: 4, ticket: 8, input: 12 },
      jobs: { page: 2, ticket: 5 },
    });
  });

  it('links a runbook file that exists from every alarm', () => {
    for (const [id, r] of [...alarmsOf(templates.prod), ...alarmsOf(templates.dev)]) {
      const runbook = r.Metadata?.['landfall:alarm']?.runbook;
      expect([id, runbook !== undefined && fs.existsSync(path.join(REPO_ROOT, runbook))]).toEqual([id, true]);
      expect(String(r.Properties.AlarmDescription)).toContain(
        `Runbook: https://github.com/acme/platform/blob/main/${runbook}`,
      );
    }
  });

  it('names the service and the environment in every alarm description', () => {
    for (const [, r] of alarmsOf(templates.prod)) {
      const meta = r.Metadata?.['landfall:alarm'];
      expect(String(r.Properties.AlarmDescription)).toMatch(
        new RegExp(`^\\[(PAGE|TICKET|input of [^\\]]+)\\] ${meta?.service} in prod: `),
      );
    }
  });

  it('routes pages and tickets to the page and ticket topics of the environment', () => {
    // The topics live in the stack that stands in for Platform; alarms reach them through its exports.
    const topicsStack = prod.services;
    const idOf = (topic: typeof topicsStack.topics.page) => topicsStack.getLogicalId(topic.node.defaultChild as never);
    const exportOf = (action: unknown) => (action as { 'Fn::ImportValue'?: string })['Fn::ImportValue'] ?? '';
    for (const [, r] of alarmsOf(templates.prod)) {
      const severity = r.Metadata?.['landfall:alarm']?.severity;
      if (severity !== 'page' && severity !== 'ticket') {
        expect(r.Properties.AlarmActions).toBeUndefined();
        continue;
      }
      expect(r.Properties.AlarmActions).toHaveLength(1);
      expect(exportOf((r.Properties.AlarmActions as unknown[])[0])).toContain(
        `Ref${idOf(topicsStack.topics[severity])}`,
      );
    }
  });

  it('turns every alarm action off in dev and on in prod (profile alarmActionsEnabled)', () => {
    const notifying = (t: Template) => alarmsOf(t).filter(([, r]) => r.Properties.AlarmActions !== undefined);
    expect(notifying(templates.dev).map(([, r]) => r.Properties.ActionsEnabled)).toEqual(Array(19).fill(false));
    expect(notifying(templates.prod).map(([, r]) => r.Properties.ActionsEnabled)).toEqual(Array(21).fill(true));
  });

  it('subscribes the example page and ticket recipients and the page Slack channel', () => {
    const topics = Template.fromStack(prod.services);
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

  it('watches the environment cluster for OOM stops and keeps their events as long as the profile says', () => {
    templates.prod.resourceCountIs('AWS::Events::Rule', 1);
    templates.prod.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/events/landfall-prod-out-of-memory',
      RetentionInDays: 365,
    });
    templates.dev.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/events/landfall-dev-out-of-memory',
      RetentionInDays: 14,
    });
    expect(Object.values(templates.prod.findResources('AWS::Logs::LogGroup'))[0].DeletionPolicy).toBe('Retain');
    expect(Object.values(templates.dev.findResources('AWS::Logs::LogGroup'))[0].DeletionPolicy).toBe('Delete');
  });

  it('creates no Lambda function and no custom resource', () => {
    const types = Object.values(templates.prod.toJSON().Resources as Record<string, Resource>).map((r) => r.Type);
    expect(types.filter((t) => t === 'AWS::Lambda::Function' || t.startsWith('Custom::'))).toEqual([]);
  });

  it('stays far below the 500-resource limit with the example services (38 resources in prod)', () => {
    expect(Object.keys(templates.prod.toJSON().Resources)).toHaveLength(38);
  });

  it('names a service whose handles are missing', () => {
    expect(() => observedServices(referenceModel(), 'prod', {})).toThrow(
      'operations of prod: service "api" (web) has no handles; pass it in the handles of addObservability',
    );
  });

  it('names a web service handed over without its target group', () => {
    const { api, jobs } = prod.services.handles;
    expect(() => observedServices(referenceModel(), 'prod', { api: { service: api.service }, jobs })).toThrow(
      'operations of prod: service "api" (web) has no targetGroup; pass it in the handles of addObservability',
    );
  });
});
