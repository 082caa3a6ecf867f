/**
 * The one table of stage names, stack names and resource name prefixes. Renaming anything here renames
 * CloudFormation stacks (a new stack, the old one orphaned), so treat these as stable identifiers.
 */

/** Stage (construct) IDs: what `cdk deploy 'Org/*'` selects. Environment stages use the environment name. */
export const STAGES = {
  org: 'Org',
  logArchive: 'LogArchive',
  security: 'Security',
} as const;

/** Stack construct IDs inside a stage. */
export const STACKS = {
  baseline: 'Baseline',
  regionalBaseline: 'RegionalBaseline',
  organization: 'Organization',
  identityCenter: 'IdentityCenter',
  trail: 'Trail',
  cost: 'Cost',
  billing: 'Billing',
  logBuckets: 'LogBuckets',
  guardDuty: 'GuardDuty',
  securityHub: 'SecurityHub',
  findings: 'Findings',
  network: 'Network',
  platform: 'Platform',
  observability: 'Observability',
} as const;

export type StackKey = keyof typeof STACKS;

/** Prefix of every stack and named resource landfall creates. SCPs protect roles with this prefix. */
export const PREFIX = 'landfall';

const kebab = (s: string): string => s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** CloudFormation stack name: `landfall-<stage>-<stack>`, for example `landfall-prod-network`. */
export function stackName(stage: string, stack: string): string {
  return `${PREFIX}-${kebab(stage)}-${kebab(stack)}`;
}

/**
 * Stack construct ID of a stack repeated per region: `<stack>-<region>`, for example `RegionalBaseline-us-east-1`
 * or `GuardDuty-us-east-1` (the home region's GuardDuty stack keeps the plain `GuardDuty`).
 */
export function regionalStackId(stack: string, region: string): string {
  return `${stack}-${region}`;
}

/** Stack construct ID of a service stack inside an environment stage. */
export function serviceStackId(service: string): string {
  return `Service-${service}`;
}

/**
 * Prefix of an environment's alarm, alarm topic and dashboard names: `landfall-<environment>`. Alarm names are
 * `<prefix>-<service>-<kind>`, so they are stable, readable in notifications, and known without a lookup.
 */
export function operationsPrefix(environment: string): string {
  return `${PREFIX}-${environment}`;
}

/** ECS cluster name of an environment: `landfall-<environment>`. */
export function clusterName(environment: string): string {
  return `${PREFIX}-${environment}`;
}

/**
 * SQS queue of a worker: `landfall-<environment>-<worker>` (at most 70 characters, within SQS's 80). Derived, so
 * producers in other stacks and the CLI (`landfall redrive`) find it without lookups or cross-stack exports.
 */
export function queueName(environment: string, worker: string): string {
  return `${PREFIX}-${environment}-${worker}`;
}

/** Dead-letter queue of a worker: `landfall-<environment>-<worker>-dlq`. */
export function deadLetterQueueName(environment: string, worker: string): string {
  return `${queueName(environment, worker)}-dlq`;
}

/** Environment variable that carries a worker's queue URL to its producers: `jobs` -> `JOBS_QUEUE_URL`. */
export function queueUrlVariable(worker: string): string {
  return `${worker.toUpperCase().replace(/-/g, '_')}_QUEUE_URL`;
}

/** ECS task definition family of a service: `landfall-<environment>-<service>`. */
export function taskFamily(environment: string, service: string): string {
  return `${clusterName(environment)}-${service}`;
}

/** SNS topic of one alarm severity of an environment: `landfall-<environment>-page`, `landfall-<environment>-ticket`. */
export function alarmTopicName(environment: string, severity: 'page' | 'ticket'): string {
  return `${operationsPrefix(environment)}-${severity}`;
}

/**
 * SSM parameter through which the Network or Platform stack hands an ID nothing can derive (VPC, subnets, log key,
 * listener, load balancer security group) to the stacks deployed after them: `/landfall/<environment>/<key>`. Read
 * at deploy time instead of exported, so a value that changes (the listener, when a domain is added) never blocks
 * an update of the stack that writes it.
 */
export function sharedParameterName(environment: string, key: string): string {
  return `/${PREFIX}/${environment}/${key}`;
}

/** CloudWatch Logs group of a service's containers: `/landfall/<environment>/<service>`. */
export function serviceLogGroupName(environment: string, service: string): string {
  return `/${PREFIX}/${environment}/${service}`;
}

/** The log buckets in the log-archive account. Names are derived, so member accounts know them without lookups. */
export type LogBucketKind = 'cloudtrail' | 'config' | 'alb';

export function logBucketName(kind: LogBucketKind, org: string, logArchiveAccountId: string, region: string): string {
  return `${org}-${PREFIX}-${kind}-${logArchiveAccountId}-${region}`;
}

/** IAM role names landfall creates in member accounts (protected by the SCPs). */
export const ROLE_NAMES = {
  githubDeploy: `${PREFIX}-github-deploy`,
  configRecorder: `${PREFIX}-config-recorder`,
  /** Security account: runs the custom resources that configure GuardDuty (exempt from the GuardDuty guardrail). */
  guardDutyConfigurator: `${PREFIX}-guardduty-configurator`,
  /** Member accounts: what the weekly review workflow reads with (`landfall review weekly --web-identity-token-file`). */
  review: `${PREFIX}-review`,
} as const;

/** Names of the organization-wide resources landfall creates once. */
export const ORGANIZATION_RESOURCE_NAMES = {
  /** The organization CloudTrail trail in the management account. */
  trail: `${PREFIX}-organization`,
  /** Topic told of every change that could disable the organization trail's KMS key. */
  trailKeyChangeTopic: `${PREFIX}-organization-trail-key-changes`,
  /** Log group of the organization trail's CloudWatch Logs copy. */
  trailLogGroup: `/${PREFIX}/organization-trail`,
  /** The Security Hub configuration policy associated with the root. */
  securityHubPolicy: `${PREFIX}-organization`,
} as const;

/** Tag keys applied to every resource. */
export const TAGS = {
  environment: `${PREFIX}:environment`,
  owner: `${PREFIX}:owner`,
  service: `${PREFIX}:service`,
} as const;

/** The file `landfall accounts sync` writes next to `platform.ts`: generated, committed, read by the app. */
export const DISCOVERED_FILE = 'discovered.json';

/** Stack construct ID of the database a service owns: `Database-<service>`, deployed beside Platform. */
/** The AWS Config rule of an environment's secret-age watch: `landfall-<environment>-secret-age`. */
export function secretAgeRuleName(environment: string): string {
  return `${operationsPrefix(environment)}-secret-age`;
}

export function databaseStackId(service: string): string {
  return `Database-${service}`;
}

/** Aurora cluster identifier of a service's database: `landfall-<environment>-<service>` (RDS allows 63 characters). */
export function databaseClusterIdentifier(environment: string, service: string): string {
  return `${PREFIX}-${environment}-${service}`;
}

/**
 * The log group RDS exports a cluster's PostgreSQL log to: `/aws/rds/cluster/<identifier>/postgresql` (the name is
 * RDS's, not landfall's; `landfall db slow-queries` queries it).
 */
export function databaseLogGroupName(environment: string, service: string): string {
  return `/aws/rds/cluster/${databaseClusterIdentifier(environment, service)}/postgresql`;
}
