import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { BuiltApp } from './example';

interface ReportViolation {
  readonly ruleName: string;
  readonly description: string;
  readonly violatingConstructs: ReadonlyArray<{ readonly constructPath: string }>;
}
interface PluginReport {
  readonly pluginName: string;
  readonly conclusion?: string;
  readonly metadata?: { readonly error?: string };
  readonly violations: readonly ReportViolation[];
}

/** One unacknowledged finding, readable in a test failure. */
export interface Finding {
  readonly plugin: string;
  readonly rule: string;
  readonly constructPath: string;
}

/**
 * Synthesize an app built with `failOnFindings: false` and return the unacknowledged findings of the
 * framework's validation report: the same filter `cdk synth` applies, acknowledgments included.
 */
export function synthFindings(built: Pick<BuiltApp, 'app'>): Finding[] {
  const assembly = built.app.synth();
  const reportFile = path.join(assembly.directory, 'validation-report.json');
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { pluginReports: PluginReport[] };
  // A plugin that crashed reports no violation and checked nothing: that is a failure, never a clean result.
  const crashed = report.pluginReports.filter((p) => p.metadata?.error !== undefined);
  if (crashed.length > 0) {
    throw new Error(crashed.map((p) => `${p.pluginName} did not run: ${p.metadata?.error?.trim()}`).join('\n'));
  }
  return report.pluginReports.flatMap((p) =>
    p.violations.flatMap((v) =>
      v.violatingConstructs.map((c) => ({ plugin: p.pluginName, rule: v.ruleName, constructPath: c.constructPath })),
    ),
  );
}

/** Findings under one stack's construct path, as `plugin rule at path` lines. */
export function findingsIn(findings: readonly Finding[], stackPath: string, plugins: readonly string[]): string[] {
  return findings
    .filter(
      (f) =>
        plugins.includes(f.plugin) && (f.constructPath === stackPath || f.constructPath.startsWith(`${stackPath}/`)),
    )
    .map((f) => `${f.plugin} ${f.rule} at ${f.constructPath}`);
}

/** Every template file under a cloud assembly directory (nested stage assemblies included). */
export function templateFiles(outdir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.template.json')) out.push(full);
    }
  };
  walk(outdir);
  return out.sort();
}

/**
 * An external tool the tests need. Missing locally: the test skips with a message. Missing in CI (`CI=true`):
 * a failure, so a broken machine never passes as green.
 */
export function requireTool(command: string, args: readonly string[] = ['--version']): boolean {
  const found = spawnSync(command, args, { encoding: 'utf8' }).status === 0;
  if (!found && process.env.CI === 'true') {
    throw new Error(`${command} is required in CI (CI=true) but was not found on PATH`);
  }
  if (!found)
    console.warn(`SKIPPED: ${command} is not installed; the tests that need it are skipped (in CI they fail)`);
  return found;
}

/**
 * A Python module the tests need (for example `moto`, the AWS emulator). Missing locally: the tests skip with a
 * message. Missing in CI (`CI=true`): a failure.
 */
export function requirePythonModule(module: string, python = 'python3'): boolean {
  const found = spawnSync(python, ['-c', `import ${module}`], { encoding: 'utf8' }).status === 0;
  if (!found && process.env.CI === 'true') {
    throw new Error(
      `the Python module ${module} is required in CI (CI=true) but \`${python} -c "import ${module}"\` fails`,
    );
  }
  if (!found)
    console.warn(
      `SKIPPED: the Python module ${module} is not installed (${python} -c "import ${module}" fails); the tests that need it are skipped (in CI they fail)`,
    );
  return found;
}
