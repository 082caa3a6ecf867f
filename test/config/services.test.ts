import { configErrorOf, referencePlatform, referenceServices, validate } from '../support/example';

/** Bad service definitions are rejected with a message that names the field, the value and what is allowed. */

const web = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  kind: 'web',
  image: { registry: 'public.ecr.aws/docker/library/nginx:1.27' },
  cpu: 256,
  memoryMiB: 512,
  healthCheckPath: '/healthz',
  ...extra,
});

/** The example services plus the given ones. */
const withServices = (extra: Record<string, unknown>) => ({ ...referenceServices(), ...extra });

/** The example platform with a domain in every environment (host routing needs one everywhere). */
const platformWithDomains = () => {
  const platform = referencePlatform();
  platform.environments[0].domain = {
    name: 'dev.example.com',
    certificateId: '00000000-0000-4000-8000-000000000444',
  };
  return platform;
};

describe('service config', () => {
  it('accepts the example services', () => {
    expect(validate(referencePlatform()).services.map((s) => s.name)).toEqual(['api', 'jobs']);
  });

  it('rejects a service that sends to an unknown worker', () => {
    const services = referenceServices();
    services.api.sendsTo = ['jobs', 'mailer'];
    expect(configErrorOf(referencePlatform(), services)).toBe(
      'config/services/api.ts has 1 problem:\n  * sendsTo[1]: "mailer" is not a worker service (allowed: jobs)',
    );
  });

  it('rejects a service that sends to a web service', () => {
    expect(
      configErrorOf(
        referencePlatform(),
        withServices({ front: web('front', { paths: ['/front/*'], sendsTo: ['api'] }) }),
      ),
    ).toBe('config/services/front.ts has 1 problem:\n  * sendsTo[0]: "api" is not a worker service (allowed: jobs)');
  });

  it('rejects a web service without a health-check path', () => {
    const services = referenceServices();
    delete services.api.healthCheckPath;
    expect(configErrorOf(referencePlatform(), services)).toBe(
      'config/services/api.ts has 1 problem:\n  * healthCheckPath: is missing (expected string)',
    );
  });

  it('rejects two web services on the same path without a host', () => {
    expect(configErrorOf(referencePlatform(), withServices({ web: web('web', { paths: ['/static/*', '/*'] }) }))).toBe(
      'config/services/web.ts has 1 problem:\n' +
        '  * paths[1]: "/*" on any host is already routed to the service in config/services/api.ts (each host and path goes to one service)',
    );
  });

  it('rejects two web services with the same host and path', () => {
    const services = withServices({
      admin: web('admin', { host: 'admin', paths: ['/*'] }),
      backoffice: web('backoffice', { host: 'admin', paths: ['/*'] }),
    });
    expect(configErrorOf(platformWithDomains(), services)).toBe(
      'config/services/backoffice.ts has 1 problem:\n' +
        '  * paths[0]: "/*" on host "admin" is already routed to the service in config/services/admin.ts (each host and path goes to one service)',
    );
  });

  it('accepts the same path on different hosts', () => {
    const services = withServices({ admin: web('admin', { host: 'admin' }), docs: web('docs', { host: 'docs' }) });
    expect(validate(platformWithDomains(), services).services).toHaveLength(4);
  });

  it('rejects a host when an environment has no domain', () => {
    expect(configErrorOf(referencePlatform(), withServices({ admin: web('admin', { host: 'admin' }) }))).toBe(
      'config/services/admin.ts has 1 problem:\n  * host: "admin" needs a domain in every environment to route on (environments without one: dev)',
    );
  });

  it('rejects a rule with a host and five paths (six condition values)', () => {
    const paths = ['/a/*', '/b/*', '/c/*', '/d/*', '/e/*'];
    expect(configErrorOf(platformWithDomains(), withServices({ admin: web('admin', { host: 'admin', paths }) }))).toBe(
      'config/services/admin.ts has 1 problem:\n' +
        '  * paths: has 5 path patterns and a host, 6 rule conditions (allowed: at most 4 paths with a host, 5 without)',
    );
  });

  it('rejects two services pinned to the same listener priority', () => {
    const services = referenceServices();
    services.api.listenerPriority = 10;
    expect(
      configErrorOf(referencePlatform(), { ...services, web: web('web', { paths: ['/web/*'], listenerPriority: 10 }) }),
    ).toBe(
      'config/services/web.ts has 1 problem:\n  * listenerPriority: 10 is already the listener priority of the service in config/services/api.ts (priorities must be unique)',
    );
  });

  it('rejects a CPU value Fargate does not offer', () => {
    const services = referenceServices();
    services.api.cpu = 300;
    expect(configErrorOf(referencePlatform(), services)).toBe(
      'config/services/api.ts has 1 problem:\n  * cpu: 300 is not a Fargate CPU value (allowed: 256, 512, 1024, 2048, 4096, 8192, 16384)',
    );
  });

  it('rejects memory that does not pair with the CPU', () => {
    const services = referenceServices();
    services.jobs.memoryMiB = 4096;
    expect(configErrorOf(referencePlatform(), services)).toBe(
      'config/services/jobs.ts has 1 problem:\n  * memoryMiB: 4096 is not allowed with cpu 256 (allowed: 512, 1024, 2048)',
    );
  });

  it('rejects min tasks above max tasks', () => {
    const services = referenceServices();
    services.jobs.scaling = { minTasks: 5, maxTasks: 3 };
    expect(configErrorOf(referencePlatform(), services)).toBe(
      'config/services/jobs.ts has 1 problem:\n  * scaling.minTasks: 5 is above the maximum of 3 tasks in environments "dev", "stg", "prod" (allowed: 0-3)',
    );
  });

  it('rejects a per-tier minimum above the maximum, naming the environment', () => {
    const services = referenceServices();
    services.api.scaling = { maxTasks: 6, perTier: { prod: { minTasks: 8 } } };
    expect(configErrorOf(referencePlatform(), services)).toBe(
      'config/services/api.ts has 1 problem:\n  * scaling.perTier.prod.minTasks: 8 is above the maximum of 6 tasks in environment "prod" (allowed: 1-6)',
    );
  });

  it('rejects a maximum below the tier profile minimum', () => {
    const services = referenceServices();
    services.api.scaling = { maxTasks: 1 };
    expect(configErrorOf(referencePlatform(), services)).toBe(
      'config/services/api.ts has 1 problem:\n' +
        '  * scaling.maxTasks: 1 is below the minimum of 2 tasks from the tier profile (minTasks) in environment "prod" (allowed: 2-1000, or set a lower scaling.minTasks)',
    );
  });

  it('rejects a minimum of zero tasks for a web service', () => {
    const services = referenceServices();
    services.api.scaling = { minTasks: 0 };
    expect(configErrorOf(referencePlatform(), services)).toBe(
      'config/services/api.ts has 1 problem:\n  * scaling.minTasks: 0 is not allowed for a web service (minimum: 1 task; only workers scale to zero)',
    );
  });

  it('rejects a maximum of zero tasks for a web service in one tier', () => {
    const services = referenceServices();
    services.api.scaling = { perTier: { dev: { maxTasks: 0 } } };
    expect(configErrorOf(referencePlatform(), services)).toBe(
      'config/services/api.ts has 1 problem:\n  * scaling.perTier.dev.maxTasks: 0 is not allowed for a web service (minimum: 1 task; only workers scale to zero)',
    );
  });

  it('accepts a minimum of zero tasks for a worker', () => {
    const services = referenceServices();
    services.jobs.scaling = { minTasks: 0, maxTasks: 3 };
    expect(validate(referencePlatform(), services).services[1].scaling).toEqual({ minTasks: 0, maxTasks: 3 });
  });

  it('rejects a maximum of zero tasks for a worker', () => {
    const services = referenceServices();
    services.jobs.scaling = { maxTasks: 0 };
    expect(configErrorOf(referencePlatform(), services)).toBe(
      'config/services/jobs.ts has 1 problem:\n' +
        '  * scaling.maxTasks: 0 is not allowed for a worker (minimum: 1 task; a worker that may never run cannot drain its queue)',
    );
  });

  it('rejects a deregistration delay over 60 seconds', () => {
    const services = referenceServices();
    services.api.deregistrationDelaySeconds = 300;
    expect(configErrorOf(referencePlatform(), services)).toBe(
      'config/services/api.ts has 1 problem:\n  * deregistrationDelaySeconds: 300 is too large (allowed: 0-60 seconds; longer delays make every deploy crawl)',
    );
  });

  it('rejects a scaling target outside its range', () => {
    const services = referenceServices();
    services.api.scaling = { cpuTargetPercent: 95 };
    expect(configErrorOf(referencePlatform(), services)).toBe(
      'config/services/api.ts has 1 problem:\n  * scaling.cpuTargetPercent: 95 is too large (allowed: 10-90 percent)',
    );
  });

  it('rejects a host that is not a DNS label', () => {
    expect(
      configErrorOf(platformWithDomains(), withServices({ admin: web('admin', { host: 'admin.example.com' }) })),
    ).toBe(
      'config/services/admin.ts has 1 problem:\n  * host: "admin.example.com" is not a DNS label (lowercase letters, digits and dashes, for example api)',
    );
  });
});
