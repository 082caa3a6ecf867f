import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { NamedService } from '../../lib/plan/checks/names';
import { nameCollisions } from '../../lib/plan/checks/names';
import { configErrorOf, referencePlatform, referenceServices, REPO_ROOT } from '../support/example';
import { tempRepo } from '../support/cli';

/** Derived names of two services never collide: a plan check, reported in the config's format. */
const named = (file: string, name: string, names: NamedService['names']): NamedService => ({
  file,
  name,
  kind: 'worker',
  names,
});

describe('derived-name collisions', () => {
  it("rejects a worker whose queue is another worker's dead-letter queue", () => {
    const services = referenceServices();
    services['jobs-dlq'] = { ...services.jobs, name: 'jobs-dlq' };
    expect(configErrorOf(referencePlatform(), services)).toBe(
      'config/services/jobs-dlq.ts has 1 problem:\n' +
        '  * name: "jobs-dlq" derives the queue "landfall-dev-jobs-dlq", which is already the dead-letter queue of the worker in config/services/jobs.ts (in environments dev, stg, prod; SQS queue names are unique per account and region: rename one of the two)',
    );
  });

  it("rejects a service whose alarms are another service's database alarms (api's database and a service api-db)", () => {
    const services = referenceServices();
    services['api-db'] = { ...services.jobs, name: 'api-db' };
    expect(configErrorOf(referencePlatform(), services)).toBe(
      'config/services/api-db.ts has 1 problem:\n' +
        '  * name: "api-db" derives an alarm "landfall-dev-api-db-cpu-high", which is already a database alarm of the web service in config/services/api.ts (in environments dev, stg, prod; alarm names are unique per account and region: rename one of the two)',
    );
  });

  it('reports a collision together with every other config problem, in one error', () => {
    const platform = referencePlatform();
    platform.accounts[0].id = '12345';
    const services = referenceServices();
    services['jobs-dlq'] = { ...services.jobs, name: 'jobs-dlq' };
    expect(configErrorOf(platform, services)).toBe(
      [
        'config/platform.ts has 1 problem:',
        '  * accounts[0].id: "12345" is not a 12-digit AWS account ID',
        'config/services/jobs-dlq.ts has 1 problem:',
        '  * name: "jobs-dlq" derives the queue "landfall-dev-jobs-dlq", which is already the dead-letter queue of the worker in config/services/jobs.ts (in environments dev, stg, prod; SQS queue names are unique per account and region: rename one of the two)',
      ].join('\n'),
    );
  });

  it.each([
    ['logGroup', 'the log group', '/landfall/dev/a', 'log group names are unique per account and region'],
    ['alarm', 'an alarm', 'landfall-dev-a-cpu-high', 'alarm names are unique per account and region'],
    [
      'family',
      'the task definition family',
      'landfall-dev-a',
      'a task definition family holds the revisions of one service',
    ],
    ['ecsService', 'the ECS service', 'a', 'service names are unique in a cluster'],
  ] as const)('names the scope of a %s collision and why it must be unique', (scope, role, name, why) => {
    const first = named('config/services/a.ts', 'a', [{ scope, name, role }]);
    const second = named('config/services/b.ts', 'b', [{ scope, name, role }]);
    expect(nameCollisions([['dev', [first, second]]])).toEqual([
      {
        file: 'config/services/b.ts',
        path: 'name',
        message: `"b" derives ${role} "${name}", which is already ${role} of the worker in config/services/a.ts (in environment dev; ${why}: rename one of the two)`,
      },
    ]);
  });

  it('does not report the same name in different scopes (a queue and a log group may share one)', () => {
    const first = named('config/services/a.ts', 'a', [{ scope: 'queue', name: 'x', role: 'the queue' }]);
    const second = named('config/services/b.ts', 'b', [{ scope: 'logGroup', name: 'x', role: 'the log group' }]);
    expect(nameCollisions([['dev', [first, second]]])).toEqual([]);
  });
});

describe('one path for the app and landfall validate', () => {
  const root = tempRepo();
  const jobs = fs.readFileSync(path.join(root, 'config', 'services', 'jobs.ts'), 'utf8');
  fs.writeFileSync(
    path.join(root, 'config', 'services', 'jobs-dlq.ts'),
    jobs.replace("name: 'jobs'", "name: 'jobs-dlq'"),
  );
  const expected =
    'config/services/jobs.ts has 1 problem:\n' +
    '  * name: "jobs" derives the dead-letter queue "landfall-dev-jobs-dlq", which is already the queue of the worker in config/services/jobs-dlq.ts (in environments dev, stg, prod; SQS queue names are unique per account and region: rename one of the two)';

  it('landfall validate reports a collision of derived names and exits 1', () => {
    const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'landfall-cli.js'), 'validate'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect([result.status, result.stderr]).toEqual([1, `${expected}\n\n1 problem found; nothing was synthesized.\n`]);
  });

  it('the CDK app refuses to synthesize it with the same message', () => {
    const result = spawnSync(
      path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
      [path.join(REPO_ROOT, 'bin', 'landfall.ts')],
      {
        cwd: root,
        encoding: 'utf8',
        env: {
          ...process.env,
          CDK_OUTDIR: fs.mkdtempSync(path.join(root, 'cdk.out-')),
          CDK_CONTEXT_JSON: JSON.stringify({ 'landfall:config': 'config' }),
        },
      },
    );
    expect([result.status, result.stderr.trim()]).toEqual([1, expected]);
  });
});
