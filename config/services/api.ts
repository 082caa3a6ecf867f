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
  // Secrets Manager secret names (or complete ARNs); the task may read these and no other secret. A name must not
  // end in a hyphen and 6 characters: Secrets Manager would take them for the random suffix of a complete ARN.
  secrets: { API_TOKEN_SECRET: 'acme/api/token' },
  scaling: { maxTasks: 6, perTier: { prod: { minTasks: 2, maxTasks: 12 } } },
  // Aurora PostgreSQL in its own stack; capacity, readers, backups and Insights come from the tier profile. The
  // service gets DB_HOST, DB_PORT, DB_NAME and DB_SECRET_ARN; jobs reads through the reader endpoint.
  database: { engine: 'aurora-postgresql', slowQueryMs: 500, access: [{ service: 'jobs', mode: 'read' }] },
});
