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
  environment: { LOG_LEVEL: 'info' },
  // Secrets Manager secret names; the task may read these and no other secret.
  secrets: { API_TOKEN_SECRET: 'acme/api/token-secret' },
  scaling: { maxTasks: 6, perTier: { prod: { minTasks: 2, maxTasks: 12 } } },
});
