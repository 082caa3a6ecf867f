import type { CfnResource } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { acknowledge } from './acknowledge';
import type { AlarmMetadata, ReportedSeverity } from './report-metadata';
import { ALARM_METADATA_KEY } from './report-metadata';

export { ALARM_METADATA_KEY } from './report-metadata';
export type { AlarmMetadata, ReportedSeverity } from './report-metadata';

/**
 * How every landfall alarm is named, described, routed and annotated. Not a construct: the alarm constructs share
 * these helpers so that `landfall alarms` can read any of them back from a template.
 */

/** Who is told: `page` wakes someone, `ticket` waits for working hours. */
export type Severity = 'page' | 'ticket';

/** The runbooks in `docs/runbooks/`; every alarm links one. */
export const RUNBOOKS = {
  availabilityBurn: 'availability-burn',
  latencyBurn: 'latency-burn',
  tasksBelowDesired: 'tasks-below-desired',
  unhealthyTargets: 'unhealthy-targets',
  saturation: 'resource-saturation',
  dlqNotEmpty: 'dlq-not-empty',
  queueBacklog: 'queue-backlog',
  outOfMemory: 'out-of-memory',
  costAnomaly: 'cost-anomaly',
  budgetExceeded: 'budget-exceeded',
  deploymentRollback: 'deployment-rollback',
  slowQueries: 'slow-queries',
  databaseSaturation: 'database-saturation',
  databaseReplicaLag: 'database-replica-lag',
  databaseDeadlocks: 'database-deadlocks',
  secretAge: 'secret-age',
} as const;
export type Runbook = (typeof RUNBOOKS)[keyof typeof RUNBOOKS];

/** The repository path of a runbook. */
export function runbookPath(runbook: Runbook): string {
  return `docs/runbooks/${runbook}.md`;
}

/** Where an environment's alarms go and how they are named and linked. Shared by every alarm construct. */
export interface AlarmPolicy {
  /** Environment name, in every description and in the report. */
  readonly environment: string;
  /** Topic of each severity. */
  readonly topics: Readonly<Record<Severity, sns.ITopic>>;
  /** Whether alarms notify (off in dev: alarms still change state and show on the dashboard). */
  readonly actionsEnabled: boolean;
  /** Base URL of `docs/runbooks/` (no trailing slash): descriptions link `<base>/<runbook>.md`. */
  readonly runbookBaseUrl: string;
  /** Prefix of alarm names, for example `landfall-prod`. */
  readonly namePrefix: string;
}

/** The URL of a runbook under a policy. */
export function runbookUrl(policy: AlarmPolicy, runbook: Runbook): string {
  return `${policy.runbookBaseUrl}/${runbook}.md`;
}

/** `[PAGE] api in prod: <meaning> Runbook: <url>`; CloudWatch allows 1024 characters. */
export function describeAlarm(
  policy: AlarmPolicy,
  args: { service: string; severity: ReportedSeverity; meaning: string; runbook: Runbook; partOf?: string },
): string {
  const tag =
    args.severity === 'input' ? `[input of ${args.partOf ?? 'a composite alarm'}]` : `[${args.severity.toUpperCase()}]`;
  const text = `${tag} ${args.service} in ${policy.environment}: ${args.meaning} Runbook: ${runbookUrl(policy, args.runbook)}`;
  if (text.length > 1024)
    throw new Error(
      `alarm description of ${args.service} is ${text.length} characters (CloudWatch allows 1024): ${text.slice(0, 80)}...`,
    );
  return text;
}

/** Send the alarm's ALARM and OK transitions to the topic of its severity. */
export function routeAlarm(alarm: cloudwatch.AlarmBase, policy: AlarmPolicy, severity: Severity): void {
  const action = new actions.SnsAction(policy.topics[severity]);
  alarm.addAlarmAction(action);
  alarm.addOkAction(action);
}

/**
 * Acknowledge the findings that an alarm notifies nobody, where that is deliberate: a composite's input has no
 * actions of its own (`no-actions`); an environment whose profile turns actions off has them disabled (`actions-off`).
 */
