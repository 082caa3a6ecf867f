/**
 * Deployment waves per stage, read from a cloud assembly on disk (`cdk.out`): the `dependencies` of each stack
 * artifact in each stage's nested assembly, as the CDK CLI orders `cdk deploy 'STAGE/*'`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dependencyWaves } from '../lib/plan/waves';

interface Artifact {
  readonly type: string;
  readonly displayName?: string;
  readonly dependencies?: readonly string[];
  readonly properties?: { readonly directoryName?: string };
}

interface Manifest {
  readonly artifacts?: Readonly<Record<string, Artifact>>;
}

const readManifest = (dir: string): Manifest =>
  JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;

/** Waves of every stage (nested assembly) of the assembly in `outdir`, by stage name; stacks named by display name. */
export function assemblyWaves(outdir: string): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const [id, artifact] of Object.entries(readManifest(outdir).artifacts ?? {})) {
    if (artifact.type !== 'cdk:cloud-assembly' || artifact.properties?.directoryName === undefined) continue;
    const stacks = Object.entries(readManifest(path.join(outdir, artifact.properties.directoryName)).artifacts ?? {})
      .filter(([, a]) => a.type === 'aws:cloudformation:stack')
      .map(([stackId, a]) => ({ stackId, name: a.displayName ?? stackId, dependencies: a.dependencies ?? [] }));
    const nameOf = new Map(stacks.map((s) => [s.stackId, s.name]));
    const waves = dependencyWaves(
      stacks.map((s) => ({
        id: s.name,
        dependencies: s.dependencies.flatMap((d) => {
          const name = nameOf.get(d);
          return name === undefined ? [] : [name];
        }),
      })),
    );
    out.set(artifact.displayName ?? id.replace(/^assembly-/, ''), waves);
  }
  return out;
}
