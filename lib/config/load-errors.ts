import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TypeScriptModule from 'typescript';

type TypeScript = typeof TypeScriptModule;

/**
 * Why a config module could not be loaded, as messages a newcomer can act on: each with the line and column in
 * the file and the compiler's own words. Syntax errors are read with the TypeScript parser (the same messages as
 * the editor shows); an error thrown while the module runs names the line of the config file it came from.
 */
export function describeLoadError(file: string, err: unknown): string[] {
  const syntax = syntaxErrors(file);
  if (syntax.length > 0) return syntax;
  const message = err instanceof Error ? err.message : String(err);
  const esbuild = esbuildLocation(file, message);
  if (esbuild) return [esbuild];
  const first = message.split('\n')[0];
  const where = err instanceof Error ? stackLocation(file, err.stack) : undefined;
  return [`could not be loaded: ${where ? `${where}: ` : ''}${first}`];
}

/** Syntax errors of a TypeScript file as `line:column: message (TS code)`, or none. */
export function syntaxErrors(file: string): string[] {
  const ts = typescript();
  if (!ts || !fs.existsSync(file)) return [];
  const source = fs.readFileSync(file, 'utf8');
  const result = ts.transpileModule(source, {
    fileName: path.basename(file),
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  return (result.diagnostics ?? []).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, ' ');
    if (d.file === undefined || d.start === undefined) return `has a syntax error: ${text} (TS${d.code})`;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${line + 1}:${character + 1}: ${text} (TS${d.code})`;
  });
}

/** esbuild (tsx) reports `FILE:LINE:COL: ERROR: message` on the lines after "Transform failed". */
function esbuildLocation(file: string, message: string): string | undefined {
  const base = path.basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${base}:(\\d+):(\\d+): ERROR: (.+)`).exec(message);
  return match ? `${match[1]}:${match[2]}: ${match[3]}` : undefined;
}

/** `line:column` of the first stack frame inside the config file itself. */
function stackLocation(file: string, stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  const absolute = path.resolve(file);
  for (const line of stack.split('\n')) {
    const at = line.indexOf(absolute);
    if (at === -1) continue;
    const match = /^:(\d+):(\d+)/.exec(line.slice(at + absolute.length));
    if (match) return `${match[1]}:${match[2]}`;
  }
  return undefined;
}

/** The TypeScript compiler when it is installed (a devDependency of every landfall repository). */
function typescript(): TypeScript | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('typescript') as TypeScript;
  } catch {
    return undefined;
  }
}
