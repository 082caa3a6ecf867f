import type { WebServiceConfig, WorkerConfig } from '../../lib/config';
import { resolveCost, resolveNotifications, resolveWebOperations, resolveWorkerOperations } from '../../lib/config';
import { configErrorOf, referencePlatform, referenceServices, validate } from '../support/example';

/* eslint-disable @typescript-eslint/no-explicit-any -- tests mutate deep copies of the example definitions */
const platform = () => referencePlatform() as any;
const services = () => referenceServices() as Record<string, any>;

describe('service objectives (bad input)', () => {
  it('rejects an availability objective of 100%', () => {
    const s = services();
    s.api.slo.availabilityPercent = 100;
    expect(configErrorOf(referencePlatform(), s)).toBe(
      'config/services/api.ts has 1 problem:\n  * slo.availabilityPercent: 100 leaves no error budget (allowed: at least 90 and below 100, for example 99.9)',
    );
  });

  it('rejects an objective below 90%', () => {
    const s = services();
    s.api.slo.latencyPercent = 89.5;
    expect(configErrorOf(referencePlatform(), s)).toBe(
      'config/services/api.ts has 1 problem:\n  * slo.latencyPercent: 89.5 is below 90% (allowed: at least 90 and below 100, for example 99.9)',
    );
  });

  it('rejects a latency target of zero', () => {
    const s = services();
    s.api.slo.latencyTargetMs = 0;
    expect(configErrorOf(referencePlatform(), s)).toBe(
      'config/services/api.ts has 1 problem:\n  * slo.latencyTargetMs: 0 must be a positive number of milliseconds (for example 300)',
    );
  });

  it('rejects a p99 ticket threshold below the latency target', () => {
    const s = services();
    s.api.alarms.p99LatencyMs = 200;
    expect(configErrorOf(referencePlatform(), s)).toBe(
      'config/services/api.ts has 1 problem:\n  * alarms.p99LatencyMs: 200 is below slo.latencyTargetMs 300 (the ticket would open while the latency objective is met; allowed: at least 300)',
    );
  });

  it('rejects a maximum message age not longer than the processing time', () => {
    const s = services();
    s.jobs.alarms.maxMessageAgeSeconds = 120;
    expect(configErrorOf(referencePlatform(), s)).toBe(
      'config/services/jobs.ts has 1 problem:\n  * alarms.maxMessageAgeSeconds: 120 is not longer than maxProcessingSeconds 120 (a message being processed would page; allowed: more than 120)',
    );
  });

  it('rejects an unknown objective key and lists the known ones', () => {
    const s = services();
    s.api.slo.availability = 99;
    expect(configErrorOf(referencePlatform(), s)).toBe(
      'config/services/api.ts has 1 problem:\n  * slo.availability: is not a known key (allowed: availabilityPercent, latencyTargetMs, latencyPercent, freezeReleasesWhenBudgetSpent)',
    );
  });
});