export function acknowledgeSilentAlarm(
  alarm: cloudwatch.AlarmBase,
  why: 'no-actions' | 'actions-off',
  reason: string,
): void {
  acknowledge(alarm, {
    'NIST.800.53.R5-CloudWatchAlarmAction': reason,
    ...(why === 'no-actions' ? { 'guard:cloudwatch_alarm_action_check': `CT.CLOUDWATCH.PR.1: ${reason}` } : {}),
    ...(why === 'actions-off'
      ? { 'guard:cloudwatch_alarm_action_enabled_check': `CT.CLOUDWATCH.PR.4: ${reason}` }
      : {}),
  });
}

/** Reason for alarms whose actions the environment's profile turns off. */
export const ACTIONS_OFF_REASON =
  'Alarm actions are off in this environment by its tier profile (alarmActionsEnabled: false): the alarm still changes state and shows on the dashboard';

/** How a service construct's own alarms (rollback, scaling) link their runbook and show in `landfall alarms`. */
export interface ServiceAlarmLinks {
  readonly service: string;
  readonly environment: string;
  /** Base URL of `docs/runbooks/` (no trailing slash). */
  readonly runbookBaseUrl: string;
}

/** Append the runbook link to an alarm's description and annotate it for the alarm review. */
export function linkServiceAlarm(
  alarm: cloudwatch.Alarm,
  links: ServiceAlarmLinks,
  args: { kind: string; severity: ReportedSeverity; metric: string; threshold: string; runbook: Runbook },
): void {
  const cfn = alarm.node.defaultChild as cloudwatch.CfnAlarm;
  cfn.alarmDescription = `${cfn.alarmDescription ?? ''} Runbook: ${links.runbookBaseUrl}/${args.runbook}.md`.trim();
  annotateAlarm(alarm, {
    environment: links.environment,
    service: links.service,
    kind: args.kind,
    severity: args.severity,
    metric: args.metric,
    threshold: args.threshold,
    runbook: runbookPath(args.runbook),
  });
}

/** Store the report's view of an alarm on its CloudFormation resource. */
export function annotateAlarm(alarm: cloudwatch.AlarmBase, metadata: AlarmMetadata): void {
  (alarm.node.defaultChild as CfnResource).addMetadata(ALARM_METADATA_KEY, metadata);
}

/** Everything needed to create one routed, described and annotated metric alarm. */
export interface StandardAlarmArgs {
  readonly service: string;
  readonly kind: string;
  readonly severity: Severity;
  readonly metric: cloudwatch.IMetric;
  readonly threshold: number;
  readonly comparisonOperator?: cloudwatch.ComparisonOperator;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm?: number;
  readonly treatMissingData?: cloudwatch.TreatMissingData;
  readonly meaning: string;
  readonly metricText: string;
  readonly thresholdText: string;
  readonly runbook: Runbook;
}

/** A metric alarm named `<prefix>-<service>-<kind>`, routed by severity, described and annotated. */
export function standardAlarm(
  scope: Construct,
  id: string,
  policy: AlarmPolicy,
  args: StandardAlarmArgs,
): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, id, {
    alarmName: `${policy.namePrefix}-${args.service}-${args.kind}`,
    alarmDescription: describeAlarm(policy, {
      service: args.service,
      severity: args.severity,
      meaning: args.meaning,
      runbook: args.runbook,
    }),
    metric: args.metric,
    threshold: args.threshold,
    comparisonOperator: args.comparisonOperator ?? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: args.evaluationPeriods,
    datapointsToAlarm: args.datapointsToAlarm ?? args.evaluationPeriods,
    treatMissingData: args.treatMissingData ?? cloudwatch.TreatMissingData.NOT_BREACHING,
    actionsEnabled: policy.actionsEnabled,
  });
  routeAlarm(alarm, policy, args.severity);
  if (!policy.actionsEnabled) acknowledgeSilentAlarm(alarm, 'actions-off', ACTIONS_OFF_REASON);
  annotateAlarm(alarm, {
    environment: policy.environment,
    service: args.service,
    kind: args.kind,
    severity: args.severity,
    metric: args.metricText,
    threshold: args.thresholdText,
    runbook: runbookPath(args.runbook),
  });
  return alarm;
}
