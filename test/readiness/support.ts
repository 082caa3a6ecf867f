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
