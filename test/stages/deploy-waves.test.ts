import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildPlatform } from '../../lib/app';
import { assemblyWaves } from '../../bench/assembly-waves';
import { CDK_JSON_CONTEXT, referencePlatform, validate } from '../support/example';

/**
 * An environment deploys in at most three dependency waves whatever its number of services: [Baseline, Network] ->
 * [Platform, RegionalBaseline-<region> (after Baseline)] -> [every service and Observability stack]. Counted from the cloud assembly manifest (each stack
 * artifact's `dependencies`), as `cdk deploy '<env>/*'` orders the stacks.
 */
function services(count: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const workers = Math.floor(count / 2);
  for (let i = 0; i < count - workers; i++) {
    out[`web-${i}`] = {
      name: `web-${i}`,
      kind: 'web',
      image: { registry: 'public.ecr.aws/nginx/nginx:stable' },
      cpu: 256,
      memoryMiB: 512,
      healthCheckPath: '/healthz',
      paths: i === 0 ? ['/*'] : [`/web-${i}/*`],
      // Every web service sends to a worker: no order between them follows.
      ...(workers > 0 ? { sendsTo: [`worker-${i % workers}`] } : {}),
    };
  }
  for (let i = 0; i < workers; i++) {
    out[`worker-${i}`] = {
      name: `worker-${i}`,
      kind: 'worker',
      image: { registry: 'public.ecr.aws/nginx/nginx:stable' },
      cpu: 256,
      memoryMiB: 512,
      maxProcessingSeconds: 60,
      // Workers may send to each other, in a cycle.
      sendsTo: workers > 1 ? [`worker-${(i + 1) % workers}`] : [],
    };
  }
  return out;
}

function wavesOf(count: number): Map<string, string[][]> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'landfall-waves-'));
  const app = new App({ context: CDK_JSON_CONTEXT, outdir, builtinCloudFormationValidation: false });
  buildPlatform(app, validate(referencePlatform(), services(count)));
  app.synth();
  return assemblyWaves(outdir);
}

describe.each([1, 30])('an environment with %d services', (count) => {
  const waves = wavesOf(count);

  it.each(['dev', 'stg', 'prod'])(
    '%s deploys in 3 waves: Baseline and Network, Platform, then everything else',
    (env) => {
      const shape = (waves.get(env) ?? []).map((wave) =>
        wave.map((s) =>
          s
            .replace(`${env}/`, '')
            .replace(/^RegionalBaseline-.*/, 'RegionalBaseline')
            .replace(/^Service-.*/, 'Service')
            .replace(/^Observability.*/, 'Observability'),
        ),
      );
      expect(shape.map((wave) => [...new Set(wave)])).toEqual([
        ['Baseline', 'Network'],
        ['Platform', 'RegionalBaseline'],
        ['Observability', 'Service'],
      ]);
      expect(waves.get(env)?.[2]).toHaveLength(count + Math.ceil(count / 25));
    },
  );
});
