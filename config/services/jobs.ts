import { defineService } from '../../lib/config';

export default defineService({
  name: 'jobs',
  kind: 'worker',
  image: { directory: 'services/jobs' },
  cpu: 256,
  memoryMiB: 512,
  maxProcessingSeconds: 120,
  maxReceiveCount: 5,
  alarms: { maxMessageAgeSeconds: 900, stalledMinutes: 15 },
  scaling: { maxTasks: 4, messagesPerTask: 20 },
});
