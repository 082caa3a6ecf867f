import { FARGATE_MEMORY_BY_CPU } from '../../lib/config';
import { configErrorOf, referencePlatform, referenceServices, validate } from '../support/example';

describe('service config errors', () => {
  it('rejects a service name that is not lower-kebab-case', () => {
    const services = referenceServices();
    services.api.name = 'Api_Service';
    // The file is still api.ts, so the name check runs on the schema only (cross-file checks wait for valid files).
    expect(configErrorOf(referencePlatform(), services)).toBe(
      'config/services/api.ts has 1 problem:\n  * name: "Api_Service" must be lower-kebab-case, 3-30 characters (a-z, 0-9, -), starting with a letter',
    );
  });

  it('rejects two services with the same name', () => {
    const services = referenceServices();
    const copy = { ...services.api };
    expect(configErrorOf(referencePlatform(), { ...services, 'api-copy': copy })).toBe(
      [
        'config/services/api-copy.ts has 3 problems:',
        '  * name: "api" is already the name of the service in config/services/api.ts (service names must be unique)',
        '  * name: "api" does not match the file name (rename the file to api.ts or the service to "api-copy")',
        '  * paths[0]: "/*" on any host is already routed to the service in config/services/api.ts (each host and path goes to one service)',
      ].join('\n'),
    );
  });

  it('rejects a CPU value Fargate does not offer', () => {
    const services = referenceServices();
    services.jobs.cpu = 300 as 256;
    expect(configErrorOf(referencePlatform(), services)).toBe(
      'config/services/jobs.ts has 1 problem:\n  * cpu: 300 is not a Fargate CPU value (allowed: 256, 512, 1024, 2048, 4096, 8192, 16384)',
    );
  });

  it('rejects memory that is not valid with the CPU', () => {
    const services = referenceServices();
    services.jobs.memoryMiB = 4096;
    expect(configErrorOf(referencePlatform(), services)).toBe(
      'config/services/jobs.ts has 1 problem:\n  * memoryMiB: 4096 is not allowed with cpu 256 (allowed: 512, 1024, 2048)',
    );
  });

  it('accepts every CPU and memory pair of the Fargate table', () => {
    for (const [cpu, memories] of Object.entries(FARGATE_MEMORY_BY_CPU)) {
      for (const memoryMiB of memories) {
        const services = referenceServices();
        Object.assign(services.jobs, { cpu: Number(cpu), memoryMiB });
        expect(() => validate(referencePlatform(), services)).not.toThrow();
      }
    }
  });

  it('rejects a port out of range', () => {
    const services = referenceServices();
    Object.assign(services.api, { port: 70000 });
    expect(configErrorOf(referencePlatform(), services)).toBe(
      'config/services/api.ts has 1 problem:\n  * port: 70000 is not a port number (allowed: 1-65535)',
    );
  });

  it('rejects an unknown service kind', () => {
    const services = referenceServices();
    Object.assign(services.jobs, { kind: 'cron' });
    expect(configErrorOf(referencePlatform(), services)).toBe(
      'config/services/jobs.ts has 1 problem:\n  * kind: "cron" is not a service kind (allowed: web, worker)',
    );
  });

  it('rejects a misspelled key in a service', () => {
    const services = referenceServices();
    Object.assign(services.jobs, { memoryMb: 512 });
    expect(configErrorOf(referencePlatform(), services)).toMatch(
      /^config\/services\/jobs\.ts has 1 problem:\n {2}\* memoryMb: is not a known key \(allowed: name, image, cpu, memoryMiB, /,
    );
  });

  it('rejects a service that sends to an unknown worker', () => {
    const services = referenceServices();
    services.api.sendsTo = ['emails'];
    expect(configErrorOf(referencePlatform(), services)).toBe(
      'config/services/api.ts has 1 problem:\n  * sendsTo[0]: "emails" is not a worker service (allowed: jobs)',
    );
  });

  it('rejects an image that is neither a directory nor a registry image', () => {
    const services = referenceServices();
    Object.assign(services.api, { image: { dockerfile: 'services/api' } });
    expect(configErrorOf(referencePlatform(), services)).toBe(
      'config/services/api.ts has 1 problem:\n  * image: {"dockerfile":"services/api"} must be { directory: "services/NAME" } or { registry: "REPOSITORY:TAG" }',
    );
  });
});
