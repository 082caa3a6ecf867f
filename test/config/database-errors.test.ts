import { PROFILES } from '../../lib/config';
import { configErrorOf, referencePlatform, referenceServices, validate } from '../support/example';

type Db = Record<string, unknown>;
const withDatabase = (database: Db) => {
  const services = referenceServices();
  services.api.database = { engine: 'aurora-postgresql', slowQueryMs: 500, ...database } as never;
  return services;
};
const apiProblem = (line: string) => `config/services/api.ts has 1 problem:\n  * ${line}`;

describe('database config', () => {
  it('defaults the engine version to 16.6, which scales to 0 ACUs', () => {
    const model = validate(referencePlatform(), withDatabase({}));
    expect(model.services.find((s) => s.name === 'api')?.database?.version).toBe('16.6');
  });

  it('gives dev a range from 0 ACUs (auto-pause), prod a reader, 14 days of backups and deletion protection', () => {
    expect(PROFILES.dev).toMatchObject({
      databaseMinCapacityAcu: 0,
      databaseReaders: 0,
      databaseDeletionProtection: false,
    });
    expect(PROFILES.prod).toMatchObject({
      databaseMinCapacityAcu: 1,
      databaseReaders: 1,
      databaseBackupRetentionDays: 14,
      databaseDeletionProtection: true,
    });
  });

  it('rejects an engine Aurora does not offer through landfall', () => {
    expect(configErrorOf(referencePlatform(), withDatabase({ engine: 'aurora-mysql' }))).toBe(
      apiProblem(
        'database.engine: "aurora-mysql" is not a database engine landfall offers (allowed: aurora-postgresql)',
      ),
    );
  });

  it('rejects a major version past the end of Aurora standard support', () => {
    expect(configErrorOf(referencePlatform(), withDatabase({ version: '12.9' }))).toBe(
      apiProblem(
        'database.version: "12.9" is not an Aurora PostgreSQL version landfall supports (allowed majors: 13, 14, 15, 16, 17)',
      ),
    );
  });

  it('rejects a version that is not MAJOR.MINOR', () => {
    expect(configErrorOf(referencePlatform(), withDatabase({ version: '16' }))).toBe(
      apiProblem('database.version: "16" is not an Aurora PostgreSQL version (MAJOR.MINOR, for example 16.6)'),
    );
  });

  // RDS API reference, ServerlessV2ScalingConfiguration: "For versions that don't support Aurora Serverless v2
  // auto-pause, the smallest value that you can use is 0.5."
  it('rejects a version without auto-pause where the profile scales to 0 ACUs', () => {
    expect(configErrorOf(referencePlatform(), withDatabase({ version: '16.2' }))).toBe(
      apiProblem(
        'database.version: "16.2" cannot scale to 0 ACUs, the minimum capacity of dev (use 13.15, 14.12, 15.7, 16.3, 17.0 or later in its major, or set databaseMinCapacityAcu to 0.5 there)',
      ),
    );
  });

  it('rejects a slow-query threshold of 0', () => {
    expect(configErrorOf(referencePlatform(), withDatabase({ slowQueryMs: 0 }))).toBe(
      apiProblem('database.slowQueryMs: 0 must be above 0 milliseconds (0 would log every statement)'),
    );
  });

  it('rejects a negative slow-query threshold', () => {
    expect(configErrorOf(referencePlatform(), withDatabase({ slowQueryMs: -5 }))).toBe(
      apiProblem('database.slowQueryMs: -5 must be above 0 milliseconds (0 would log every statement)'),
    );
  });

  it('rejects an instance class that is not Graviton', () => {
    expect(configErrorOf(referencePlatform(), withDatabase({ instanceClass: 'db.r6i.large' }))).toBe(
      apiProblem(
        'database.instanceClass: "db.r6i.large" is not a Graviton instance class Aurora PostgreSQL offers (allowed: db.r6g, db.r7g, db.r8g, db.x2g or db.t4g with a size, for example db.r7g.large)',
      ),
    );
  });

  it('accepts a Graviton instance class', () => {
    expect(() => validate(referencePlatform(), withDatabase({ instanceClass: 'db.r8g.2xlarge' }))).not.toThrow();
  });

  it('rejects access granted to a service that does not exist', () => {
    expect(configErrorOf(referencePlatform(), withDatabase({ access: [{ service: 'billing', mode: 'read' }] }))).toBe(
      apiProblem('database.access[0].service: "billing" is not a service (allowed: jobs)'),
    );
  });

  it('rejects an access mode other than read and read-write', () => {
    expect(configErrorOf(referencePlatform(), withDatabase({ access: [{ service: 'jobs', mode: 'admin' }] }))).toBe(
      apiProblem('database.access[0].mode: "admin" is not an access mode (allowed: read, read-write)'),
    );
  });

  it('rejects a database name that another service database already uses', () => {
    const services = withDatabase({});
    services.jobs.database = { engine: 'aurora-postgresql', slowQueryMs: 200, name: 'api' } as never;
    expect(configErrorOf(referencePlatform(), services)).toBe(
      'config/services/jobs.ts has 1 problem:\n  * database.name: "api" is already the name of the database of service api (database names must be unique; set database.name)',
    );
  });

  it('rejects a capacity above 256 ACUs', () => {
    const platform = referencePlatform();
    platform.environments[2].overrides = { databaseMaxCapacityAcu: 512 };
    expect(configErrorOf(platform, withDatabase({}))).toBe(
      'config/platform.ts has 1 problem:\n  * environments[2].overrides.databaseMaxCapacityAcu: 512 is not an Aurora Serverless v2 capacity (allowed: 1-256 ACUs in steps of 0.5)',
    );
  });

  it('rejects a capacity that is not a step of 0.5 ACUs', () => {
    const platform = referencePlatform();
    platform.environments[0].overrides = { databaseMinCapacityAcu: 0.25 };
    expect(configErrorOf(platform, withDatabase({}))).toBe(
      'config/platform.ts has 1 problem:\n  * environments[0].overrides.databaseMinCapacityAcu: 0.25 is not an Aurora Serverless v2 capacity (allowed: 0-256 ACUs in steps of 0.5)',
    );
  });

  it('rejects a minimum capacity above the maximum', () => {
    const platform = referencePlatform();
    platform.environments[1].overrides = { databaseMinCapacityAcu: 8 };
    expect(configErrorOf(platform, withDatabase({}))).toBe(
      'config/platform.ts has 1 problem:\n  * environments[1].overrides.databaseMinCapacityAcu: gives a capacity range of 8-4 ACUs: the minimum is above the maximum',
    );
  });

  it('rejects fewer than 7 days of backups in prod', () => {
    const platform = referencePlatform();
    platform.environments[2].overrides = { databaseBackupRetentionDays: 3 };
    expect(configErrorOf(platform, withDatabase({}))).toBe(
      'config/platform.ts has 1 problem:\n  * environments[2].overrides.databaseBackupRetentionDays: 3 is below the 7 days a prod environment keeps at least (allowed: 7-35)',
    );
  });
});
