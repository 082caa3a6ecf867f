import { z } from 'zod';
import { kebabName, strict } from '../fields';

/**
 * The Aurora PostgreSQL major versions landfall accepts, with the first minor version of each that scales to 0 ACUs.
 * Aurora User Guide, "Scaling to Zero ACUs with automatic pause and resume for Aurora Serverless v2": "You do so by
 * specifying a minimum ACU value of zero for your DB cluster. [...] You might need to upgrade your Aurora database
 * engine version to take advantage of this feature"; RDS API reference, ServerlessV2ScalingConfiguration: "For
 * Aurora versions that support the Aurora Serverless v2 auto-pause feature, the smallest value that you can use is 0.
 * For versions that don't support Aurora Serverless v2 auto-pause, the smallest value that you can use is 0.5."
 * The versions with auto-pause are 13.15, 14.12, 15.7, 16.3 and every 17 (Aurora PostgreSQL release notes, November
 * 2024). Majors below 13 are past the end of Aurora standard support.
 */
export const AURORA_POSTGRESQL_MAJORS: Readonly<Record<string, { readonly autoPauseFromMinor: number }>> = {
  '13': { autoPauseFromMinor: 15 },
  '14': { autoPauseFromMinor: 12 },
  '15': { autoPauseFromMinor: 7 },
  '16': { autoPauseFromMinor: 3 },
  '17': { autoPauseFromMinor: 0 },
};

/** The engine version a database gets when its service names none. */
export const DEFAULT_AURORA_POSTGRESQL_VERSION = '16.6';

const MAJORS = Object.keys(AURORA_POSTGRESQL_MAJORS);

/** Whether an (already validated) Aurora PostgreSQL version scales to 0 ACUs and pauses. */
export function supportsAutoPause(version: string): boolean {
  const [major, minor] = version.split('.');
  const entry = AURORA_POSTGRESQL_MAJORS[major ?? ''];
  return entry !== undefined && Number(minor) >= entry.autoPauseFromMinor;
}

const version = z
  .string()
  .regex(/^\d+\.\d+$/, 'is not an Aurora PostgreSQL version (MAJOR.MINOR, for example 16.6)')
  .refine((v) => MAJORS.includes(v.split('.')[0] ?? ''), {
    error: `is not an Aurora PostgreSQL version landfall supports (allowed majors: ${MAJORS.join(', ')})`,
  });

/**
 * Graviton instance classes Aurora PostgreSQL offers: db.r6g, db.r7g, db.r8g, db.x2g and db.t4g (burstable, for
 * small databases). Intel and AMD classes (db.r6i, db.r5, db.t3) are not accepted: landfall runs on ARM64.
 */
export const GRAVITON_INSTANCE_CLASS = /^db\.(r6g|r7g|r8g|x2g|t4g)\.(medium|large|xlarge|[1-9][0-9]?xlarge)$/;

/** A PostgreSQL database name: lowercase letters, digits and underscores, starting with a letter, at most 63. */
const databaseName = z
  .string()
  .regex(
    /^[a-z][a-z0-9_]{0,62}$/,
    'is not a PostgreSQL database name (a-z, 0-9, _, starting with a letter, at most 63 characters)',
  );

export const DatabaseAccessSchema = strict({
  /** Another service of the platform that connects to this database. */
  service: kebabName,
  /** `read` connects to the reader endpoint as `<service>_read`; `read-write` to the writer as `<service>`. */
  mode: z.enum(['read', 'read-write'], { error: 'is not an access mode (allowed: read, read-write)' }),
});

/**
 * A relational database owned by the service: an Aurora PostgreSQL cluster in its own stack. Capacity, readers,
 * backups, deletion protection and Insights come from the tier profile (`database*` settings).
 */
export const DatabaseSchema = strict({
  engine: z.literal('aurora-postgresql', {
    error: 'is not a database engine landfall offers (allowed: aurora-postgresql)',
  }),
  /** Aurora PostgreSQL engine version, MAJOR.MINOR. @default 16.6 */
  version: version.default(DEFAULT_AURORA_POSTGRESQL_VERSION),
  /** Statements slower than this are logged (`log_min_duration_statement`), counted and alarmed on, in milliseconds. */
  slowQueryMs: z
    .number()
    .int('must be a whole number of milliseconds')
    .min(1, 'must be above 0 milliseconds (0 would log every statement)')
    .max(3_600_000, 'must be at most 3600000 milliseconds (one hour)'),
  /** Database name inside the cluster. @default the service name with - replaced by _ */
  name: databaseName.optional(),
  /** Other services that connect, and how. @default only the owning service */
  access: z.array(DatabaseAccessSchema).optional(),
  /**
   * A provisioned Graviton instance class (for example `db.r7g.large`) instead of Aurora Serverless v2.
   * @default Aurora Serverless v2 with the profile's capacity range
   */
  instanceClass: z
    .string()
    .regex(
      GRAVITON_INSTANCE_CLASS,
      'is not a Graviton instance class Aurora PostgreSQL offers (allowed: db.r6g, db.r7g, db.r8g, db.x2g or db.t4g with a size, for example db.r7g.large)',
    )
    .optional(),
});
export type DatabaseConfig = z.infer<typeof DatabaseSchema>;

/** The database name of a service's database: its `name`, or the service name with - replaced by _. */
export function databaseNameOf(service: string, database: Pick<DatabaseConfig, 'name'>): string {
  return database.name ?? service.replace(/-/g, '_');
}
