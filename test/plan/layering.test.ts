import * as fs from 'node:fs';
import * as path from 'node:path';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { partitionOf } from '../../lib/plan/regions';
import { REPO_ROOT } from '../support/example';

/**
 * ARCHITECTURE.md, layering: `lib/config` and `lib/plan` never import CDK, stacks or stages; `lib/config` never
 * imports the plan; `lib/plan` does no I/O. Checked on the import statements of every file of both folders.
 */
function sources(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.ts')) out.push(full);
    }
  };
  walk(path.join(REPO_ROOT, dir));
  return out.sort();
}

/** `file: specifier` for every import of a file whose resolved target matches `forbidden`. */
function importsOf(dir: string, forbidden: (specifier: string, resolved: string) => boolean): string[] {
  return sources(dir).flatMap((file) => {
    const text = fs.readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+'([^']+)'/g)].map((m) => m[1]);
    return specifiers
      .filter((s) =>
        forbidden(s, s.startsWith('.') ? path.relative(REPO_ROOT, path.resolve(path.dirname(file), s)) : s),
      )
      .map((s) => `${path.relative(REPO_ROOT, file)}: ${s}`);
  });
}

const isCdk = (s: string) => s === 'aws-cdk-lib' || s.startsWith('aws-cdk-lib/') || s === 'constructs';
const isLayerAbove = (resolved: string) => /^(lib\/(stacks|stages|checks|cli)|constructs|bin)(\/|$)/.test(resolved);

describe('layering of the pure layers', () => {
  it('lib/config imports neither CDK nor lib/plan, stacks or stages', () => {
    expect(importsOf('lib/config', (s, r) => isCdk(s) || isLayerAbove(r) || /^lib\/(plan|org)(\/|$)/.test(r))).toEqual(
      [],
    );
  });

  it('lib/plan imports neither CDK nor stacks, stages or constructs', () => {
    expect(importsOf('lib/plan', (s, r) => isCdk(s) || isLayerAbove(r))).toEqual([]);
  });

  it('lib/plan does no I/O (no file system, processes or network)', () => {
    expect(importsOf('lib/plan', (s) => /^(node:)?(fs|fs\/promises|child_process|net|http|https)$/.test(s))).toEqual(
      [],
    );
  });
});

describe('partitionOf', () => {
  it("agrees with aws-cdk-lib's region table for every region it knows", () => {
    const regions = RegionInfo.regions.map((r) => r.name);
    expect(regions.length).toBeGreaterThan(30);
    expect(regions.filter((r) => partitionOf(r) !== RegionInfo.get(r).partition)).toEqual([]);
  });
});

describe('environment stages map the plan', () => {
  const ENVIRONMENT_FILES = [
    'lib/stages/environment-stage.ts',
    'lib/stages/services.ts',
    'lib/stages/observability.ts',
    'lib/stacks/network-stack.ts',
    'lib/stacks/platform-stack.ts',
    'lib/stacks/web-service-stack.ts',
    'lib/stacks/worker-stack.ts',
    'lib/stacks/observability-stack.ts',
  ];
  const offending = (pattern: RegExp) =>
    ENVIRONMENT_FILES.filter((f) => pattern.test(fs.readFileSync(path.join(REPO_ROOT, f), 'utf8')));

  it('read no tier profile and no service file: the environment plan resolved them once', () => {
    expect(offending(/\.profile\b|retainData|taskBounds|listenerPriorities|resolveProfile/)).toEqual([]);
  });

  it('cast no number to a CDK retention and choose no removal policy: lib/stages/cdk-values.ts does', () => {
    expect(offending(/as logs\.RetentionDays|RemovalPolicy\.(RETAIN|DESTROY)/)).toEqual([]);
  });
});
