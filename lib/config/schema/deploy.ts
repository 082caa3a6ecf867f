import { z } from 'zod';
import { strict } from '../fields';

/** The qualifier `cdk bootstrap` uses when none is given; every CDK user's roles are named after it. */
export const CDK_DEFAULT_QUALIFIER = 'hnb659fds';

export const DeploySchema = strict({
  /** GitHub repository (`owner/name`) whose workflows may assume the deploy roles through OIDC. */
  githubRepository: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'is not a GitHub repository (expected owner/name)'),
  /**
   * GitHub environment whose jobs may deploy the security and log-archive accounts. Workload accounts trust the
   * GitHub environment named like the landfall environment (`dev`, `stg`, `prod`).
   * @default 'platform'
   */
  platformGithubEnvironment: z.string().min(1).default('platform'),
  /**
   * Qualifier of the organization's CDK bootstrap stacks (`cdk bootstrap --qualifier`). The guardrails exempt and
   * protect the `cdk-<qualifier>-*` roles, so it must not be the CDK default (`hnb659fds`): a team's own
   * `cdk bootstrap` in a member account keeps the default and gets roles without any exemption.
   * @default 'landfall'
   */
  cdkQualifier: z
    .string()
    .regex(/^[a-z0-9]{1,10}$/, 'is not a CDK bootstrap qualifier (1-10 lowercase letters and digits)')
    .refine((q) => q !== CDK_DEFAULT_QUALIFIER, {
      error: `is the CDK default qualifier; choose the organization's own (1-10 lowercase letters and digits, not ${CDK_DEFAULT_QUALIFIER}), bootstrap with it and keep the default for the teams' own CDK apps`,
    })
    .default('landfall'),
});
export type DeployConfig = z.infer<typeof DeploySchema>;
