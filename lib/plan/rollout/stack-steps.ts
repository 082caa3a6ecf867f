/**
 * The shared accounts' stacks in the order CloudFormation cannot express: the log-archive buckets before every
 * Baseline that delivers AWS Config to them (and before the trail and the load balancers), every account's Baseline
 * before Security Hub evaluates controls there, the delegated administrators before the security account's stacks.
 */
import { resolveCost, resolveNotifications } from '../../config';
import { profileOf } from './commands';
import type { PlanContext } from './context';
import { deployStep, stacksAt, step } from './context';
import { chatbotStepId, deployStepId, STEP, subscriptionsStepId } from './ids';
import type { PlannedStack } from './inventory';
import { BILLING_REGION } from './inventory';
import type { RolloutStep } from './types';

const BASELINES_GROUP = {
  id: 'baselines',
  title:
    "Every account's Baseline in every allowed region (AWS Config recording delivered to the log archive, S3 public access block, EBS encryption by default; the GitHub deploy role of member accounts), after the log buckets",
};

/** The log-archive buckets, then every account's Baseline and RegionalBaseline-<region> stacks. */
export function baselineSteps(ctx: PlanContext): RolloutStep[] {
  const [logBuckets] = stacksAt(ctx, (s) => s.role === 'log-buckets');
  if (logBuckets === undefined) return [];
  const buckets = deployStep([logBuckets], {
    title:
      'The log-archive buckets (CloudTrail, Config, load balancer access logs): before anything writes to them; their policies admit the organization and the member accounts by ID',
    needs: [STEP.syncOrganization, STEP.syncMembers],
    phase: 'baselines',
  });
  const baselines = stacksAt(ctx, (s) => s.role === 'baseline' || s.role === 'regional-baseline');
  const accountOrder = [ctx.model.accounts.logArchive.name, ctx.management.name, ctx.model.accounts.security.name];
  const rank = (s: PlannedStack) => {
    const i = accountOrder.indexOf(s.account.name);
    return i === -1 ? accountOrder.length : i;
  };
  const ordered = [...baselines].sort((a, b) => rank(a) - rank(b));
  // A RegionalBaseline reuses its account's recorder role (IAM is global): it depends on the home Baseline.
  const homeOf = (s: PlannedStack) => baselines.find((b) => b.role === 'baseline' && b.account.name === s.account.name);
  return [
    buckets,
    ...ordered.map((s) => {
      const home = s.role === 'regional-baseline' ? homeOf(s) : undefined;
      return deployStep([s], {
        title: `${s.role === 'baseline' ? 'Baseline' : `Baseline of ${s.region}`} of account ${s.account.name}${s.environment === undefined ? '' : " (from the platform team's credentials: the GitHub deploy role that deploys the rest of the environment lives here)"}: AWS Config delivers to the log-archive bucket`,
        needs: [buckets.id, ...(home === undefined ? [] : [deployStepId(home.stackName)])],
        phase: 'baselines',
        group: BASELINES_GROUP,
      });
    }),
  ];
}

/** A manual step: confirm the SNS email subscriptions of one account and region. */
function subscriptionsStep(
  ctx: PlanContext,
  accountName: string,
  region: string,
  emails: readonly string[],
  after: string,
  phase: RolloutStep['phase'],
): RolloutStep[] {
  const account = ctx.model.platform.accounts.find((a) => a.name === accountName);
  if (account === undefined || emails.length === 0) return [];
  return [
    step(account, region, {
      id: subscriptionsStepId(account.name, region),
      kind: 'manual',
      title: `Confirm the SNS subscription email sent to ${[...new Set(emails)].join(', ')} (topics of account ${account.name} in ${region}): until then nothing is delivered to them`,
      needs: [after],
      check: {
        description: `no subscription of account ${account.name} in ${region} is PendingConfirmation`,
        command: `aws sns list-subscriptions --region ${region} --profile ${profileOf(account)} --query "Subscriptions[?SubscriptionArn=='PendingConfirmation'].[TopicArn,Endpoint]" --output text`,
      },
      phase,
      reads: 'confirm',
      group: { id: 'confirm-subscriptions', title: 'Confirm the SNS subscription emails' },
    }),
  ];
}

