/**
 * A synthesized cloud assembly (`cdk.out`) as the readiness gates read it: every stack of every nested stage
 * assembly, with its CloudFormation name, account, region, direct dependencies and template. Pure data: the caller
 * reads the files (`readJson`), so the gates need neither the file system nor aws-cdk-lib.
 */

/** A CloudFormation resource as synthesized. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
  readonly DependsOn?: string | readonly string[];
  readonly Metadata?: Readonly<Record<string, unknown>>;
}

/** A template output; `Export.Name` makes it importable with `Fn::ImportValue`. */
export interface TemplateOutput {
  readonly Value: unknown;
  readonly Export?: { readonly Name: unknown };
  readonly Description?: string;
}

/** A template parameter (`AWS::SSM::Parameter::Value<...>` parameters name SSM parameters in `Default`). */
export interface TemplateParameter {
  readonly Type: string;
  readonly Default?: unknown;
  readonly Description?: string;
}

export interface Template {
  readonly Resources?: Readonly<Record<string, TemplateResource>>;
  readonly Outputs?: Readonly<Record<string, TemplateOutput>>;
  readonly Parameters?: Readonly<Record<string, TemplateParameter>>;
}

/** One stack of the assembly. */
export interface AssemblyStack {
  /** Artifact ID in its manifest, for example `devPlatform13D038BC`. */
  readonly id: string;
  /** Construct path as `cdk` shows it, for example `dev/Platform`. */
  readonly path: string;
  /** CloudFormation stack name, for example `landfall-dev-platform`. */
  readonly stackName: string;
  /** Account ID, or `unknown-account` for an environment-agnostic stack. */
  readonly account: string;
  /** Region, or `unknown-region`. */
  readonly region: string;
  /** Paths of the stacks it depends on directly (asset manifests left out). */
  readonly dependencies: readonly string[];
  readonly template: Template;
}

export interface Assembly {
  /** Every stack, sorted by path. */
  readonly stacks: readonly AssemblyStack[];
}

/** One thing a gate found that would fail or misbehave at deploy time. */
export interface ReadinessProblem {
  readonly gate: GateName;
  /** Path of the stack the problem is reported against. */
  readonly stack: string;
  /** Logical ID of the resource, when the problem is about one. @default none (the stack as a whole) */
  readonly resource?: string;
  /** One readable sentence that names what is wrong and what AWS requires. */
  readonly message: string;
}

export type GateName = 'imports' | 'export-stability' | 'names' | 'singletons' | 'external-inputs' | 'writers';

interface ManifestArtifact {
  readonly type: string;
  readonly environment?: string;
  readonly displayName?: string;
  readonly dependencies?: readonly string[];
  readonly properties?: {
    readonly templateFile?: string;
    readonly directoryName?: string;
    readonly stackName?: string;
  };
}

/**
 * Read a cloud assembly through `readJson(relativePath)` (paths relative to the assembly root, `/`-separated):
 * `manifest.json`, the nested `assembly-<Stage>/manifest.json` it names, and each stack's template.
 */
export function assemblyFrom(readJson: (relativePath: string) => unknown): Assembly {
  const stacks: AssemblyStack[] = [];
  const visit = (dir: string) => {
    const prefix = dir === '' ? '' : `${dir}/`;
    const manifest = readJson(`${prefix}manifest.json`) as { artifacts?: Record<string, ManifestArtifact> };
    const artifacts = manifest.artifacts ?? {};
    const pathOf = (id: string) => artifacts[id]?.displayName ?? id;
    for (const [id, artifact] of Object.entries(artifacts)) {
      if (artifact.type === 'cdk:cloud-assembly' && artifact.properties?.directoryName !== undefined) {
        visit(`${prefix}${artifact.properties.directoryName}`);
      } else if (artifact.type === 'aws:cloudformation:stack' && artifact.properties?.templateFile !== undefined) {
        const env = /^aws:\/\/([^/]+)\/(.+)$/.exec(artifact.environment ?? '');
        stacks.push({
          id,
          path: pathOf(id),
          stackName: artifact.properties.stackName ?? id,
          account: env?.[1] ?? 'unknown-account',
          region: env?.[2] ?? 'unknown-region',
          dependencies: (artifact.dependencies ?? [])
            .filter((d) => artifacts[d]?.type === 'aws:cloudformation:stack')
            .map(pathOf),
          template: readJson(`${prefix}${artifact.properties.templateFile}`) as Template,
        });
      }
    }
  };
  visit('');
  return { stacks: stacks.sort((a, b) => a.path.localeCompare(b.path)) };
}

/** The stack with a path, or undefined. */
export function stackAt(assembly: Assembly, path: string): AssemblyStack | undefined {
  return assembly.stacks.find((s) => s.path === path);
}

/** Paths of every stack `stack` depends on, directly or transitively. */
export function dependencyClosure(assembly: Assembly, stack: AssemblyStack): Set<string> {
  const seen = new Set<string>();
  const queue = [...stack.dependencies];
  while (queue.length > 0) {
    const next = queue.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(stackAt(assembly, next)?.dependencies ?? []));
  }
  return seen;
}

/** Every resource of the assembly with its stack and logical ID. */
export function* resourcesOf(
  assembly: Assembly,
  type?: string,
): Generator<{ stack: AssemblyStack; id: string; resource: TemplateResource }> {
  for (const stack of assembly.stacks) {
    for (const [id, resource] of Object.entries(stack.template.Resources ?? {})) {
      if (type === undefined || resource.Type === type) yield { stack, id, resource };
    }
  }
}

/** `account/region` of a stack, as problems print it. */
export function whereIs(stack: Pick<AssemblyStack, 'account' | 'region'>): string {
  return `${stack.account}/${stack.region}`;
}
