/**
 * Gate: fixed physical names are unique in their AWS scope across the whole assembly (S3 bucket names across all
 * accounts, IAM names in an account, most others in an account and region), per the table in `name-scopes.ts`.
 * A second resource with a name already taken fails at deploy time ("already exists"), usually in another stack
 * than the one under review, so a per-template check cannot see it.
 */
import type { Assembly, AssemblyStack, ReadinessProblem } from './assembly';
import { resourcesOf } from './assembly';
import { partitionOf, resolveString } from './intrinsics';
import type { NameRule } from './name-scopes';
import { NAME_SCOPES, looksLikeName } from './name-scopes';

interface Declared {
  readonly type: string;
  readonly where: string;
  readonly stack: string;
  readonly resource: string;
  readonly name: string;
}

function valueAt(properties: Readonly<Record<string, unknown>>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], properties);
}

/**
 * The value of a scoping property (an ECS service's cluster) as comparable text: resolved where it can be; a
 * reference to a resource of the stack's own is qualified by the stack, since logical IDs repeat across stacks.
 */
function scopeValue(value: unknown, stack: AssemblyStack): string {
  const resolved = resolveString(value, stack, { resources: true });
  if (resolved !== undefined) return JSON.stringify(resolved);
  const text = JSON.stringify(value ?? null);
  return /"(Ref|Fn::GetAtt)"/.test(text) ? `${stack.path}:${text}` : text;
}

/** Custom resources take arbitrary properties; the singleton gate reads the account settings they make. */
const isCustom = (type: string) => type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource';

export function checkNames(assembly: Assembly): ReadinessProblem[] {
  const problems: ReadinessProblem[] = [];
  const declared = new Map<string, { rule: NameRule; scopeText: string; all: Declared[] }>();

  for (const { stack, id, resource } of resourcesOf(assembly)) {
    if (isCustom(resource.Type)) continue;
    const properties = resource.Properties ?? {};
    const entry = NAME_SCOPES[resource.Type];
    const covered = new Set([
      ...(entry?.names.map((r) => r.property.split('.')[0]) ?? []),
      ...Object.keys(entry?.notNames ?? {}),
    ]);
    for (const property of Object.keys(properties).filter(looksLikeName)) {
      if (covered.has(property)) continue;
      problems.push({
        gate: 'names',
        stack: stack.path,
        resource: id,
        message: `${stack.path} ${id}: ${resource.Type} has the name-like property ${property}, which the name table (lib/checks/readiness/name-scopes.ts) does not cover: add its scope or say what it is`,
      });
    }
    for (const rule of entry?.names ?? []) {
      if (rule.checkedBy !== undefined) continue;
      const raw = valueAt(properties, rule.property);
      if (raw === undefined) continue;
      const name = resolveString(raw, stack);
      if (name === undefined) continue; // derived from something unique (a resource reference): not comparable
      const within = rule.within === undefined ? undefined : scopeValue(valueAt(properties, rule.within), stack);
      const scopeKey =
        rule.scope === 'global'
          ? partitionOf(stack.region)
          : rule.scope === 'account'
            ? stack.account
            : `${stack.account}/${stack.region}`;
      const scopeText =
        rule.scope === 'global'
          ? `partition ${partitionOf(stack.region)} (every account)`
          : rule.scope === 'account'
            ? `account ${stack.account}`
            : `account ${stack.account} region ${stack.region}`;
      const compared = rule.caseInsensitive === true ? name.toLowerCase() : name;
      const key = [rule.namespace ?? `${resource.Type}:${rule.property}`, scopeKey, within ?? '', compared].join('|');
      const found = declared.get(key) ?? {
        rule,
        scopeText: within === undefined ? scopeText : `${scopeText} within ${rule.within} ${within}`,
        all: [],
      };
      found.all.push({ type: resource.Type, where: `${stack.path} ${id}`, stack: stack.path, resource: id, name });
      declared.set(key, found);
    }
  }

  for (const { rule, scopeText, all } of declared.values()) {
    if (all.length < 2) continue;
    const type = [...new Set(all.map((d) => d.type))].join(' and ');
    const names = [...new Set(all.map((d) => `"${d.name}"`))].join(' / ');
    problems.push({
      gate: 'names',
      stack: all[0].stack,
      resource: all[0].resource,
      message: `${type} ${rule.property} ${names} is declared ${all.length} times in ${scopeText}: ${all.map((d) => d.where).join(', ')} (${rule.source})`,
    });
  }
  return problems;
}
