/**
 * Gate: every `Fn::ImportValue` names an export of a stack the importing stack depends on, in the same account and
 * region, and export names are unique per account and region.
 *
 * AWS CloudFormation, "Fn::ImportValue" (the restrictions on cross-stack references): "For each AWS account, Export
 * names must be unique within a Region." and "You can't create cross-stack references across Regions. You can use
 * the intrinsic function Fn::ImportValue to import only values that have been exported within the same Region."
 * Without a stack dependency CloudFormation may create the importer first: "No export named ... found"
 * (AWS re:Post, "cloudformation no export found error": "The exported value isn't created or published before the
 * stack imports it").
 */
import type { Assembly, AssemblyStack, ReadinessProblem } from './assembly';
import { dependencyClosure, whereIs } from './assembly';
import { findIntrinsics, resolveString } from './intrinsics';

/** One export of the assembly. */
export interface AssemblyExport {
  readonly stack: AssemblyStack;
  readonly output: string;
  readonly name: string;
  readonly value: unknown;
}

/** One `Fn::ImportValue` of the assembly (each stack and name once). */
export interface AssemblyImport {
  readonly stack: AssemblyStack;
  readonly name: string;
}

const scoped = (stack: AssemblyStack, name: string) => `${whereIs(stack)}/${name}`;

/** Every export with a name that resolves offline; unresolvable names are problems. */
export function exportsOf(assembly: Assembly): { exports: AssemblyExport[]; problems: ReadinessProblem[] } {
  const exports: AssemblyExport[] = [];
  const problems: ReadinessProblem[] = [];
  for (const stack of assembly.stacks) {
    for (const [output, o] of Object.entries(stack.template.Outputs ?? {})) {
      if (o.Export === undefined) continue;
      const name = resolveString(o.Export.Name, stack);
      if (name === undefined) {
        problems.push({
          gate: 'imports',
          stack: stack.path,
          message: `${stack.path} output ${output} has an export name that cannot be resolved offline: ${JSON.stringify(o.Export.Name)}`,
        });
      } else exports.push({ stack, output, name, value: o.Value });
    }
  }
  return { exports, problems };
}

/** Every import (stack and resolved name); unresolvable names are problems. */
export function importsOf(assembly: Assembly): { imports: AssemblyImport[]; problems: ReadinessProblem[] } {
  const imports: AssemblyImport[] = [];
  const problems: ReadinessProblem[] = [];
  for (const stack of assembly.stacks) {
    const names = new Set<string>();
    for (const arg of findIntrinsics(stack.template, 'Fn::ImportValue')) {
      const name = resolveString(arg, stack);
      if (name === undefined) {
        problems.push({
          gate: 'imports',
          stack: stack.path,
          message: `${stack.path} imports a name that cannot be resolved offline: ${JSON.stringify(arg)}`,
        });
      } else names.add(name);
    }
    [...names].sort().forEach((name) => imports.push({ stack, name }));
  }
  return { imports, problems };
}

/** The export an import resolves to: the same name in the importer's account and region. */
export function exportFor(exports: readonly AssemblyExport[], imp: AssemblyImport): AssemblyExport | undefined {
  return exports.find((e) => scoped(e.stack, e.name) === scoped(imp.stack, imp.name));
}

export function checkImports(assembly: Assembly): ReadinessProblem[] {
  const found = exportsOf(assembly);
  const used = importsOf(assembly);
  const problems = [...found.problems, ...used.problems];

  const byScope = new Map<string, AssemblyExport[]>();
  for (const e of found.exports)
    byScope.set(scoped(e.stack, e.name), [...(byScope.get(scoped(e.stack, e.name)) ?? []), e]);
  for (const same of byScope.values()) {
    if (same.length < 2) continue;
    problems.push({
      gate: 'imports',
      stack: same[0].stack.path,
      message: `export "${same[0].name}" is declared by ${same.map((e) => e.stack.path).join(' and ')} in ${whereIs(same[0].stack)}: export names must be unique per account and region`,
    });
  }

  for (const imp of used.imports) {
    const exporter = exportFor(found.exports, imp);
    if (exporter === undefined) {
      const elsewhere = found.exports.filter((e) => e.name === imp.name);
      problems.push({
        gate: 'imports',
        stack: imp.stack.path,
        message:
          elsewhere.length === 0
            ? `${imp.stack.path} imports "${imp.name}", which no stack of the assembly exports`
            : `${imp.stack.path} imports "${imp.name}", exported by ${elsewhere.map((e) => `${e.stack.path} in ${whereIs(e.stack)}`).join(', ')}, not in its own account and region ${whereIs(imp.stack)}: exports are per account and region`,
      });
    } else if (exporter.stack.path === imp.stack.path) {
      problems.push({
        gate: 'imports',
        stack: imp.stack.path,
        message: `${imp.stack.path} imports its own export "${imp.name}": reference the value directly`,
      });
    } else if (!dependencyClosure(assembly, imp.stack).has(exporter.stack.path)) {
      problems.push({
        gate: 'imports',
        stack: imp.stack.path,
        message: `${imp.stack.path} imports "${imp.name}" from ${exporter.stack.path} but does not depend on it: CloudFormation may deploy the importer first and fail with "No export named ${imp.name} found"`,
      });
    }
  }
  return problems;
}
