import { PROFILES, taskBounds } from '../../lib/config';
import { referencePlatform, validate } from '../support/example';

/** Task bounds per tier: per-tier bounds over service bounds over the tier profile. */

const services = (scalingApi: Record<string, unknown>, scalingJobs: Record<string, unknown> = {}) => {
  const model = validate(referencePlatform(), {
    api: {
      name: 'api',
      kind: 'web',
      image: { directory: 'services/api' },
      cpu: 256,
      memoryMiB: 512,
      healthCheckPath: '/healthz',
      scaling: scalingApi,
    },
    jobs: {
      name: 'jobs',
      kind: 'worker',
      image: { directory: 'services/jobs' },
      cpu: 256,
      memoryMiB: 512,
      maxProcessingSeconds: 60,
      scaling: scalingJobs,
    },
  });
  return { api: model.services[0], jobs: model.services[1] };
};

describe('task bounds', () => {
  it('takes the tier profile when the service sets nothing', () => {
    const { api } = services({});
    expect(taskBounds(api, 'prod', PROFILES.prod)).toMatchObject({ minTasks: 2, maxTasks: 20 });
    expect(taskBounds(api, 'dev', PROFILES.dev)).toMatchObject({ minTasks: 1, maxTasks: 4 });
  });

  it('gives workers the profile worker minimum (zero in dev)', () => {
    const { jobs } = services({});
    expect(taskBounds(jobs, 'dev', PROFILES.dev).minTasks).toBe(0);
    expect(taskBounds(jobs, 'prod', PROFILES.prod).minTasks).toBe(1);
  });

  it('prefers the service bounds over the profile', () => {
    const { api } = services({ minTasks: 3, maxTasks: 9 });
    expect(taskBounds(api, 'dev', PROFILES.dev)).toMatchObject({ minTasks: 3, maxTasks: 9 });
  });

  it('prefers per-tier bounds over the service bounds, in that tier only', () => {
    const { api } = services({ maxTasks: 6, perTier: { prod: { maxTasks: 12 } } });
    expect(taskBounds(api, 'prod', PROFILES.prod).maxTasks).toBe(12);
    expect(taskBounds(api, 'stg', PROFILES.stg).maxTasks).toBe(6);
  });

  it('names where each bound came from', () => {
    const { api } = services({ perTier: { prod: { maxTasks: 12 } } });
    expect(taskBounds(api, 'prod', PROFILES.prod)).toMatchObject({
      minSource: { kind: 'profile', field: 'minTasks' },
      maxSource: { kind: 'service', path: 'scaling.perTier.prod.maxTasks' },
    });
  });
});