describe('notifications and cost (bad input)', () => {
  it('rejects a budget without any subscriber', () => {
    const p = platform();
    p.cost.emails = [];
    delete p.cost.slackChannelId;
    expect(configErrorOf(p)).toBe(
      'config/platform.ts has 1 problem:\n  * cost.emails: [] leaves every account budget without any subscriber (allowed: 1 to 10 email addresses, or cost.slackChannelId for the cost topic)',
    );
  });

  it('rejects Slack channels without a workspace, naming each', () => {
    const p = platform();
    delete p.notifications.slackWorkspaceId;
    const why =
      'is a Slack channel without a workspace (set notifications.slackWorkspaceId to the workspace ID authorized in AWS Chatbot, for example T0123456789)';
    expect(configErrorOf(p)).toBe(
      `config/platform.ts has 2 problems:\n  * notifications.page.slackChannelId: "C0PAGE12345" ${why}\n  * cost.slackChannelId: "C0COST12345" ${why}`,
    );
  });

  it('rejects a channel name where a Slack channel ID belongs', () => {
    const p = platform();
    p.notifications.page.slackChannelId = '#oncall';
    expect(configErrorOf(p)).toBe(
      'config/platform.ts has 1 problem:\n  * notifications.page.slackChannelId: "#oncall" is not a Slack channel ID (for example C0123456789: the ID at the bottom of the channel details, not the name)',
    );
  });

  it('rejects IMMEDIATE anomaly alerts when the cost topic has no subscriber', () => {
    const p = platform();
    p.cost.anomalyDetection.frequency = 'IMMEDIATE';
    delete p.cost.slackChannelId;
    expect(configErrorOf(p)).toBe(
      'config/platform.ts has 1 problem:\n  * cost.anomalyDetection.frequency: "IMMEDIATE" sends anomaly alerts to the cost topic, which has no subscriber (set cost.slackChannelId, or use "DAILY" or "WEEKLY" for email digests)',
    );
  });

  it('rejects more than 10 budget email subscribers', () => {
    const p = platform();
    p.cost.emails = Array.from({ length: 11 }, (_, i) => `a${i}@example.com`);
    expect(configErrorOf(p)).toBe(
      'config/platform.ts has 1 problem:\n  * cost.emails: ["a0@example.com","a1@example.com","a2@example.com","a3@e... has too many addresses (AWS Budgets allows at most 10 email subscribers)',
    );
  });

  it('rejects a runbook base URL that is not https', () => {
    const p = platform();
    p.notifications.runbookBaseUrl = 'http://wiki.example.com/runbooks';
    expect(configErrorOf(p)).toBe(
      'config/platform.ts has 1 problem:\n  * notifications.runbookBaseUrl: "http://wiki.example.com/runbooks" is not an https URL (for example https://github.com/acme/platform/blob/main/docs/runbooks)',
    );
  });
});

describe('defaults', () => {
  const minimal = () => {
    const p = platform();
    delete p.cost;
    p.notifications = { emails: ['team@example.com'] };
    const s = services();
    delete s.api.slo;
    delete s.api.alarms;
    delete s.jobs.alarms;
    return validate(p, s);
  };

  it('gives a web service 99.9% availability, 99% of requests within 500 ms, and a p99 ticket at 4x the target', () => {
    expect(resolveWebOperations(minimal().services.find((s) => s.name === 'api') as WebServiceConfig)).toEqual({
      availabilityPercent: 99.9,
      latencyTargetMs: 500,
      latencyPercent: 99,
      freezeReleasesWhenBudgetSpent: false,
      p99LatencyMs: 2000,
      server5xxPercent: 5,
      cpuPercent: 90,
      memoryPercent: 90,
    });
  });

  it('lets a worker message wait 10 x its processing time (at least 5 minutes) before paging', () => {
    expect(resolveWorkerOperations(minimal().services.find((s) => s.name === 'jobs') as WorkerConfig)).toEqual({
      maxMessageAgeSeconds: 1200,
      stalledMinutes: 15,
      cpuPercent: 90,
      memoryPercent: 90,
    });
  });

  it('sends pages and tickets to the notification emails and links runbooks in the deploy repository', () => {
    expect(resolveNotifications(minimal().platform)).toEqual({
      page: { emails: ['team@example.com'] },
      ticket: { emails: ['team@example.com'] },
      runbookBaseUrl: 'https://github.com/acme/platform/blob/main/docs/runbooks',
    });
  });

  it('sets the billing alarm at the sum of the account budgets and emails the notification list', () => {
    const cost = resolveCost(minimal().platform);
    expect(cost.billingAlarmUsd).toBe(2500);
    expect(cost.emails).toEqual(['team@example.com']);
    expect(cost.anomalyDetection).toEqual({ absoluteUsd: 100, percentage: 20, trigger: 'both', frequency: 'DAILY' });
  });
});
