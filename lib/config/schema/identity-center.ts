import { z } from 'zod';
import { kebabName, region, strict } from '../fields';

/** The permission sets landfall defines; what each grants is in `lib/plan/permission-sets.ts`. */
export const PERMISSION_SET_NAMES = ['PlatformAdmin', 'Developer', 'OnCall', 'ReadOnly', 'Billing'] as const;
export type PermissionSetName = (typeof PERMISSION_SET_NAMES)[number];

/** An Identity Store group ID (a UUID, optionally prefixed by 10 hex digits and a dash). */
const groupId = z
  .string()
  .regex(
    /^([0-9a-f]{10}-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    'is not an Identity Store group ID (for example 906739a1d5-0b41c4a6-8e4d-4e8f-9b1e-2f6d8a7c3b21)',
  );

const AssignmentSchema = strict({
  /** A group named in `identityCenter.groups`. */
  group: z.string(),
  /** Account names (from `accounts`) the group gets access to. */
  accounts: z.array(z.string()).min(1, 'needs at least one account'),
  /** Permission sets the group gets in each of those accounts. */
  permissionSets: z.array(z.string()).min(1, 'needs at least one permission set'),
});
export type AssignmentConfig = z.infer<typeof AssignmentSchema>;

/**
 * IAM Identity Center access. The IDs are plain values so `landfall bootstrap` (instance, identity store) and the
 * group discovery can write them into a generated file that `config/platform.ts` spreads in.
 */
export const IdentityCenterSchema = strict({
  /** ARN of the Identity Center instance (`aws sso-admin list-instances`). */
  instanceArn: z
    .string()
    .regex(
      /^arn:aws(-[a-z]+)*:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/,
      'is not an Identity Center instance ARN (arn:aws:sso:::instance/ssoins-<16 characters>)',
    ),
  /** ID of the instance's identity store (`d-` and 10 hex digits); the CLI looks groups up in it. */
  // AWS documents `d-` and 10 hex digits; the pattern also takes lowercase letters, as AWS API emulators return.
  identityStoreId: z.string().regex(/^d-[0-9a-z]{10}$/, 'is not an identity store ID (d- and 10 hex digits)'),
  /** Region of the Identity Center instance; permission sets and assignments are created there. @default homeRegion */
  region: region.optional(),
  /** Groups by the name used in `assignments`, each with its Identity Store group ID. */
  groups: z.record(kebabName, groupId),
  /** Who gets which permission sets in which accounts; fanned out to one assignment per group, account and set. */
  assignments: z.array(AssignmentSchema).default([]),
});
export type IdentityCenterConfig = z.infer<typeof IdentityCenterSchema>;
