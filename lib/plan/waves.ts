/**
 * Dependency waves: stacks that CloudFormation (through the CDK CLI) can deploy side by side. Wave 1 holds the stacks
 * with no dependency; a stack is in the wave after the latest wave of its dependencies. The number of waves is the
 * longest dependency chain, so it bounds how long an environment's deployment takes however many stacks it has.
 */

/** One stack and the stacks it depends on (by the same ids). */
export interface DependencyNode {
  readonly id: string;
  readonly dependencies: readonly string[];
}

/**
 * The waves of a set of stacks, each sorted by id. Dependencies on ids outside the set (assets, stacks of other
 * stages) are ignored. Throws on a cycle, naming the stacks in it.
 */
export function dependencyWaves(nodes: readonly DependencyNode[]): string[][] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const wave = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (id: string, path: readonly string[]): number => {
    const known = wave.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) throw new Error(`dependency cycle: ${[...path.slice(path.indexOf(id)), id].join(' -> ')}`);
    visiting.add(id);
    const node = byId.get(id);
    const deps = (node?.dependencies ?? []).filter((d) => byId.has(d));
    const own = 1 + Math.max(0, ...deps.map((d) => visit(d, [...path, id])));
    visiting.delete(id);
    wave.set(id, own);
    return own;
  };
  for (const n of nodes) visit(n.id, []);
  const count = Math.max(0, ...wave.values());
  return Array.from({ length: count }, (_, i) =>
    nodes
      .filter((n) => wave.get(n.id) === i + 1)
      .map((n) => n.id)
      .sort(),
  );
}
