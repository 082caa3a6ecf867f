import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge';
import { githubWorkflowPrincipal } from './github-deploy-role';

/** What the review reads in an account. */
export interface ReviewReads {
  /**
   * The environment's operations: alarm definitions and history, metric data, ECS service deployments, and the
   * account's own costs (Cost Explorer). @default false
   */
  readonly operations?: boolean;
  /** The Security Hub findings of the organization (the delegated administrator's view). @default false */
  readonly findings?: boolean;
}

export interface ReviewRoleProps {
  /** ARN of the account's GitHub OIDC provider. */
  readonly oidcProviderArn: string;
  /** GitHub repository (`owner/name`) whose review workflow may assume the role. */
  readonly repository: string;
  /**
   * The workflow file whose jobs may assume the role, relative to the repository root.
   * @default '.github/workflows/weekly-review.yml' (REVIEW_WORKFLOW)
   */
  readonly workflowPath?: string;
  /**
   * The branch the workflow must run from (a scheduled run uses the default branch).
   * @default 'main'
   */
  readonly branch?: string;
  /** Name of the role (SCP-protected names start with `landfall-`). */
  readonly roleName: string;
  /** Alarms whose names start with this prefix may be described (`landfall-`). */
  readonly alarmPrefix: string;
  /** ECS clusters whose names start with this prefix hold the services whose deployments may be listed. */
  readonly clusterPrefix: string;
  readonly reads: ReviewReads;
}

/** The workflow that posts the weekly review. */
export const REVIEW_WORKFLOW = '.github/workflows/weekly-review.yml';

/**
 * A read-only role for `landfall review weekly` in the scheduled workflow: only the jobs of weekly-review.yml run
 * from main may assume it (OIDC subject `repo:OWNER/NAME:ref:refs/heads/main` and `job_workflow_ref`), for at most
 * one hour. It reads and changes nothing else: no write action of any service is granted.
 */
export class ReviewRole extends Construct {
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: ReviewRoleProps) {
    super(scope, id);
    const { account, partition } = Stack.of(this);
    const branch = props.branch ?? 'main';
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      description: `GitHub Actions (${props.repository}, ${props.workflowPath ?? REVIEW_WORKFLOW} on ${branch}) reads the weekly review`,
      maxSessionDuration: Duration.hours(1),
      assumedBy: githubWorkflowPrincipal(props.oidcProviderArn, {
        repository: props.repository,
        subject: `repo:${props.repository}:ref:refs/heads/${branch}`,
        workflowPath: props.workflowPath ?? REVIEW_WORKFLOW,
        branch,
      }),
    });

    const statements: iam.PolicyStatement[] = [];
    const nagPartition = Token.isUnresolved(partition) ? '<AWS::Partition>' : partition;
    const nagAccount = Token.isUnresolved(account) ? '<AWS::AccountId>' : account;
    const reasons: Record<string, string> = {};
    if (props.reads.operations ?? false) {
      const alarms = `arn:${partition}:cloudwatch:*:${account}:alarm:${props.alarmPrefix}*`;
      const services = `arn:${partition}:ecs:*:${account}:service/${props.clusterPrefix}*/*`;
      statements.push(
        new iam.PolicyStatement({ sid: 'DescribeAlarms', actions: ['cloudwatch:DescribeAlarms'], resources: [alarms] }),
        // CloudWatch API Reference, DescribeAlarmHistory: "To use this operation and return information about a
        // composite alarm, you must be signed on with the cloudwatch:DescribeAlarmHistory permission that is scoped
        // to *."
        new iam.PolicyStatement({
          sid: 'AlarmHistoryAndMetrics',
          actions: ['cloudwatch:DescribeAlarmHistory', 'cloudwatch:GetMetricData'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({ sid: 'Releases', actions: ['ecs:ListServiceDeployments'], resources: [services] }),
        new iam.PolicyStatement({ sid: 'Cost', actions: ['ce:GetCostAndUsage'], resources: ['*'] }),
      );
      reasons[
        `AwsSolutions-IAM5[Resource::arn:${nagPartition}:cloudwatch:*:${nagAccount}:alarm:${props.alarmPrefix}*]`
      ] =
        "DescribeAlarms on landfall's own alarms in every region of this account: the review reads their definitions and queries";
      reasons[
        `AwsSolutions-IAM5[Resource::arn:${nagPartition}:ecs:*:${nagAccount}:service/${props.clusterPrefix}*/*]`
      ] = "ListServiceDeployments on the services of landfall's clusters only: the review counts their releases";
    }
    if (props.reads.findings ?? false) {
      statements.push(
        new iam.PolicyStatement({
          sid: 'Findings',
          actions: ['securityhub:GetFindings'],
          resources: [`arn:${partition}:securityhub:*:${account}:hub/default`],
        }),
      );
      reasons[`AwsSolutions-IAM5[Resource::arn:${nagPartition}:securityhub:*:${nagAccount}:hub/default]`] =
        'GetFindings on the hub of this account in any region: the delegated administrator reads the aggregated findings';
    }
    if (statements.length === 0) throw new Error(`ReviewRole ${this.node.path}: reads names nothing to read`);
    if (statements.some((s) => s.resources.includes('*'))) {
      reasons['AwsSolutions-IAM5[Resource::*]'] =
        'cloudwatch:DescribeAlarmHistory (composites need *), cloudwatch:GetMetricData and ce:GetCostAndUsage have no resource types: reads only';
    }
    const policy = new iam.ManagedPolicy(this, 'Reads', {
      description: 'Read what the weekly review reports, nothing else',
      roles: [this.role],
      statements,
    });
    acknowledge(policy, reasons);
  }
}
