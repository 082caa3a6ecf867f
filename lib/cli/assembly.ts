import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError, EXIT } from './errors';

/** A CloudFormation resource as synthesized. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
  /** Retain, Delete or Snapshot: what CloudFormation does with the resource when the stack removes it. */
  readonly DeletionPolicy?: string;
}

/** One synthesized stack of the cloud assembly, with its template. */
export interface AssemblyStack {
  /** Construct path as `cdk` shows it, for example `prod/Observability`. */
  readonly displayName: string;
  /** The stage (first part of the display name), for example `prod` or `Org`. */
  readonly stage: string;
  readonly account?: string;
  readonly region?: string;
  readonly templateFile: string;
  readonly resources: Readonly<Record<string, TemplateResource>>;
}

interface ManifestArtifact {
  readonly type: string;
  readonly environment?: string;
  readonly displayName?: string;
  readonly properties?: { readonly templateFile?: string; readonly directoryName?: string };
}

const HINT =
  'run `npx cdk synth --quiet` first: the report reads the synthesized templates in cdk.out, no AWS access needed';

/**
 * Every stack of a cloud assembly (`cdk.out/manifest.json` and the nested stage assemblies it names), with its
 * template. A missing assembly is a precondition error that says what to run first.
 */
export function readAssembly(dir: string): AssemblyStack[] {
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) {
    throw new CliError(`no cloud assembly at ${dir} (manifest.json is missing)`, EXIT.precondition, HINT);
  }
  const stacks: AssemblyStack[] = [];
  const visit = (assemblyDir: string) => {
    const manifest = readJson(path.join(assemblyDir, 'manifest.json')) as {
      artifacts?: Record<string, ManifestArtifact>;
    };
    for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
      if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName !== undefined) {
        visit(path.join(assemblyDir, artifact.properties.directoryName));
      } else if (artifact.type === 'aws:cloudformation:stack' && artifact.properties?.templateFile !== undefined) {
        const templateFile = path.join(assemblyDir, artifact.properties.templateFile);
        const template = readJson(templateFile) as { Resources?: Record<string, TemplateResource> };
        const displayName = artifact.displayName ?? id;
        const env = /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment ?? '');
        stacks.push({
          displayName,
          stage: displayName.includes('/') ? displayName.split('/')[0] : '',
          ...(env !== null && !env[1].startsWith('unknown') ? { account: env[1] } : {}),
          ...(env !== null && !env[2].startsWith('unknown') ? { region: env[2] } : {}),
          templateFile,
          resources: template.Resources ?? {},
        });
      }
    }
  };
  visit(dir);
  return stacks.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new CliError(`cannot read ${file}: ${reason}`, EXIT.precondition, HINT);
  }
}

/** The logical ID a `{ Ref }` or `{ Fn::GetAtt }` points to, if the value is one. */
export function referencedId(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const v = value as { Ref?: unknown; 'Fn::GetAtt'?: unknown };
  if (typeof v.Ref === 'string') return v.Ref;
  if (Array.isArray(v['Fn::GetAtt']) && typeof v['Fn::GetAtt'][0] === 'string') return v['Fn::GetAtt'][0];
  return undefined;
}

/** A property value as text: strings as they are, anything computed as `(computed)`. */
export function literal(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return value === undefined ? undefined : '(computed)';
}

/** USD amounts as people write them: `$1,500`, `$0.60`. */
export function usd(amount: number): string {
  return Number.isInteger(amount) ? `$${amount.toLocaleString('en-US')}` : `$${amount.toFixed(2)}`;
}

/** `1 alarm`, `2 alarms`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
