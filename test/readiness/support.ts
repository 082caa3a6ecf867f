import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Assembly, AssemblyStack, Template, TemplateResource } from '../../lib/checks/readiness';

/** A stack of a hand-written assembly; account 444444444444 and region ap-northeast-1 unless given. */
export function stack(
  path: string,
  spec: {
    readonly account?: string;
    readonly region?: string;
    readonly stackName?: string;
    readonly dependencies?: readonly string[];
    readonly resources?: Record<string, TemplateResource>;
    readonly outputs?: Template['Outputs'];
    readonly parameters?: Template['Parameters'];
  } = {},
): AssemblyStack {
  return {
    id: path.replace(/[^A-Za-z0-9]/g, ''),
    path,
    stackName: spec.stackName ?? `landfall-${path.replace(/\//g, '-').toLowerCase()}`,
    account: spec.account ?? '444444444444',
    region: spec.region ?? 'ap-northeast-1',
    dependencies: spec.dependencies ?? [],
    template: {
      ...(spec.resources === undefined ? {} : { Resources: spec.resources }),
      ...(spec.outputs === undefined ? {} : { Outputs: spec.outputs }),
      ...(spec.parameters === undefined ? {} : { Parameters: spec.parameters }),
    },
  };
}

export function assembly(...stacks: AssemblyStack[]): Assembly {
  return { stacks: [...stacks].sort((a, b) => a.path.localeCompare(b.path)) };
}

/** A policy document with the given statements. */
export const policy = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement });

/**
 * Write stacks as a cloud assembly directory the way aws-cdk-lib does: a root manifest naming one nested
 * `assembly-<Stage>` per stage (the part of the path before `/`), each with its manifest and templates.
 */
export function writeAssembly(dir: string, stacks: readonly AssemblyStack[]): string {
  const stages = [...new Set(stacks.map((s) => s.path.split('/')[0]))];
  const write = (file: string, data: unknown) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(data, null, 1));
  };
  write(path.join(dir, 'manifest.json'), {
    version: '55.0.0',
    artifacts: Object.fromEntries([
      ...stages.map((stage) => [
        `assembly-${stage}`,
        { type: 'cdk:cloud-assembly', properties: { directoryName: `assembly-${stage}`, displayName: stage } },
      ]),
      ['Tree', { type: 'cdk:tree', properties: { file: 'tree.json' } }],
    ]),
  });
  for (const stage of stages) {
    const members = stacks.filter((s) => s.path.split('/')[0] === stage);
    const artifacts: Record<string, unknown> = {};
    for (const s of members) {
      artifacts[`${s.id}.assets`] = { type: 'cdk:asset-manifest', properties: { file: `${s.id}.assets.json` } };
      artifacts[s.id] = {
        type: 'aws:cloudformation:stack',
        environment: `aws://${s.account}/${s.region}`,
        properties: { templateFile: `${s.id}.template.json`, stackName: s.stackName },
        dependencies: [...s.dependencies.map((d) => stacks.find((x) => x.path === d)?.id ?? d), `${s.id}.assets`],
        displayName: s.path,
      };
      write(path.join(dir, `assembly-${stage}`, `${s.id}.template.json`), s.template);
    }
    write(path.join(dir, `assembly-${stage}`, 'manifest.json'), { version: '55.0.0', artifacts });
  }
  return dir;
}

/** A fresh temporary directory. */
export const tempDir = (prefix = 'landfall-readiness-') => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
