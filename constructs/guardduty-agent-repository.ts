import { Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import table from './guardduty-fargate-agent.json';

/** Where GuardDuty hosts its Fargate security agent in one region. */
export interface GuardDutyAgentRepository {
  readonly region: string;
  /** The AWS-owned account of the registry. */
  readonly registryAccount: string;
  readonly repositoryName: string;
  readonly repositoryArn: string;
}

const REGIONS: Readonly<Record<string, { readonly registryAccount: string }>> = table.regions;

/** Regions the table knows, sorted. */
export const GUARDDUTY_AGENT_REGIONS: readonly string[] = Object.keys(REGIONS).sort();

/**
 * The repository of the GuardDuty Runtime Monitoring agent for Fargate in a region, from
 * `guardduty-fargate-agent.json` (the GuardDuty User Guide's table, with its URL and the date it was read).
 * Throws for a region the table does not list: without the pull rights, tasks run without runtime coverage.
 */
export function guardDutyAgentRepository(region: string): GuardDutyAgentRepository {
  if (Token.isUnresolved(region)) {
    throw new Error(
      'The GuardDuty agent repository depends on the region: give the stack an explicit region (env: { region })',
    );
  }
  const entry = REGIONS[region];
  if (!entry) {
    throw new Error(
      `GuardDuty lists no Fargate agent repository for region ${region} in constructs/guardduty-fargate-agent.json ` +
        `(known: ${GUARDDUTY_AGENT_REGIONS.join(', ')}). Add the region's row from ${table.source.url}, ` +
        'or run services in a listed region',
    );
  }
  return {
    region,
    registryAccount: entry.registryAccount,
    repositoryName: table.repositoryName,
    repositoryArn: `arn:${table.partition}:ecr:${region}:${entry.registryAccount}:repository/${table.repositoryName}`,
  };
}

/**
 * The execution-role statements GuardDuty's Fargate prerequisites ask for ("Prerequisites for container image
 * access": "The task execution role requires certain Amazon ECR permissions to download the GuardDuty security agent
 * container image"), scoped to the agent repository of the region; `ecr:GetAuthorizationToken` has no resource ARN.
 */
export function guardDutyAgentPullStatements(region: string): iam.PolicyStatement[] {
  const repository = guardDutyAgentRepository(region);
  return [
    new iam.PolicyStatement({
      sid: 'PullGuardDutyRuntimeMonitoringAgent',
      actions: [...table.repositoryActions],
      resources: [repository.repositoryArn],
    }),
    new iam.PolicyStatement({
      actions: [...table.accountActions],
      resources: ['*'],
    }),
  ];
}
