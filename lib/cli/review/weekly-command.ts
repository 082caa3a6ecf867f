import * as fs from 'node:fs';
import * as path from 'node:path';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { call, retryWithNotice, sdkRetryNotice } from '../aws/call';
import type { ReviewCredentials } from '../aws/review-access';
import { reviewAccess } from '../aws/review-access';
import type { Command } from '../command';
import { defineCommand, value } from '../command';
import { environmentArg, loadModel } from '../config-option';
import type { CommandDeps } from '../deps';
import { withDeps } from '../deps';
import { EXIT, UsageError } from '../errors';
import { durationArg } from '../incident/duration';
import { CONFIG_OPTION, PROFILE_OPTION, REPORT_FORMAT_OPTION } from '../options';
import { weeklyReview } from './weekly';
import { renderWeekly } from './weekly-render';

const DAY_MS = 86_400_000;

/** `--since`: whole days, 1 to 30 (CloudWatch keeps alarm history for 30 days). */
export function sinceDays(text: string): number {
  const ms = durationArg('--since', text);
  if (ms % DAY_MS !== 0) {
    throw new UsageError(
      `--since "${text}" is not a number of days (allowed: 1d to 30d; Cost Explorer counts whole days)`,
    );
  }
  return ms / DAY_MS;
}

/** The GitHub OIDC token in `file`, or a usage error naming the option. */
function readToken(io: { cwd: string }, file: string): string {
  const resolved = path.resolve(io.cwd, file);
  let token: string;
  try {
    token = fs.readFileSync(resolved, 'utf8').trim();
  } catch {
    throw new UsageError(`--web-identity-token-file "${file}" cannot be read (allowed: a file holding the OIDC token)`);
  }
  if (token.length === 0)
    throw new UsageError(`--web-identity-token-file "${file}" is empty (allowed: a file holding the OIDC token)`);
  return token;
}

/**
 * `landfall review weekly [ENV]`: the week of each environment (SLO attainment and error budget left, alarms that
 * fired, releases, cost against the previous week) and the open critical and high findings, read-only.
 */
export function makeReviewWeeklyCommand(overrides: Partial<CommandDeps> = {}): Command {
  const deps = withDeps(overrides);
  return defineCommand({
    name: ['review', 'weekly'],
    summary: 'review the week: SLOs and error budgets, alarms, releases, cost and open findings of each environment',
    description:
      'Reads, per environment and service: the attainment of each web service\'s availability and latency objectives over the period and the 30-day error budget left (measured with the queries of its deployed burn-rate alarms); the alarms that fired (how often, how long in alarm, the noisiest, those silent for 30 days); the releases (ECS service deployments) by outcome; the cost of the period against the previous one by the landfall:service tag (Cost Explorer, one request per environment account and page, $0.01 each). Then the open (NEW or NOTIFIED, ACTIVE) critical and high Security Hub findings of every account, from the security account. With --web-identity-token-file (the weekly-review workflow) it assumes the landfall-review role of each account with the GitHub OIDC token; otherwise it uses the caller\'s credentials for its own account and the CDK lookup role for the others. A part that cannot be read is listed under "Not read"; the rest is still reported.',
    arguments: [
      { name: 'env', optional: true, description: 'one environment of the config (default: every environment)' },
    ],
    options: {
      since: value({
        placeholder: 'DURATION',
        default: '7d',
        description:
          'the period reviewed, in whole days up to 30d, ending now; the cost compares it with the period before',
      }),
      webIdentityTokenFile: value({
        placeholder: 'FILE',
        description:
          "a GitHub OIDC token (audience sts.amazonaws.com): assume each account's landfall-review role with it instead of using the caller's credentials",
      }),
      profile: PROFILE_OPTION,
      format: REPORT_FORMAT_OPTION,
      config: CONFIG_OPTION,
    },
    aws: "each environment's account and the security account, reads only: sts:AssumeRoleWithWebIdentity (or sts:GetCallerIdentity and the CDK lookup roles), cloudwatch:DescribeAlarms/DescribeAlarmHistory/GetMetricData, ecs:ListServiceDeployments, ce:GetCostAndUsage, securityhub:GetFindings",
    examples: [
      'landfall review weekly --format md >> "$GITHUB_STEP_SUMMARY"',
      'landfall review weekly prod --since 14d --profile management',
    ],
    async run({ args, options }, io) {
      const days = sinceDays(options.since);
      const { model } = loadModel(io, options.config);
      const environments = args.env === undefined ? model.environments : [environmentArg(model, args.env)];
      const home = model.platform.homeRegion;
      const clients = deps.clients({
        region: home,
        ...(options.profile === undefined ? {} : { profile: options.profile }),
        onRetry: sdkRetryNotice(io),
      });
      const retry = retryWithNotice(io, deps.retry);
      let credentials: ReviewCredentials;
      if (options.webIdentityTokenFile !== undefined) {
        credentials = { kind: 'web-identity', token: readToken(io, options.webIdentityTokenFile) };
      } else {
        const caller = await call(
          'sts:GetCallerIdentity',
          () => clients.sts.send(new GetCallerIdentityCommand({})),
          retry,
        );
        credentials = {
          kind: 'caller',
          callerAccountId: caller.Account ?? '',
          qualifier: model.platform.deploy.cdkQualifier,
          ...(options.profile === undefined ? {} : { profile: options.profile }),
        };
      }
      const regions = [home, ...model.platform.allowedRegions.filter((r) => r !== home)];
      const to = deps.now();
      const review = await weeklyReview({
        model,
        environments,
        window: { from: new Date(to.getTime() - days * DAY_MS), to },
        days,
        retry,
        access: (accountId) =>
          reviewAccess({ factory: deps.clients, sts: clients.sts, retry, credentials, accountId, regions }),
      });
      io.out(renderWeekly(review, options.format));
      // Nothing read at all is a broken setup (roles missing, trust wrong), not a quiet week.
      const nothingRead = review.environments.length === 0 && review.findings === undefined;
      return nothingRead ? EXIT.aws : EXIT.ok;
    },
  });
}

export const reviewWeeklyCommand = makeReviewWeeklyCommand();
