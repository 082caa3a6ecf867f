/**
 * What the documentation could not settle offline: each check becomes a manual step right after the step where it
 * applies, so the first real rollout verifies it. Extend the list when a question stays open; name the source.
 */
import type { AccountConfig } from '../../config';
import { resolveDeployment, secretsFor } from '../../config';
import {
  clusterName,
  logBucketName,
  ORGANIZATION_RESOURCE_NAMES,
  secretAgeRuleName,
  STACKS,
  stackName,
  STAGES,
} from '../../naming';
import { profileOf } from './commands';
import type { PlanContext } from './context';
import { deployStepId, environmentDeployStepId } from './ids';
import { otherAllowedRegions } from './inventory';

export interface FirstDeployCheck {
  /** Stable, kebab-case; the step is `check-<id>`. */
  readonly id: string;
  /** The step after which to check. */
  readonly after: string;
  readonly title: string;
  readonly account: AccountConfig;
  readonly region: string;
  readonly check: { readonly description: string; readonly command?: string };
  /** The page or finding that left the question open. */
  readonly source: string;
}

/** A check, or nothing when it does not apply to the platform. */
export type FirstDeployCheckDefinition = (ctx: PlanContext) => readonly FirstDeployCheck[];

export const FIRST_DEPLOY_CHECKS: readonly FirstDeployCheckDefinition[] = [
  // Cross-account delivery depends on the recorder role and the bucket policy together; only a real delivery
  // proves them (field review: Config needs s3:PutObjectAcl on a bucket of another account).
  (ctx) => {
    const account = ctx.management;
    return [
      {
        id: 'config-delivery',
        after: deployStepId(stackName(STAGES.org, STACKS.baseline)),
        title: `AWS Config of account ${account.name} delivers to the log-archive bucket (the first delivery across accounts)`,
        account,
        region: ctx.home,
        check: {
          description:
            'the delivery channel reports SUCCESS for history and snapshots (not InsufficientDeliveryPolicyException)',
          command: `aws configservice describe-delivery-channel-status --region ${ctx.home} --profile ${profileOf(account)} --query "DeliveryChannelsStatus[].[name,configHistoryDeliveryInfo.lastStatus,configSnapshotDeliveryInfo.lastStatus]" --output text`,
        },
        source:
          'AWS Config Developer Guide, "Permissions for the Amazon S3 Bucket for the AWS Config Delivery Channel"',
      },
    ];
  },
  // Security Hub documents that central configuration sets the delegated administrator in the linked regions;
  // landfall designates it in the home region only, so verify it where findings are aggregated from.
  (ctx) =>
    otherAllowedRegions(ctx.model).map((region) => ({
      id: `security-hub-admin-${region}`,
      after: deployStepId(stackName(STAGES.security, STACKS.securityHub)),
      title: `Security Hub set the security account as delegated administrator in the linked region ${region}`,
      account: ctx.management,
      region,
      check: {
        description: `the organization's Security Hub administrator in ${region} is ${ctx.model.accounts.security.id}`,
        command: `aws securityhub list-organization-admin-accounts --region ${region} --profile ${profileOf(ctx.management)} --output text`,
      },
      source:
        'Security Hub User Guide, "Enabling central configuration": "the same delegated administrator is automatically set in all linked Regions"',
    })),
  (ctx) => [
    {
      id: 'organization-trail',
      after: deployStepId(stackName(STAGES.org, STACKS.trail)),
      title: 'The organization trail logs and delivers to the log-archive bucket',
      account: ctx.management,
      region: ctx.home,
      check: {
        description: 'IsLogging is true and there is no LatestDeliveryError',
        command: `aws cloudtrail get-trail-status --name ${ORGANIZATION_RESOURCE_NAMES.trail} --region ${ctx.home} --profile ${profileOf(ctx.management)} --query "[IsLogging,LatestDeliveryError]" --output text`,
      },
      source: 'CloudTrail User Guide, "Amazon S3 bucket policy for CloudTrail" (organization trails)',
    },
  ],
  // The ELB log writer is an account in older regions and a service principal in newer ones; only a real load
  // balancer shows which one the region uses.
  (ctx) => {
    const env = ctx.model.environments[0];
    if (env === undefined) return [];
    const { platform, accounts } = ctx.model;
    const bucket = logBucketName('alb', platform.organization.name, accounts.logArchive.id, ctx.home);
    return [
      {
        id: `alb-access-logs-${env.name}`,
        after: environmentDeployStepId(env.name),
        title: `The load balancer of ${env.name} writes access logs to the log-archive ALB bucket`,
        account: accounts.logArchive,
        region: ctx.home,
        check: {
          description: `the bucket holds ELB's test file under ${env.name}/AWSLogs/${env.account.id}/`,
          command: `aws s3 ls s3://${bucket}/${env.name}/AWSLogs/${env.account.id}/ --recursive --profile ${profileOf(accounts.logArchive)}`,
        },
        source:
          'Elastic Load Balancing User Guide, "Enable access logs for your Application Load Balancer" (bucket policy per region)',
      },
    ];
  },
  // Declarative policies take effect through the EC2 service, not IAM: only a member account's reported setting
  // shows that the policy type was enabled and the policy reached the account.
  (ctx) => {
    const env = ctx.model.environments[0];
    if (env === undefined) return [];
    return [
      {
        id: 'organization-policies',
        after: deployStepId(stackName(STAGES.org, STACKS.organization)),
        title: `The EC2 declarative policy governs account ${env.account.name} (IMDSv2 required, managed by the policy)`,
        account: env.account,
        region: ctx.home,
        check: {
          description:
            'HttpTokens is required and ManagedBy is declarative-policy (the data-perimeter RCP is listed under the root: aws organizations list-policies-for-target --filter RESOURCE_CONTROL_POLICY)',
          command: `aws ec2 get-instance-metadata-defaults --region ${ctx.home} --profile ${profileOf(env.account)} --query "AccountLevel.[HttpTokens,ManagedBy]" --output text`,
        },
        source:
          'Organizations User Guide, "Declarative policy syntax and examples"; EC2 API Reference, InstanceMetadataDefaultsResponse (managedBy: declarative-policy)',
      },
    ];
  },
  // job_workflow_ref is listed among the STS condition keys, but only a real GitHub token proves that IAM matches it
  // for a workflow that is not reusable; the deploy role refuses the token otherwise (fails closed). Checked after
  // the last environment, the one whose GitHub environment waits for a reviewer.
  (ctx) => {
    const env = ctx.model.environments.at(-1);
    if (env === undefined) return [];
    return [
      {
        id: `github-deploy-trust-${env.name}`,
        after: environmentDeployStepId(env.name),
        title: `GitHub Actions assumed the deploy role of ${env.name} from deploy.yml on main, in a protected environment`,
        account: env.account,
        region: ctx.home,
        check: {
          description:
            'the configure-aws-credentials step of the deploy job succeeded (an AccessDenied on AssumeRoleWithWebIdentity means the job_workflow_ref condition did not match), and every trusted GitHub environment has required reviewers and deploys from main only',
          command: 'npx landfall github check',
        },
        source:
          'Service Authorization Reference, AWS STS condition keys (token.actions.githubusercontent.com:job_workflow_ref); GitHub Docs, "OpenID Connect reference"',
      },
    ];
  },
  // The secret-age watch's periodic Config rule: only a real account shows that it runs against the recorder and
  // evaluates the account's secrets; and a team's rotation function: only a real rotation proves its role and the
  // invoke permission landfall adds.
  (ctx) => {
    const env = ctx.model.environments[0];
    if (env === undefined) return [];
    const profile = profileOf(env.account);
    const rule = secretAgeRuleName(env.name);
    return [
      {
        id: `secret-age-${env.name}`,
        after: environmentDeployStepId(env.name),
        title: `The secret-age watch of ${env.name} evaluates the account's secrets (AWS Config rule ${rule})`,
        account: env.account,
        region: ctx.home,
        check: {
          description:
            'the rule reports COMPLIANT or NON_COMPLIANT per secret (not INSUFFICIENT_DATA a day after the deploy)',
          command: `aws configservice describe-compliance-by-config-rule --config-rule-names ${rule} --region ${ctx.home} --profile ${profile} --output text`,
        },
        source: 'AWS Config Developer Guide, "secretsmanager-secret-periodic-rotation" (trigger type: periodic)',
      },
      ...ctx.model.services.flatMap((service) =>
        Object.keys(service.secretRotation ?? {}).flatMap((variable) => {
          const secret = secretsFor(service, env.name)[variable];
          if (secret === undefined) return [];
          return [
            {
              id: `secret-rotation-${env.name}-${service.name}-${variable.toLowerCase().replace(/_/g, '-')}`,
              after: environmentDeployStepId(env.name),
              title: `The rotation function of ${service.name}'s ${variable} rotates it in ${env.name}`,
              account: env.account,
              region: ctx.home,
              check: {
                description:
                  "the rotation succeeds (the function's role may read and write the secret, Secrets Manager may invoke it) and RotationEnabled is true",
                command: `aws secretsmanager rotate-secret --secret-id ${secret} --region ${ctx.home} --profile ${profile}`,
              },
              source: 'Secrets Manager User Guide, "Lambda rotation function execution role permissions"',
            },
          ];
        }),
      ),
    ];
  },
  // ECS native canary and linear releases: the traffic-shift role's scope (no aws:SourceAccount example, no
  // ModifyListener) and an in-place switch from a rolling service are only proven by a real release. Checked in the
  // first environment where a web service shifts traffic.
  (ctx) => {
    for (const env of ctx.model.environments) {
      const shifting = ctx.model.services.flatMap((service) =>
        service.kind === 'web' && resolveDeployment(env.profile, service).strategy !== 'rolling' ? [service] : [],
      );
      const first = shifting[0];
      if (first === undefined) continue;
      return [
        {
          id: `traffic-shift-${env.name}`,
          after: environmentDeployStepId(env.name),
          title: `The first ${resolveDeployment(env.profile, first).strategy} release of ${first.name} in ${env.name} shifts traffic and completes`,
          account: env.account,
          region: ctx.home,
          check: {
            description:
              'the latest service deployment is SUCCESSFUL (not FAILED with AccessDenied for the traffic-shift role on sts:AssumeRole or elasticloadbalancing:Modify*), and the listener rule forwards to one target group at weight 100 afterwards',
            command: `aws ecs list-service-deployments --cluster ${clusterName(env.name)} --service ${first.name} --region ${ctx.home} --profile ${profileOf(env.account)} --query "serviceDeployments[0].[status,statusReason]" --output text`,
          },
          source:
            'Amazon ECS Developer Guide, "Amazon ECS infrastructure IAM role for load balancers" (trust policy without conditions in its example)',
        },
      ];
    }
    return [];
  },
];
