/**
 * Markdown summary of the gates for a pull request's job summary: unacknowledged and acknowledged findings per
 * pack from `cdk.out/validation-report.json`, and cfn-lint results over every template.
 * Usage: tsx scripts/gate-summary.ts [CDK_OUT]   (exit 1 when anything is unacknowledged)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

interface PluginReport {
  pluginName: string;
  violations: Array<{ ruleName: string; violatingConstructs: Array<{ constructPath: string }> }>;
  suppressedViolations?: unknown[];
}

const outdir = process.argv[2] ?? 'cdk.out';
const reportFile = path.join(outdir, 'validation-report.json');
if (!fs.existsSync(reportFile)) {
  console.error(`landfall: ${reportFile} not found; run \`npx cdk synth -c landfall:guard=true\` first`);
  process.exit(4);
}
const report = JSON.parse(fs.readFileSync(reportFile, 'utf8')) as { pluginReports: PluginReport[] };
const templates: string[] = [];
const walk = (dir: string) =>
  fs.readdirSync(dir, { withFileTypes: true }).forEach((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full);
    else if (e.name.endsWith('.template.json')) templates.push(full);
  });
walk(outdir);
const lint = spawnSync('cfn-lint', ['--format', 'parseable', '--', ...templates], { encoding: 'utf8' });
const lintLines = lint.error
  ? [`cfn-lint could not run: ${lint.error.message}`]
  : lint.stdout.split('\n').filter(Boolean);

const lines = [
  '## landfall gates',
  '',
  `${templates.length} templates checked.`,
  '',
  '| gate | unacknowledged | acknowledged |',
  '| --- | ---: | ---: |',
];
for (const p of report.pluginReports) {
  const open = p.violations.reduce((n, v) => n + v.violatingConstructs.length, 0);
  lines.push(`| ${p.pluginName} | ${open} | ${p.suppressedViolations?.length ?? 0} |`);
}
lines.push(`| cfn-lint | ${lintLines.length} | (see resource metadata) |`, '');
const open = report.pluginReports.flatMap((p) =>
  p.violations.flatMap((v) =>
    v.violatingConstructs.map((c) => `- ${p.pluginName} \`${v.ruleName}\` at \`${c.constructPath}\``),
  ),
);
if (open.length + lintLines.length > 0)
  lines.push('### To fix or acknowledge', '', ...open, ...lintLines.map((l) => `- cfn-lint: \`${l}\``), '');
console.log(lines.join('\n'));
process.exit(open.length + lintLines.length > 0 ? 1 : 0);
