/**
 * Writers of AWS services to the platform's own resources: AWS Budgets and Cost Anomaly Detection publishing to
 * SNS topics (and their KMS keys), and ECS task execution roles pulling the GuardDuty Runtime Monitoring agent
 * from GuardDuty's ECR repository (identity side only: the repository is AWS's).
 */
import type { Assembly } from './assembly';
import { resourcesOf } from './assembly';
import { GUARDDUTY_AGENT_ACCOUNTS, GUARDDUTY_AGENT_REPOSITORY } from './aws-accounts';
import { partitionOf, referencedId, resolveString } from './intrinsics';
import type { Cases } from './writer-targets';
import { keyTarget, policySource, rolePrincipal } from './writer-targets';
import type { PolicySource } from './writers';

const DOCS = {
  budgets:
    'AWS Cost Management, "Creating an Amazon SNS topic for budget notifications": allow budgets.amazonaws.com SNS:Publish, and kms:GenerateDataKey* and kms:Decrypt on an encrypted topic\'s key',
  anomalies:
    'AWS Cost Management, "Creating an Amazon SNS topic for anomaly detection": allow costalerts.amazonaws.com SNS:Publish, and kms:GenerateDataKey* and kms:Decrypt on an encrypted topic\'s key',
  guardDuty:
    'GuardDuty User Guide, "Prerequisites for AWS Fargate (Amazon ECS only) support": the task execution role needs ecr:GetAuthorizationToken, ecr:BatchCheckLayerAvailability, ecr:GetDownloadUrlForLayer and ecr:BatchGetImage for the agent repository ("ECR Repository for GuardDuty agent on AWS Fargate")',
};

/** AWS Budgets and Cost Anomaly Detection publish to SNS topics (and use their keys). */
export function costCalls(assembly: Assembly): Cases {
  const out: Cases = { calls: [], problems: [] };
  const seen = new Set<string>();
  for (const { stack, id, resource } of resourcesOf(assembly)) {
    const p = resource.Properties ?? {};
    const [service, docs, subscribers] =
      resource.Type === 'AWS::Budgets::Budget'
        ? [
            'budgets.amazonaws.com',
            DOCS.budgets,
            ((p.NotificationsWithSubscribers ?? []) as { Subscribers?: unknown[] }[]).flatMap(
              (n) => n.Subscribers ?? [],
            ),
          ]
        : resource.Type === 'AWS::CE::AnomalySubscription'
          ? ['costalerts.amazonaws.com', DOCS.anomalies, (p.Subscribers ?? []) as unknown[]]
          : [undefined, '', []];
    if (service === undefined) continue;
    for (const subscriber of subscribers as { Address?: unknown; SubscriptionType?: unknown; Type?: unknown }[]) {
      if ((subscriber.SubscriptionType ?? subscriber.Type) !== 'SNS') continue;
      const topicId = referencedId(subscriber.Address);
      const topic = topicId === undefined ? undefined : stack.template.Resources?.[topicId];
      if (topicId === undefined || topic?.Type !== 'AWS::SNS::Topic' || seen.has(`${service}|${stack.path}|${topicId}`))
        continue;
      seen.add(`${service}|${stack.path}|${topicId}`);
      const topicPolicy = policySource(stack, topicId);
      const base = {
        writer: `${service === 'budgets.amazonaws.com' ? 'AWS Budgets' : 'Cost Anomaly Detection'} (${stack.path} ${id})`,
        stack: stack.path,
        resource: id,
        principal: service,
        context: { 'aws:SourceAccount': stack.account },
        docs,
      };
      out.calls.push({
        ...base,
        action: 'sns:Publish',
        target: resolveString({ Ref: topicId }, stack, { resources: true }) as string,
        targetAccount: stack.account,
        ...(topicPolicy === undefined ? {} : { resourcePolicy: topicPolicy }),
      });
      const key = keyTarget(stack, topic.Properties?.KmsMasterKeyId);
      for (const action of key === undefined ? [] : ['kms:GenerateDataKey', 'kms:Decrypt']) {
        out.calls.push({
          ...base,
          action,
          target: key?.arn as string,
          targetAccount: stack.account,
          ...(key?.resourcePolicy === undefined ? {} : { resourcePolicy: key.resourcePolicy }),
        });
      }
    }
  }
  return out;
}

