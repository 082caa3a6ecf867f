import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { LandfallModel, ServiceConfig } from '../../config';
import { clusterName } from '../../naming';
import { call, retryWithNotice, sdkRetryNotice } from '../aws/call';
import { requireEnvironmentAccount } from '../aws/environment-account';
import { latestRelease } from '../aws/service-deployments';
import type { Release } from '../aws/service-deployments';
import type { Command } from '../command';
import { defineCommand, flag, list, value } from '../command';
import { environmentArg, loadModel } from '../config-option';
import type { CommandDeps } from '../deps';
import { withDeps } from '../deps';
import { EXIT, UsageError } from '../errors';
import { durationArg } from '../incident/duration';
import { CONFIG_OPTION, ENV_ARGUMENT, PROFILE_OPTION, REPORT_FORMAT_OPTION } from '../options';
import type { ReleaseReport } from './release-report';
import { regressionCount, releaseReportJson, renderReleaseReport } from './release-report';
import { periodsOf, reviewService } from './release-review';
import type { ServiceReview } from './release-review';
import { ERROR_BUDGET_FACTOR, LATENCY_MARGIN, MIN_ERRORS, MIN_REQUESTS } from './release-rules';

/** How far back the latest ECS deployment of a service is looked for when --at is not given. */
export const RELEASE_LOOKBACK_MS = 24 * 3600 * 1000;

function servicesArg(model: LandfallModel, names: readonly string[]): ServiceConfig[] {
  if (names.length === 0) return [...model.services];
  const allowed = model.services.map((s) => s.name).join(', ');
  return names.map((name) => {
    const service = model.services.find((s) => s.name === name);
    if (!service) throw new UsageError(`--service "${name}" is not a service (allowed: ${allowed})`);
    return service;
  });
}

/**
 * `landfall review release ENV`: each service's period after its release against the same period before it and a
 * week earlier; exit 1 on a regression.
 */
