import { z } from 'zod';
import { strict } from '../fields';

/**
 * The organizational units landfall creates, as paths from the root. Which account goes where is data: the
 * shared accounts go to `Security`, a workload account to its environment's `organizationalUnit` (tier profile),
 * and any account can be moved with its own `organizationalUnit` (for example to `Suspended`).
 */
export const OU_PATHS = ['Security', 'Workloads', 'Workloads/NonProd', 'Workloads/Prod', 'Suspended'] as const;
export type OuPath = (typeof OU_PATHS)[number];
export const OuPathSchema = z.enum(OU_PATHS, {
  error: `is not an organizational unit (allowed: ${OU_PATHS.join(', ')})`,
});

/** Where an SCP can be attached: the root or one of the OUs. */
export const SCP_TARGETS = ['Root', ...OU_PATHS] as const;
export type ScpTarget = (typeof SCP_TARGETS)[number];
const ScpTargetSchema = z.enum(SCP_TARGETS, { error: `is not an SCP target (allowed: ${SCP_TARGETS.join(', ')})` });

/** `o-` and 10-32 lowercase letters or digits (AWS Organizations ID). `landfall bootstrap` reads it. */
export const organizationId = z
  .string()
  .regex(/^o-[a-z0-9]{10,32}$/, 'is not an organization ID (o- and 10-32 lowercase letters or digits)');

/** `r-` and 4-32 lowercase letters or digits (the organization root's ID). */
export const organizationRootId = z
  .string()
  .regex(/^r-[0-9a-z]{4,32}$/, 'is not an organization root ID (r- and 4-32 lowercase letters or digits)');

/** An IAM role name at path `/` (the SCPs match it by ARN). */
const roleName = z.string().regex(/^[\w+=,.@-]{1,64}$/, 'is not an IAM role name (1-64 of A-Z, a-z, 0-9 and +=,.@_-)');

const ScpSchema = strict({
  /** SCP name in AWS Organizations; unique among landfall's SCPs. */
  name: z.string().regex(/^[\w+=,.@-]{1,128}$/, 'is not an SCP name (1-128 of A-Z, a-z, 0-9 and +=,.@_-)'),
  /** One line on what the policy prevents, shown in the Organizations console. */
  description: z.string().max(512, 'is longer than 512 characters'),
  /** The policy document (`{ Version, Statement }`). At most 5,120 characters once written without whitespace. */
  document: z.record(z.string(), z.unknown()),
  /** Where to attach it: `Root` or OU paths. */
  targets: z.array(ScpTargetSchema).min(1, 'needs at least one target'),
});
export type ScpConfig = z.infer<typeof ScpSchema>;

export const GuardrailsSchema = strict({
  /**
   * Name of the break-glass role in member accounts (at path `/`): the only principal allowed to create IAM users
   * and access keys, exempt from the region restriction and from the protections of the security services.
   * @default 'landfall-break-glass'
   */
  breakGlassRoleName: roleName.default('landfall-break-glass'),
  /** Your own SCPs, attached next to landfall's (at most 5 SCPs per target, FullAWSAccess included). @default [] */
  policies: z.array(ScpSchema).default([]),
});
export type GuardrailsConfig = z.infer<typeof GuardrailsSchema>;
