/**
 * The environments: what each reads but no stack creates (certificate, secrets), the protected GitHub environments,
 * then dev, stg and prod through GitHub Actions, each after the one before it, prod behind a required reviewer.
 */
import type { ResolvedEnvironment, Tier } from '../../config';
import { ROLE_NAMES } from '../../naming';
import { secretsFor } from '../../config/secrets';
import { cdkDeploy, partitionOf, profileOf } from './commands';
import type { PlanContext } from './context';
import { deployStep, stacksAt, step } from './context';
import { chatbotStepId, deployStepId, environmentDeployStepId, inputsStepId, STEP } from './ids';
import { environmentEmails, subscriptionsStep } from './stack-steps';
import type { ExternalInput, RolloutStep } from './types';

/**
 * Which tiers' GitHub environments need a required reviewer (the approval of `deploy.yml`'s job). Data by tier, like
 * a tier profile (a candidate for `TierProfile` once lib/config has the field); the platform environment of the
 * shared accounts always does.
 */
export const REQUIRED_REVIEW_BY_TIER: Readonly<Record<Tier, boolean>> = { dev: false, stg: false, prod: true };

/** The certificate and secrets an environment's stacks read, with the command that proves each exists. */
export function environmentInputs(ctx: PlanContext, env: ResolvedEnvironment): ExternalInput[] {
  const region = ctx.home;
  const profile = profileOf(env.account);
  const inputs: ExternalInput[] = [];
  const domain = env.config.domain;
  if (domain !== undefined) {
    const arn = `arn:${partitionOf(region)}:acm:${region}:${env.account.id}:certificate/${domain.certificateId}`;
    inputs.push({
      kind: 'certificate',
      value: arn,
      account: env.account.name,
      region,
      check: `aws acm describe-certificate --certificate-arn ${arn} --region ${region} --profile ${profile} --query Certificate.Status --output text`,
    });
  }
  const secrets = [...new Set(ctx.model.services.flatMap((s) => Object.values(secretsFor(s, env.name))))];
  for (const secret of secrets) {
    inputs.push({
      kind: 'secret',
      value: secret,
      account: env.account.name,
      region,
      check: `aws secretsmanager describe-secret --secret-id ${secret} --region ${region} --profile ${profile} --query ARN --output text`,
    });
  }
  return inputs;
}

export function environmentSteps(ctx: PlanContext): RolloutStep[] {
  const { model, home, management } = ctx;
  const names = model.environments.map((e) => e.name);
  const repository = model.platform.deploy.githubRepository;
  const platformEnvironment = model.platform.deploy.platformGithubEnvironment;
  const logBuckets = stacksAt(ctx, (s) => s.role === 'log-buckets').map((s) => deployStepId(s.stackName));
  const github = step(management, home, {
    id: STEP.githubEnvironments,
    kind: 'manual',
    title: `Create the GitHub environments ${[...names, platformEnvironment].join(', ')} in ${repository} (Settings > Environments), with required reviewers on ${[...model.environments.filter((e) => REQUIRED_REVIEW_BY_TIER[e.tier]).map((e) => e.name), platformEnvironment].join(' and ')}, and deployment branches limited to main on every one: GitHub creates a missing environment unprotected on first use, and the deploy roles trust them by name`,
    needs: [STEP.fillConfig],
    check: {
      description:
        'each environment exists, deploys from main only, and the protected ones have required reviewers (GITHUB_TOKEN=$(gh auth token))',
      command: 'npx landfall github check',
    },
    phase: 'environments',
    reads: 'confirm',
  });

  const steps: RolloutStep[] = [github];
  let previous: string | undefined;
  for (const env of model.environments) {
    const inputs = environmentInputs(ctx, env);
    const inputsStep =
      inputs.length === 0
        ? undefined
        : step(env.account, home, {
            id: inputsStepId(env.name),
            kind: 'manual',
            title: `Create what ${env.name} reads but landfall does not create, in account ${env.account.name} (${home}): ${inputs.map((i) => `${i.kind} ${i.kind === 'certificate' ? `for ${env.config.domain?.name} (ID into config/platform.ts)` : i.value}`).join(', ')}`,
            needs: [STEP.syncMembers],
            inputs,
            check: {
              description: `each input exists in account ${env.account.name}${env.config.domain === undefined ? '' : ' and the certificate is ISSUED'}`,
              command: inputs[0].check,
            },
            phase: 'environments',
            reads: 'placeholders-then-confirm',
            group: { id: 'inputs', title: 'Create the certificates and secrets the environments read' },
          });
    if (inputsStep) steps.push(inputsStep);

    const baselines = stacksAt(
      ctx,
      (s) => s.environment === env.name && (s.role === 'baseline' || s.role === 'regional-baseline'),
    ).map((s) => deployStepId(s.stackName));
    const rest = stacksAt(
      ctx,
      (s) => s.environment === env.name && s.role !== 'baseline' && s.role !== 'regional-baseline',
    );
    const approval = REQUIRED_REVIEW_BY_TIER[env.tier]
      ? `, after a required reviewer of the GitHub environment ${env.name} approves`
      : '';
    const deploy = deployStep(rest, {
      id: environmentDeployStepId(env.name),
      title: `${env.name} through GitHub Actions: push to main (or run the deploy workflow); its job assumes ${ROLE_NAMES.githubDeploy} in account ${env.account.name} through OIDC and runs this command${approval}`,
      command: `${cdkDeploy([`${env.name}/*`])} --require-approval never`,
      needs: [
        ...baselines,
        ...logBuckets,
        github.id,
        ...(inputsStep ? [inputsStep.id] : []),
        ...(ctx.slackAccounts.some((a) => a.name === env.account.name) ? [chatbotStepId(env.account.name)] : []),
        ...(previous === undefined ? [] : [previous]),
      ],
      phase: 'environments',
    });
    steps.push(
      deploy,
      ...subscriptionsStep(ctx, env.account.name, home, environmentEmails(ctx), deploy.id, 'environments'),
    );
    previous = deploy.id;
  }
  return steps;
}
