import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * A copy of a cloud assembly with one stack's template changed, to show a review command what a broken or stale
 * cdk.out looks like. `stackFile` matches the template file name (for example `OrgCost`).
 */
export function mutatedAssembly(
  outdir: string,
  stackFile: string,
  mutate: (template: { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> }) => void,
): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'landfall-mutated-'));
  fs.cpSync(outdir, copy, { recursive: true });
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.startsWith(stackFile) && entry.name.endsWith('.template.json')) files.push(full);
    }
  };
  walk(copy);
  if (files.length !== 1)
    throw new Error(`expected one template named ${stackFile}* in ${outdir}, found ${files.length}`);
  const template = JSON.parse(fs.readFileSync(files[0], 'utf8'));
  mutate(template);
  fs.writeFileSync(files[0], JSON.stringify(template));
  return copy;
}

/** An empty directory: what `--out` points at before `cdk synth`. */
export function emptyDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'landfall-empty-'));
}
