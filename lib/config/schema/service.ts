import { z } from 'zod';
import { describeAllowedMemory, FARGATE_CPU_VALUES, FARGATE_MEMORY_BY_CPU } from '../fargate';
import { kebabName, port, strict } from '../fields';
import { webOperations, workerOperations } from './service-operations';

const ImageSchema = z.union(
  [
    strict({
      /** A directory (relative to the repository root) with a Dockerfile; built for linux/arm64. */
      directory: z.string().min(1),
    }),
    strict({
      /** A registry image (`repository:tag` or `repository@sha256:...`); it must have a linux/arm64 variant. */
      registry: z.string().min(1),
    }),
  ],
  { error: 'must be { directory: "services/NAME" } or { registry: "REPOSITORY:TAG" }' },
);

const envVarName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'is not an environment variable name (A-Z, 0-9, _)');

const cpu = z
  .number()
  .refine((v) => FARGATE_CPU_VALUES.includes(v), { error: `is not a Fargate CPU value (allowed: ${FARGATE_CPU_VALUES.join(', ')})` });

const common = {
  /** Service name: lower-kebab-case, unique; part of stack and resource names. */
  name: kebabName,
  image: ImageSchema,
  /** Fargate CPU units (256 = 0.25 vCPU). */
  cpu,
  /** Task memory in MiB; must be a Fargate-valid pair with `cpu`. */
  memoryMiB: z.number().int('must be a whole number of MiB'),
  /** Plain environment variables. */
  environment: z.record(envVarName, z.string()).optional(),
  /** Secrets Manager secret names, injected as environment variables; the task may read these secrets only. */
  secrets: z.record(envVarName, z.string().min(1)).optional(),
  /** Workers this service enqueues work to: it gets send rights and `<WORKER>_QUEUE_URL`. */
  sendsTo: z.array(z.string()).optional(),
  /** The team that owns the service (`landfall:owner` tag). @default the platform owner */
  owner: z.string().min(1).optional(),
};

export const WebServiceSchema = strict({
  ...common,
  kind: z.literal('web'),
  /** Container port the load balancer sends traffic to. @default 8080 */
  port: port.default(8080),
  /** Health check path the load balancer polls (for example `/healthz`). Required: it gates every deploy. */
  healthCheckPath: z.string().regex(/^\/\S*$/, 'must be a path starting with /'),
  /** Host header to route on (for example `api.example.com`). @default any host */
  host: z.string().min(1).optional(),
  /** Path patterns to route on. @default ['/*'] */
  paths: z.array(z.string().regex(/^\/\S*$/, 'must be a path pattern starting with /')).min(1).default(['/*']),
  ...webOperations,
});

export const WorkerSchema = strict({
  ...common,
  kind: z.literal('worker'),
  /** Longest time one message may take to process, in seconds; the visibility timeout is derived from it. */
  maxProcessingSeconds: z.number().int().min(1).max(7200, 'must be at most 7200 seconds (the visibility timeout limit is 12 hours)'),
  /** Receives before a message moves to the dead-letter queue. @default 5 */
  maxReceiveCount: z.number().int().min(1).max(1000).default(5),
  ...workerOperations,
});

export const ServiceSchema = z
  .discriminatedUnion('kind', [WebServiceSchema, WorkerSchema], { error: 'is not a service kind (allowed: web, worker)' })
  .superRefine((service, ctx) => {
    const allowed = FARGATE_MEMORY_BY_CPU[service.cpu];
    if (allowed && !allowed.includes(service.memoryMiB)) {
      ctx.addIssue({
        code: 'custom',
        path: ['memoryMiB'],
        input: service.memoryMiB,
        message: `is not allowed with cpu ${service.cpu} (allowed: ${describeAllowedMemory(service.cpu)})`,
      });
    }
  });
export type ServiceConfig = z.infer<typeof ServiceSchema>;
export type WebServiceConfig = z.infer<typeof WebServiceSchema>;
export type WorkerConfig = z.infer<typeof WorkerSchema>;
export type ServiceInput = z.input<typeof ServiceSchema>;