/** GuardDuty, Security Hub and Findings in the security account; Trail, IdentityCenter, Cost and Billing. */
export function securitySteps(ctx: PlanContext, baselineStepIds: readonly string[]): RolloutStep[] {
  const { model } = ctx;
  const logBuckets = stacksAt(ctx, (s) => s.role === 'log-buckets').map((s) => deployStepId(s.stackName));
  const slack = (accountName: string) =>
    ctx.slackAccounts.some((a) => a.name === accountName) ? [chatbotStepId(accountName)] : [];
  const one = (role: PlannedStack['role']) => stacksAt(ctx, (s) => s.role === role);

  // The home region's GuardDuty stack holds the configurator role the other regions' stacks use.
  const guardDutyHome = one('guardduty').find((s) => s.region === ctx.home);
  const guardDuty = one('guardduty').map((s) =>
    deployStep([s], {
      title: `GuardDuty in ${s.region}: the delegated administrator's detector settings and organization auto-enable (needs the security account as GuardDuty administrator in ${s.region})`,
      needs: [
        STEP.delegatedAdministrators,
        ...(guardDutyHome === undefined || s === guardDutyHome ? [] : [deployStepId(guardDutyHome.stackName)]),
      ],
      phase: 'security',
      group: { id: 'guardduty', title: 'GuardDuty in every allowed region, after the delegated administrators' },
    }),
  );
  const securityHub = deployStep(one('security-hub'), {
    title:
      "Security Hub central configuration (hub, aggregator of the linked regions, policy on the root): after every account's Baseline, so Config records wherever its controls are evaluated",
    needs: [STEP.delegatedAdministrators, ...baselineStepIds],
    phase: 'security',
  });
  const findings = deployStep(one('findings'), {
    title: 'Security findings (GuardDuty and Security Hub, high and critical) to the security topic and its emails',
    needs: [...guardDuty.map((s) => s.id), securityHub.id],
    phase: 'security',
  });
  const trail = deployStep(one('trail'), {
    title:
      'The organization trail, to the log-archive CloudTrail bucket (needs the bucket and its policy, and trusted access for CloudTrail)',
    needs: [...logBuckets, STEP.bootstrapOrganization],
    phase: 'security',
  });
  const identityCenter = deployStep(one('identity-center'), {
    title:
      'Identity Center access: permission sets and assignments (needs the real account IDs and the Identity Center instance, identity store and group IDs)',
    needs: [STEP.syncMembers, STEP.enableIdentityCenter],
    phase: 'security',
  });
  const management = ctx.management.name;
  const billing = deployStep(one('billing'), {
    title: "The organization's EstimatedCharges alarm in us-east-1 (needs billing alerts enabled)",
    needs: [STEP.enableBillingAlerts, ...slack(management)],
    phase: 'security',
  });
  const cost = deployStep(one('cost'), {
    title:
      'Budgets per account and Cost Anomaly Detection (needs the real account IDs; after Billing, whose topic the cost Slack channel subscribes to)',
    needs: [STEP.syncMembers, billing.id, ...slack(management)],
    phase: 'security',
  });
  return [
    ...guardDuty,
    securityHub,
    findings,
    ...subscriptionsStep(
      ctx,
      model.accounts.security.name,
      ctx.home,
      model.platform.notifications.emails,
      findings.id,
      'security',
    ),
    trail,
    identityCenter,
    billing,
    ...subscriptionsStep(ctx, management, BILLING_REGION, resolveCost(model.platform).emails, billing.id, 'security'),
    cost,
  ];
}

/** The emails subscribed to an environment's page and ticket topics. */
export function environmentEmails(ctx: PlanContext): string[] {
  const n = resolveNotifications(ctx.model.platform);
  return [...new Set([...n.page.emails, ...n.ticket.emails])];
}

export { subscriptionsStep };
