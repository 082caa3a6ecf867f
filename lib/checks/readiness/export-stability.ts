/**
 * Gate: a change (the assembly before and after it) keeps every export another stack imports, with the same value.
 *
 * AWS CloudFormation, "Fn::ImportValue": "After another stack imports an output value, you can't delete the stack
 * that is exporting the output value or modify the exported output value. All the imports must be removed before
 * you can delete the exporting stack or modify the output value." The update of the exporting stack fails, and
 * the importing stacks cannot be updated first because they depend on it: the rollout deadlocks.
 */
import type { Assembly, AssemblyStack, ReadinessProblem } from './assembly';
import { whereIs } from './assembly';
import type { AssemblyExport } from './imports';
import { exportFor, exportsOf, importsOf } from './imports';

/** A stack's identity across two syntheses: CloudFormation name, account and region. */
const identity = (s: AssemblyStack) => `${whereIs(s)}/${s.stackName}`;

/** Stable JSON (sorted keys), so two value expressions compare by content. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function checkExportStability(before: Assembly, after: Assembly): ReadinessProblem[] {
  const beforeExports = exportsOf(before).exports;
  const afterExports = exportsOf(after).exports;
  const afterStacks = new Set(after.stacks.map(identity));

  // Each export in use before the change, with the stacks importing it.
  const inUse = new Map<AssemblyExport, AssemblyStack[]>();
  for (const imp of importsOf(before).imports) {
    const exporter = exportFor(beforeExports, imp);
    if (exporter !== undefined) inUse.set(exporter, [...(inUse.get(exporter) ?? []), imp.stack]);
  }

  const problems: ReadinessProblem[] = [];
  for (const [old, importers] of inUse) {
    // A stack the change removes is not updated by the new assembly; destroying it is a rollout step of its own.
    if (!afterStacks.has(identity(old.stack))) continue;
    const now = afterExports.find((e) => identity(e.stack) === identity(old.stack) && e.name === old.name);
    if (now !== undefined && canonical(now.value) === canonical(old.value)) continue;
    const removed = importers.filter((s) => !afterStacks.has(identity(s))).map((s) => s.path);
    const who = importers.map((s) => s.path).join(', ');
    const what =
      now === undefined
        ? `no longer exports "${old.name}", which ${who} ${importers.length === 1 ? 'imports' : 'import'}`
        : `changes the value of export "${old.name}", which ${who} ${importers.length === 1 ? 'imports' : 'import'}, from ${canonical(old.value)} to ${canonical(now.value)}`;
    const hint =
      removed.length > 0
        ? `; destroy ${removed.join(', ')} (removed by this change) before deploying ${old.stack.path}`
        : '';
    problems.push({
      gate: 'export-stability',
      stack: old.stack.path,
      resource: old.output,
      message: `${old.stack.path} ${what}: CloudFormation refuses to ${now === undefined ? 'remove' : 'modify'} an export in use${hint}`,
    });
  }
  return problems.sort((a, b) => a.message.localeCompare(b.message));
}
