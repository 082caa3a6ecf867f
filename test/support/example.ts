import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stage } from 'aws-cdk-lib';
import type { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { buildPlatform, stacksOf } from '../../lib/app';
import type { PlatformStages } from '../../lib/app';
import { applyChecks } from '../../lib/checks';
import type { ConfigSource, LandfallModel, PlatformInput, ServiceInput } from '../../lib/config';
import { loadPlatform, validatePlatform } from '../../lib/plan/load';

export const REPO_ROOT = path.resolve(__dirname, '../..');
/**
 * The reference fixture: the root of a repository as landfall ships it (`config/`, `services/`), owned by the tests.
 * Product tests build and check this platform, never the team's own `config/` (the platform suite checks that).
 */
export const REFERENCE_ROOT = path.join(REPO_ROOT, 'test', 'fixtures', 'reference');
export const REFERENCE_CONFIG_DIR = path.join(REFERENCE_ROOT, 'config');

/** The feature flags of `cdk.json`, so tests build the same app `cdk synth` builds. */
export const CDK_JSON_CONTEXT: Record<string, unknown> = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8'),
).context;

/** The reference config, validated as the app and `landfall validate` do (config and plan checks). */
export function referenceModel(): LandfallModel {
  return loadPlatform(REFERENCE_CONFIG_DIR);
}

/** A deep copy of the reference `platform.ts` definition, to mutate in a test. */
export function referencePlatform(): PlatformInput & Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return structuredClone(require(path.join(REFERENCE_CONFIG_DIR, 'platform.ts')).default);
}

/** Deep copies of the reference services, keyed by name. */
export function referenceServices(): Record<string, ServiceInput & Record<string, unknown>> {
  const dir = path.join(REFERENCE_CONFIG_DIR, 'services');
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      .map((f) => [f.replace(/\.ts$/, ''), structuredClone(require(path.join(dir, f)).default)]),
  );
}

/** Validate in-memory definitions named like the config files, with image directories relative to the fixture. */
export function validate(platform: unknown, services: Record<string, unknown> = referenceServices()): LandfallModel {
  const sources: ConfigSource[] = Object.entries(services).map(([name, data]) => ({
    file: `config/services/${name}.ts`,
    data,
  }));
  return { ...validatePlatform({ file: 'config/platform.ts', data: platform }, sources), root: REFERENCE_ROOT };
}

/** The message `validate` throws, or a failure when it does not throw. */
export function configErrorOf(platform: unknown, services?: Record<string, unknown>): string {
  try {
    validate(platform, services);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the config to be rejected, but it was accepted');
}

export interface BuiltApp {
  readonly app: App;
  readonly stages: PlatformStages;
  readonly outdir: string;
}

/**
 * Build the platform from a model (the reference fixture by default) with the gates registered, in a temporary outdir.
 * `app.synth()` throws on an unacknowledged finding unless `failOnFindings` is false.
 */
export function buildApp(options: { model?: LandfallModel; guard?: boolean; failOnFindings?: boolean } = {}): BuiltApp {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'landfall-test-'));
  const app = new App({
    outdir,
    context: { ...CDK_JSON_CONTEXT, '@aws-cdk/core:failSynthOnValidationErrors': options.failOnFindings ?? true },
    // As bin/landfall.ts: cfn-lint covers templates in the gates, the built-in validation would double synth time.
    builtinCloudFormationValidation: false,
  });
  const stages = buildPlatform(app, options.model ?? referenceModel());
  applyChecks(app, { guard: options.guard ?? false });
  return { app, stages, outdir };
}

/** Every stack of the app, across stages, sorted by path. */
export function allStacks(root: IConstruct): Stack[] {
  return stacksOf(root);
}

/** The stage of an environment, by name. */
export function stageOf(built: BuiltApp, name: string): Stage {
  const stage = built.app.node.tryFindChild(name);
  if (!Stage.isStage(stage)) throw new Error(`no stage ${name}`);
  return stage;
}

/** The stack with construct path `Stage/Stack` (for example `prod/Baseline`). */
export function stackAt(built: BuiltApp, stackPath: string): Stack {
  const stack = allStacks(built.app).find((s) => s.node.path === stackPath);
  if (!stack)
    throw new Error(
      `no stack ${stackPath} (stacks: ${allStacks(built.app)
        .map((s) => s.node.path)
        .join(', ')})`,
    );
  return stack;
}
