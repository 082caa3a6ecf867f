import { z } from 'zod';
import { kebabName, strict } from '../fields';
import { TierProfileSchema, TierSchema } from '../profiles';
import { DeployWindowSchema } from './deploy-window';
import { DomainSchema } from './domain';
import { WorkingHoursSchema } from './working-hours';

export const EnvironmentSchema = strict({
  /** Environment name: the stage name (`cdk deploy 'dev/*'`) and part of every stack name. */
  name: kebabName,
  /** The tier whose profile (defaults) the environment takes. */
  tier: TierSchema,
  /** Name of the workload account the environment lives in (one environment per account). */
  account: z.string(),
  /** Profile values that differ from the tier's defaults for this environment only. */
  overrides: TierProfileSchema.partial().optional(),
  /** When deploys may start (`landfall deploy-window check`). @default any time */
  deployWindow: DeployWindowSchema.optional(),
  /** DNS name and ACM certificate: HTTPS on the shared load balancer and host routing. @default HTTP only */
  domain: DomainSchema.optional(),
  /** When people use the environment (scheduled scale-down of non-prod web services). @default MON-FRI 8-20 UTC */
  workingHours: WorkingHoursSchema.prefault({}),
});
export type EnvironmentConfig = z.infer<typeof EnvironmentSchema>;
