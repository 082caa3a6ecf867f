/**
 * What each permission set grants, as data. A permission set is created once per tier (`Developer-prod`), because
 * its session duration and, for Developer, its policies come from the tier profile.
 */
import type { TierProfile } from '../config';
import type { PermissionSetName } from '../config/schema/identity-center';
import { deadLetterQueueName, queueName } from '../naming';

export interface PermissionSetSpec {
  readonly description: string;
  /** AWS managed policies by name after `arn:<partition>:iam::aws:policy/`. */
  readonly managedPolicies: readonly string[];
  /** Inline policy document, if any. */
  readonly inlinePolicy?: Record<string, unknown>;
}

/** Operations without IAM: redeploy and restart services, redrive landfall's dead-letter queues, read everything else. */
export function onCallInlinePolicy(partition: string): Record<string, unknown> {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'RedeployAndRestartServices',
        Effect: 'Allow',
        Action: ['ecs:UpdateService', 'ecs:StopTask'],
        Resource: [`arn:${partition}:ecs:*:*:service/*/*`, `arn:${partition}:ecs:*:*:task/*/*`],
      },
      {
        // A redrive reads and deletes on the dead-letter queue and sends to its source ("StartMessageMoveTask":
        // sqs:ReceiveMessage, sqs:DeleteMessage and sqs:GetQueueAttributes on the source, sqs:SendMessage on the
        // destination): only landfall's queues, by their derived names (lib/naming.ts).
        Sid: 'RedriveLandfallDeadLetterQueues',
        Effect: 'Allow',
        Action: [
          'sqs:CancelMessageMoveTask',
          'sqs:DeleteMessage',
          'sqs:GetQueueAttributes',
          'sqs:ListDeadLetterSourceQueues',
          'sqs:ListMessageMoveTasks',
          'sqs:ReceiveMessage',
          'sqs:StartMessageMoveTask',
        ],
        Resource: `arn:${partition}:sqs:*:*:${deadLetterQueueName('*', '*')}`,
      },
      {
        Sid: 'SendToLandfallQueues',
        Effect: 'Allow',
        Action: ['sqs:GetQueueAttributes', 'sqs:SendMessage'],
        Resource: `arn:${partition}:sqs:*:*:${queueName('*', '*')}`,
      },
      {
        Sid: 'UseQueueKeysThroughSqsOnly',
        Effect: 'Allow',
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        Resource: `arn:${partition}:kms:*:*:key/*`,
        Condition: { StringLike: { 'kms:ViaService': 'sqs.*.amazonaws.com' } },
      },
      {
        Sid: 'NoIamAndNoRoleHopping',
        Effect: 'Deny',
        Action: ['iam:*', 'sts:AssumeRole'],
        Resource: '*',
      },
    ],
  };
}

/** The permission set `name` as the profile of a tier shapes it. */
export function permissionSetSpec(
  name: PermissionSetName,
  profile: Pick<TierProfile, 'developerAccess'>,
  partition: string,
): PermissionSetSpec {
  switch (name) {
    case 'PlatformAdmin':
      return { description: 'Full administration, for the platform team', managedPolicies: ['AdministratorAccess'] };
    case 'Developer':
      return profile.developerAccess === 'power-user'
        ? {
            description: 'Build and change everything except IAM and the organization',
            managedPolicies: ['PowerUserAccess'],
          }
        : {
            description: 'See what runs, its metrics and its logs; no data reads and no changes',
            managedPolicies: ['job-function/ViewOnlyAccess', 'CloudWatchReadOnlyAccess'],
          };
    case 'OnCall':
      return {
        description: 'Operate production: redeploy services, redrive queues, read metrics and logs; no IAM',
        managedPolicies: ['job-function/ViewOnlyAccess', 'CloudWatchReadOnlyAccess'],
        inlinePolicy: onCallInlinePolicy(partition),
      };
    case 'ReadOnly':
      return {
        description: 'Read everything, change nothing (auditors, reviews)',
        managedPolicies: ['ReadOnlyAccess'],
      };
    case 'Billing':
      return { description: 'Bills, budgets and cost views', managedPolicies: ['job-function/Billing'] };
  }
}
