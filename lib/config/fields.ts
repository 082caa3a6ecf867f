import { z } from 'zod';

/**
 * A strict object: a key the schema does not know is an error that lists the keys it does know,
 * so a typo (`memoryMb` for `memoryMiB`) is caught and explained instead of silently ignored.
 */
export function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  const allowed = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? `is not a known key (allowed: ${allowed})` : undefined),
  });
}

export const accountId = z.string().regex(/^\d{12}$/, 'is not a 12-digit AWS account ID');

export const email = z.email({ error: 'is not a valid email address' });

export const region = z
  .string()
  .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/, 'is not an AWS region name (for example ap-northeast-1)');

export const availabilityZone = z
  .string()
  .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d[a-z]$/, 'is not an availability zone name (for example ap-northeast-1a)');

/** lower-kebab-case, 3-30 characters: used in stack names, resource names and DNS labels. */
export const kebabName = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{1,28}[a-z0-9]$/,
    'must be lower-kebab-case, 3-30 characters (a-z, 0-9, -), starting with a letter',
  );

export const positiveUsd = z.number().positive('must be a positive amount in USD').finite();

export const port = z
  .number()
  .int('must be a whole number')
  .min(1, 'is not a port number (allowed: 1-65535)')
  .max(65535, 'is not a port number (allowed: 1-65535)');

export const days = z.number().int('must be a whole number of days').positive('must be at least 1 day');

/**
 * The retention periods CloudWatch Logs accepts, in days: the possible values of `retentionInDays` in the
 * PutRetentionPolicy API reference (Amazon CloudWatch Logs). Every landfall log group takes one of these.
 */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
export type CloudWatchRetentionDays = (typeof CLOUDWATCH_RETENTION_DAYS)[number];

/** A log retention CloudWatch Logs accepts (see `CLOUDWATCH_RETENTION_DAYS`). */
export const logRetentionDays = z.literal(CLOUDWATCH_RETENTION_DAYS, {
  error: `is not a CloudWatch Logs retention (allowed: ${CLOUDWATCH_RETENTION_DAYS.join(', ')})`,
});

export const emailList = z.array(email);
