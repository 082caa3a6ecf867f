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
});
