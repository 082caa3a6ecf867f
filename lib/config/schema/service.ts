import { z } from 'zod';
import { describeAllowedMemory, FARGATE_CPU_VALUES, FARGATE_MEMORY_BY_CPU } from '../fargate';
import { kebabName, port, strict } from '../fields';
import { secretReferenceProblem } from '../secrets';
import { DatabaseSchema } from './database';
import { webOperations, workerOperations } from './service-operations';
import { WebScalingSchema, WorkerScalingSchema } from './scaling';
import { deploymentFields } from '../profiles';

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

/** A secret name or complete ARN, or one of those per environment; each string is checked by `checkSecretReferences`. */
const secretReference = z.union([z.string(), z.record(z.string(), z.string())], {
  error: 'must be a secret name, a complete secret ARN, or { ENVIRONMENT: name or ARN } for each environment',
});

function checkSecretReferences(secrets: Record<string, string | Record<string, string>>, ctx: z.RefinementCtx): void {
  for (const [variable, reference] of Object.entries(secrets)) {
    const entries: Array<[PropertyKey[], string]> =
      typeof reference === 'string'
        ? [[[variable], reference]]
        : Object.entries(reference).map(([environment, value]) => [[variable, environment], value]);
    for (const [path, value] of entries) {
      const message = secretReferenceProblem(value);
      if (message) ctx.addIssue({ code: 'custom', path, input: value, message });
    }
  }
}

/**
 * A rotation the service's team supplies for one of its secrets: a Lambda function in each environment's account and
 * region, by name (the same name in every environment), which Secrets Manager invokes on the schedule.
 */
const SecretRotationSchema = strict({
  /** Name of the rotation function (Lambda: 1-64 letters, digits, hyphens and underscores). */
  function: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{1,64}$/,
      'is not a Lambda function name (1-64 letters, digits, - and _; give the name, not the ARN)',
    ),
  /** Days between rotations (Secrets Manager RotationRules AutomaticallyAfterDays: 1-1000). */
  everyDays: z
    .number()
    .int('must be a whole number of days')
    .min(1, 'is not a rotation interval Secrets Manager allows (allowed: 1-1000 days)')
    .max(1000, 'is not a rotation interval Secrets Manager allows (allowed: 1-1000 days)'),
});

const cpu = z.number().refine((v) => FARGATE_CPU_VALUES.includes(v), {
  error: `is not a Fargate CPU value (allowed: ${FARGATE_CPU_VALUES.join(', ')})`,
});

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
  /**
   * Secrets injected as environment variables; the task may read these secrets only. Each is a secret name (in the
   * environment's account and region; never ending in a hyphen and 6 characters), a complete secret ARN, or one of
   * those per environment: `{ dev: 'arn:...-AbCdEf', prod: 'arn:...-GhIjKl' }`.
   */
  secrets: z.record(envVarName, secretReference).superRefine(checkSecretReferences).optional(),
  /**
   * Rotation schedules for secrets in `secrets`, by the same environment variable: `{ STRIPE_KEY: { function:
   * 'rotate-stripe-key', everyDays: 30 } }`. The database's own secret is rotated by RDS and needs none.
   * @default no rotation schedule (the profile's `secretMaxAgeDays` still reports secrets that stay unchanged)
   */
  secretRotation: z.record(envVarName, SecretRotationSchema).optional(),
  /** Workers this service enqueues work to: it gets send rights and `<WORKER>_QUEUE_URL`. */
  sendsTo: z.array(z.string()).optional(),
  /** The team that owns the service (`landfall:owner` tag). @default the platform owner */
  owner: z.string().min(1).optional(),
  /** An Aurora PostgreSQL database the service owns, in its own stack. @default no database */
  database: DatabaseSchema.optional(),
};

export const WebServiceSchema = strict({
  ...common,
  kind: z.literal('web'),
  /** Container port the load balancer sends traffic to. @default 8080 */
  port: port.default(8080),
  /** Health check path the load balancer polls (for example `/healthz`). Required: it gates every deploy. */
  healthCheckPath: z.string().regex(/^\/\S*$/, 'must be a path starting with /'),
  /**
   * Host label to route on: `api` routes `api.<environment domain>`. Every environment then needs a `domain`.
   * @default any host
   */
  host: z
    .string()
    .regex(
      /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
      'is not a DNS label (lowercase letters, digits and dashes, for example api)',
    )
    .optional(),
  /** Path patterns to route on (at most 5 with no host, 4 with one: the load balancer's limit per rule). @default ['/*'] */
  paths: z
    .array(
      z
        .string()
        .regex(
          /^\/[A-Za-z0-9_\-.$/~"'@:+?*&]*$/,
          'must be a path pattern starting with / (characters allowed by the load balancer)',
        ),
    )
    .min(1)
    .max(5)
    .default(['/*']),
  /**
   * Listener rule priority (1-50000, lower is evaluated first). Pin it only if adding a service would move this
   * service's derived priority (the synth diff shows it). @default derived from the route's specificity and name
   */
  listenerPriority: z
    .number()
    .int('must be a whole number')
    .min(1, 'is not a listener rule priority (allowed: 1-50000)')
    .max(50000, 'is not a listener rule priority (allowed: 1-50000)')
    .optional(),
  /** Seconds the load balancer lets in-flight requests finish before a task stops. @default 30 */
  deregistrationDelaySeconds: z
    .number()
    .int('must be a whole number of seconds')
    .min(0, 'is too small (allowed: 0-60 seconds)')
    .max(60, 'is too large (allowed: 0-60 seconds; longer delays make every deploy crawl)')
    .default(30),
  /** Task bounds and scaling targets. @default the tier profile's bounds and landfall's targets */
  scaling: WebScalingSchema.prefault({}),
  /**
   * Deployment settings of this service in every environment, over the environment's profile (for example
   * `{ deploymentStrategy: 'rolling' }` for a service whose clients cannot mix two revisions).
   * @default the environment's profile
   */
  deployment: strict(deploymentFields).partial().optional(),
  ...webOperations,
});

export const WorkerSchema = strict({
  ...common,
  kind: z.literal('worker'),
  /** Longest time one message may take to process, in seconds; the visibility timeout is derived from it. */
  maxProcessingSeconds: z
    .number()
    .int()
    .min(1)
    .max(7200, 'must be at most 7200 seconds (the visibility timeout limit is 12 hours)'),
  /** Receives before a message moves to the dead-letter queue. @default 5 */
  maxReceiveCount: z.number().int().min(1).max(1000).default(5),
  /** Task bounds and backlog per task. @default the tier profile's bounds, 10 messages per task */
  scaling: WorkerScalingSchema.prefault({}),
  ...workerOperations,
});

export const ServiceSchema = z
  .discriminatedUnion('kind', [WebServiceSchema, WorkerSchema], {
    error: 'is not a service kind (allowed: web, worker)',
  })
  .superRefine((service, ctx) => {
    for (const variable of Object.keys(service.secretRotation ?? {})) {
      if (service.secrets?.[variable] === undefined) {
        const known = Object.keys(service.secrets ?? {});
        ctx.addIssue({
          code: 'custom',
          path: ['secretRotation', variable],
          input: variable,
          message: `is not one of the service's secrets (${known.length === 0 ? 'it has none' : `allowed: ${known.join(', ')}`})`,
        });
      }
    }
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
