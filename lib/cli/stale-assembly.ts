import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CliIo } from './io';

/** The most recently modified file under `dir` (recursively), if any. */
export function newestFile(dir: string): { file: string; mtime: Date } | undefined {
  let newest: { file: string; mtime: Date } | undefined;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const mtime = fs.statSync(file).mtime;
    if (newest === undefined || mtime > newest.mtime) newest = { file, mtime };
  }
  return newest;
}

/**
 * The warning a review over cdk.out prints when the assembly is older than the config it was synthesized from
 * (its `manifest.json` older than the newest file under the config directory), or `undefined` when it is not
 * (or either is missing). The review still runs: the warning says what it may be missing.
 */
export function staleAssemblyWarning(io: CliIo, outDir: string, configDir: string): string | undefined {
  const manifest = path.join(outDir, 'manifest.json');
  if (!fs.existsSync(manifest) || !fs.existsSync(configDir) || !fs.statSync(configDir).isDirectory()) return undefined;
  const synthesized = fs.statSync(manifest).mtime;
  const newest = newestFile(configDir);
  if (newest === undefined || newest.mtime <= synthesized) return undefined;
  const shown = (p: string) => {
    const relative = path.relative(io.cwd, p);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : p;
  };
  return `warning: ${shown(outDir)} was synthesized at ${synthesized.toISOString()}, before ${shown(newest.file)} changed at ${newest.mtime.toISOString()}: the review may not match the config; run \`npx cdk synth\` first`;
}

/** Print the warning of `staleAssemblyWarning` on stderr, if there is one. */
export function warnIfStale(io: CliIo, outDir: string, configDir: string): void {
  const warning = staleAssemblyWarning(io, outDir, configDir);
  if (warning !== undefined) io.err(warning);
}
