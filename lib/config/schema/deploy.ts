import { z } from 'zod';
import { strict } from '../fields';

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
   * Qualifier of the CDK bootstrap stacks (`cdk bootstrap --qualifier`); the deploy role may assume only its roles.
   * @default 'hnb659fds' (the CDK default)
   */
  cdkQualifier: z
    .string()
    .regex(/^[a-z0-9]{1,10}$/, 'is not a CDK bootstrap qualifier (1-10 lowercase letters and digits)')
    .default('hnb659fds'),
});
export type DeployConfig = z.infer<typeof DeploySchema>;
