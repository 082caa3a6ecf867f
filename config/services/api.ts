import { defineService } from '../../lib/config';

export default defineService({
  name: 'api',
  kind: 'web',
  image: { directory: 'services/api' },
  cpu: 512,
  memoryMiB: 1024,
  port: 8080,
  healthCheckPath: '/healthz',
  paths: ['/*'],
  sendsTo: ['jobs'],
  slo: { availabilityPercent: 99.9, latencyTargetMs: 300, latencyPercent: 99 },
  alarms: { p99LatencyMs: 1000 },
});