/** Whether GuardDuty manages its Runtime Monitoring agent on Fargate anywhere in the assembly. */
export function guardDutyManagesFargateAgent(assembly: Assembly): boolean {
  for (const { resource } of resourcesOf(assembly)) {
    if (resource.Type !== 'AWS::GuardDuty::Detector' && !resource.Type.startsWith('Custom::')) continue;
    const text = JSON.stringify(resource.Properties ?? {});
    if (/ECS_FARGATE_AGENT_MANAGEMENT\\*"\s*,\s*\\*"(Status|AutoEnable)\\*"\s*:\s*\\*"(ENABLED|ALL|NEW)/.test(text)) {
      return true;
    }
  }
  return false;
}

/** Each Fargate task's execution role pulls the GuardDuty agent sidecar from GuardDuty's repository. */
export function guardDutyAgentCalls(assembly: Assembly): Cases {
  const out: Cases = { calls: [], problems: [] };
  if (!guardDutyManagesFargateAgent(assembly)) return out;
  for (const { stack, id, resource } of resourcesOf(assembly, 'AWS::ECS::TaskDefinition')) {
    const compatibilities = resource.Properties?.RequiresCompatibilities;
    if (!Array.isArray(compatibilities) || !compatibilities.includes('FARGATE')) continue;
    const roleId = referencedId(resource.Properties?.ExecutionRoleArn);
    const agentAccount = GUARDDUTY_AGENT_ACCOUNTS[stack.region];
    if (
      roleId === undefined ||
      stack.template.Resources?.[roleId]?.Type !== 'AWS::IAM::Role' ||
      agentAccount === undefined
    ) {
      out.problems.push({
        gate: 'writers',
        stack: stack.path,
        resource: id,
        message:
          agentAccount === undefined
            ? `${stack.path} ${id}: no GuardDuty agent repository is known for ${stack.region} (lib/checks/readiness/aws-accounts.ts)`
            : `${stack.path} ${id}: a Fargate task needs a task execution role of its stack to pull the GuardDuty agent (${DOCS.guardDuty})`,
      });
      continue;
    }
    const role = rolePrincipal(stack, roleId, 'ecs-task', {});
    const partition = partitionOf(stack.region);
    const repository = `arn:${partition}:ecr:${stack.region}:${agentAccount}:repository/${GUARDDUTY_AGENT_REPOSITORY}`;
    const awsRepositoryPolicy: PolicySource = {
      label: `GuardDuty's repository policy (AWS account ${agentAccount})`,
      policies: [
        {
          name: `GuardDuty agent repository policy (AWS-owned; assumed to admit every account)`,
          document: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: '*', Action: 'ecr:*', Resource: '*' }],
          },
        },
      ],
      notSimulated: [],
    };
    const calls: [string, string, string, PolicySource | undefined][] = [
      ['ecr:GetAuthorizationToken', '*', stack.account, undefined],
      ['ecr:BatchCheckLayerAvailability', repository, agentAccount, awsRepositoryPolicy],
      ['ecr:GetDownloadUrlForLayer', repository, agentAccount, awsRepositoryPolicy],
      ['ecr:BatchGetImage', repository, agentAccount, awsRepositoryPolicy],
    ];
    for (const [action, target, targetAccount, resourcePolicy] of calls) {
      out.calls.push({
        writer: `ECS task execution role ${role.name}`,
        stack: stack.path,
        resource: roleId,
        principal: role.session,
        principalAccount: role.account,
        action,
        target,
        targetAccount,
        context: role.context,
        identity: role.identity,
        ...(resourcePolicy === undefined ? {} : { resourcePolicy }),
        docs: DOCS.guardDuty,
      });
    }
  }
  return out;
}
