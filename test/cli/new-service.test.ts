import * as fs from 'node:fs';
import * as path from 'node:path';
import { newServiceCommand } from '../../lib/cli/new-service/command';
import { loadConfig } from '../../lib/config';
import { runIn, tempRepo } from '../support/cli';
import { allStacks, buildApp } from '../support/example';
import { synthFindings } from '../support/gates';

const newService = (root: string, args: string[]) =>
  runIn([newServiceCommand], ['new-service', ...args], { cwd: root });

/** Every file under the repository root except the lib link, relative, sorted. */
function filesOf(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) walk(full);
      else out.push(path.relative(root, full));
    }
  };
  walk(root);
  return out.sort();
}

describe('landfall new-service', () => {
  it('writes a web service that loads with loadConfig at once, with defaults valid against the schema', async () => {
    const root = tempRepo();
    const run = await newService(root, ['billing', '--kind', 'web']);
    expect(run.code).toBe(0);
    const billing = loadConfig(path.join(root, 'config')).services.find((s) => s.name === 'billing');
    // The generated file sets these; everything else comes from schema defaults (SLO, alarms, scaling).
    expect(billing).toMatchObject({
      name: 'billing',
      kind: 'web',
      image: { directory: 'services/billing' },
      cpu: 256,
      memoryMiB: 512,
      port: 8080,
      healthCheckPath: '/healthz',
      paths: ['/billing', '/billing/*'],
      slo: { availabilityPercent: 99.9 },
    });
  });

  it('writes a worker with a queue-processing app', async () => {
    const root = tempRepo();
    await newService(root, ['mailer', '--kind', 'worker']);
    const mailer = loadConfig(path.join(root, 'config')).services.find((s) => s.name === 'mailer');
    expect(mailer).toEqual(expect.objectContaining({ kind: 'worker', maxProcessingSeconds: 60, maxReceiveCount: 5 }));
    expect(fs.readFileSync(path.join(root, 'services', 'mailer', 'src', 'worker.js'), 'utf8')).toContain(
      'ReceiveMessageCommand',
    );
  });

  it('writes services/NAME with a Dockerfile on a multi-architecture base image and a minimal app', async () => {
    const root = tempRepo();
    const run = await newService(root, ['billing', '--kind', 'web']);
    expect(filesOf(root).filter((f) => f.startsWith('services/billing/'))).toEqual([
      'services/billing/.dockerignore',
      'services/billing/Dockerfile',
      'services/billing/README.md',
      'services/billing/package-lock.json',
      'services/billing/package.json',
      'services/billing/src/server.js',
    ]);
    const dockerfile = fs.readFileSync(path.join(root, 'services', 'billing', 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain('FROM public.ecr.aws/docker/library/node:24-alpine');
    expect(dockerfile).toContain('CMD ["node", "src/server.js"]');
    expect(run.stdout).toContain('Created the web service "billing"; the config validates:');
  });

  it('serves the health check the load balancer polls', async () => {
    const root = tempRepo();
    await newService(root, ['billing', '--kind', 'web']);
    const server = fs.readFileSync(path.join(root, 'services', 'billing', 'src', 'server.js'), 'utf8');
    expect(server).toContain("if (req.url === '/healthz')");
    expect(server).toContain("process.on('SIGTERM'");
  });

  it('gives the new sender sendsTo with --sends-to, and its app the queue URL variable', async () => {
    const root = tempRepo();
    await newService(root, ['billing', '--kind', 'web', '--sends-to', 'jobs']);
    expect(loadConfig(path.join(root, 'config')).services.find((s) => s.name === 'billing')?.sendsTo).toEqual(['jobs']);
    expect(fs.readFileSync(path.join(root, 'services', 'billing', 'src', 'server.js'), 'utf8')).toContain(
      "'jobs': process.env.JOBS_QUEUE_URL",
    );
  });

  it('leaves the worker it sends to unchanged', async () => {
    const root = tempRepo();
    const before = fs.readFileSync(path.join(root, 'config', 'services', 'jobs.ts'), 'utf8');
    await newService(root, ['billing', '--kind', 'web', '--sends-to', 'jobs']);
    expect(fs.readFileSync(path.join(root, 'config', 'services', 'jobs.ts'), 'utf8')).toBe(before);
  });

  it('refuses an existing name with the reason and writes nothing', async () => {
    const root = tempRepo();
    const before = filesOf(root);
    const run = await newService(root, ['jobs', '--kind', 'worker']);
    expect(run.code).toBe(4);
    expect(run.stderr).toBe(
      'landfall: service name "jobs" is taken: the worker service "jobs" exists\nhint: choose another name; nothing was written\n',
    );
    expect(filesOf(root)).toEqual(before);
  });

  it('refuses a name whose services/ directory already exists', async () => {
    const root = tempRepo();
    fs.mkdirSync(path.join(root, 'services', 'billing'), { recursive: true });
    const run = await newService(root, ['billing', '--kind', 'web']);
    expect(run.stderr.split('\n')[0]).toBe('landfall: service name "billing" is taken: services/billing exists');
  });

  it.each([
    [
      'Billing',
      '"Billing" is not a valid service name: it must be lower-kebab-case, 3-30 characters (a-z, 0-9, -), starting with a letter',
    ],
    [
      'my_service',
      '"my_service" is not a valid service name: it must be lower-kebab-case, 3-30 characters (a-z, 0-9, -), starting with a letter',
    ],
    [
      'ab',
      '"ab" is not a valid service name: it must be lower-kebab-case, 3-30 characters (a-z, 0-9, -), starting with a letter',
    ],
    [
      '9lives',
      '"9lives" is not a valid service name: it must be lower-kebab-case, 3-30 characters (a-z, 0-9, -), starting with a letter',
    ],
  ])('refuses the name %s, which breaks the naming rule, and writes nothing', async (name, message) => {
    const root = tempRepo();
    const before = filesOf(root);
    const run = await newService(root, [name, '--kind', 'web']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe(`landfall: ${message}`);
    expect(filesOf(root)).toEqual(before);
  });

  it('refuses --sends-to a worker that does not exist, and writes nothing', async () => {
    const root = tempRepo();
    const before = filesOf(root);
    const run = await newService(root, ['billing', '--kind', 'web', '--sends-to', 'mailer']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('landfall: --sends-to "mailer" is not a worker service (allowed: jobs)');
    expect(filesOf(root)).toEqual(before);
  });

  it('refuses --sends-to a web service', async () => {
    const run = await newService(tempRepo(), ['billing', '--kind', 'web', '--sends-to', 'api']);
    expect(run.stderr.split('\n')[0]).toBe('landfall: --sends-to "api" is not a worker service (allowed: jobs)');
  });

  it('requires --kind web or worker', async () => {
    expect((await newService(tempRepo(), ['billing'])).stderr.split('\n')[0]).toBe(
      'landfall: --kind is required (allowed: web, worker)',
    );
    expect((await newService(tempRepo(), ['billing', '--kind', 'cron'])).stderr.split('\n')[0]).toBe(
      'landfall: --kind "cron" is not allowed (allowed: web, worker)',
    );
  });

  it('synthesizes through buildPlatform with the generated service and passes the gates', async () => {
    const root = tempRepo();
    await newService(root, ['billing', '--kind', 'web', '--sends-to', 'jobs']);
    const model = loadConfig(path.join(root, 'config'));
    const cwd = process.cwd();
    process.chdir(root); // image directories are relative to the repository root, as under `cdk synth`
    try {
      const built = buildApp({ model, guard: true, failOnFindings: false });
      expect(allStacks(built.app).length).toBeGreaterThan(0);
      expect(synthFindings(built)).toEqual([]);
    } finally {
      process.chdir(cwd);
    }
  });
});