export function makeReviewReleaseCommand(overrides: Partial<CommandDeps> = {}): Command {
  const deps = withDeps(overrides);
  return defineCommand({
    name: ['review', 'release'],
    summary: 'compare the period after a release with the period before it and a week earlier; exit 1 on a regression',
    description: `For each service, the period after its release (--since long, from the latest ECS service deployment in the last 24 hours, or from --at) against the same length of time just before it and the same period a week earlier: requests per minute, 5xx share, p50 and p99 latency, error budget burn rate per objective, CPU and memory; for workers the backlog and the oldest message's age. The metrics are those of the service's deployed alarms. A measure regresses only when it is worse than both baselines that have data and beyond the service's own config: the 5xx share above ${ERROR_BUDGET_FACTOR} x the error budget rate (100% - slo.availabilityPercent) and at least one budget rate above both baselines; p99 latency above slo.latencyTargetMs and ${LATENCY_MARGIN * 100}% above both baselines; CPU or memory at least the alarm threshold (alarms.cpuPercent, alarms.memoryPercent); a worker's oldest message at least its message-age alarm threshold. The 5xx and latency rules need at least ${MIN_REQUESTS} requests (and ${MIN_ERRORS} 5xx responses) after the release, so a quiet environment flags no noise. Exit 0 without a regression, 1 with one (0 with --force --reason, which prints the reason, in GitHub Actions as a warning), 2 on bad input, 3 on an AWS error, 4 with credentials of another account than the environment's.`,
    arguments: [ENV_ARGUMENT],
    options: {
      service: list({ placeholder: 'NAME', description: 'a service to check (repeat it; default: every service)' }),
      at: value({
        placeholder: 'ISO-8601',
        description: "the release time of every service (default: each service's latest ECS deployment)",
      }),
      since: value({
        placeholder: 'DURATION',
        default: '1h',
        description: 'how long the compared periods are: 30m, 2h, 1d',
      }),
      wait: flag({ description: 'wait until the period after the release is over (release time + --since)' }),
      force: flag({ description: 'exit 0 even with a regression (needs --reason); the deploy workflow passes it on' }),
      reason: value({ placeholder: 'TEXT', description: 'why the next environment may deploy despite a regression' }),
      profile: PROFILE_OPTION,
      format: REPORT_FORMAT_OPTION,
      config: CONFIG_OPTION,
    },
    aws: "the environment's account, reads only: sts:GetCallerIdentity, ecs:ListServiceDeployments, cloudwatch:DescribeAlarms/GetMetricData",
    examples: [
      'landfall review release prod',
      'landfall review release stg --since 30m --wait --format md >> "$GITHUB_STEP_SUMMARY"',
      'landfall review release prod --service api --at 2026-11-30T09:00:00Z --since 2h',
    ],
    async run({ args, options }, io) {
      const reason = options.reason?.trim();
      if (options.force && !reason)
        throw new UsageError('--force needs --reason "..." (why a regression may not stop the release; it is printed)');
      if (reason !== undefined && !options.force) throw new UsageError('--reason is only used with --force');
      const length = durationArg('--since', options.since);
      const at = options.at === undefined ? undefined : new Date(options.at);
      if (at !== undefined && Number.isNaN(at.getTime()))
        throw new UsageError(`--at "${options.at}" is not an ISO 8601 time (for example 2026-03-06T10:00:00+09:00)`);
      const { model } = loadModel(io, options.config);
      const env = environmentArg(model, args.env);
      const services = servicesArg(model, options.service);

      const clients = deps.clients({
        region: model.platform.homeRegion,
        profile: options.profile,
        onRetry: sdkRetryNotice(io),
      });
      const retry = retryWithNotice(io, deps.retry);
      const caller = await call(
        'sts:GetCallerIdentity',
        () => clients.sts.send(new GetCallerIdentityCommand({})),
        retry,
      );
      requireEnvironmentAccount(caller.Account, env);

      const started = deps.now();
      const lookback = { from: new Date(started.getTime() - RELEASE_LOOKBACK_MS), to: started };
      const released = new Map<string, Release | undefined>();
      for (const s of services) {
        released.set(
          s.name,
          at === undefined
            ? await latestRelease(clients, retry, clusterName(env.name), s.name, lookback)
            : { service: s.name, at, status: 'given with --at', revision: '' },
        );
      }
      if (options.wait) {
        const ends = [...released.values()].flatMap((r) => (r === undefined ? [] : [r.at.getTime() + length]));
        const waitMs = Math.min(length, Math.max(0, ...ends) - started.getTime());
        if (waitMs > 0) {
          io.err(`waiting ${Math.ceil(waitMs / 60_000)} min for the period after the release to end (--wait)`);
          await deps.sleep(waitMs);
        }
      }
      const now = deps.now();
      const reviews: ServiceReview[] = [];
      for (const s of services) {
        const release = released.get(s.name);
        if (release === undefined) {
          reviews.push({
            service: s.name,
            kind: s.kind,
            rows: [],
            regressions: [],
            note: 'no ECS deployment in the last 24 hours: nothing to compare (--at TIME compares another moment)',
          });
          continue;
        }
        reviews.push(await reviewService(clients, retry, env.name, s, release, periodsOf(release.at, length, now)));
      }
      const report: ReleaseReport = { environment: env.name, since: options.since, services: reviews };
      io.out(
        options.format === 'json'
          ? JSON.stringify(releaseReportJson(report), null, 2)
          : renderReleaseReport(report, options.format),
      );
      const count = regressionCount(report);
      if (count === 0) return EXIT.ok;
      if (!options.force) return EXIT.problems;
      const names = reviews.filter((r) => r.regressions.length > 0).map((r) => r.service);
      io.err(
        `${env.name}: ${count} regression(s) after the release (${names.join(', ')}); overridden with --force: ${reason}`,
      );
      if (io.env.GITHUB_ACTIONS === 'true') {
        io.err(
          `::warning title=Release check overridden (${env.name})::${count} regression(s) after the release of ${names.join(', ')}. Reason: ${reason}`,
        );
      }
      return EXIT.ok;
    },
  });
}

export const reviewReleaseCommand = makeReviewReleaseCommand();
