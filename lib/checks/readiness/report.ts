/** The readiness report as text (terminal, CI log) and Markdown (the pull request's job summary). */
import type { GateName, ReadinessProblem } from './assembly';
import type { ExternalInput } from './rollout-types';

interface Report {
  readonly stacks: number;
  readonly gates: readonly GateName[];
  readonly problems: readonly ReadinessProblem[];
  readonly inputs: readonly ExternalInput[];
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const perGate = (r: Report, gate: GateName) => r.problems.filter((p) => p.gate === gate).length;

export function formatText(report: Report): string {
  const width = Math.max(...report.gates.map((g) => g.length));
  const lines = [
    `landfall readiness: ${count(report.stacks, 'stack')}, ${count(report.problems.length, 'problem')}`,
    ...report.gates.map((g) => `  ${g.padEnd(width)}  ${count(perGate(report, g), 'problem')}`),
  ];
  if (report.problems.length > 0) {
    lines.push('', 'problems:', ...report.problems.map((p) => `  - [${p.gate}] ${p.message}`));
  }
  if (report.inputs.length > 0) {
    lines.push(
      '',
      `external inputs (${count(report.inputs.length, 'prerequisite')} the rollout must provide; check each before the first deploy):`,
      ...report.inputs.map((i) => `  - ${i.kind} ${i.value} (${i.account}, ${i.region}): ${i.check}`),
    );
  }
  return lines.join('\n');
}

/** `|` in a table cell would end it. */
const cell = (text: string) => text.replace(/\|/g, '\\|');

export function formatMarkdown(report: Report): string {
  const lines = [
    '## landfall deploy readiness',
    '',
    `${count(report.stacks, 'stack')} checked; ${count(report.problems.length, 'problem')}.`,
    '',
    '| gate | problems |',
    '| --- | ---: |',
    ...report.gates.map((g) => `| ${g} | ${perGate(report, g)} |`),
    '',
  ];
  if (report.problems.length > 0) {
    lines.push('### Problems', '', ...report.problems.map((p) => `- **${p.gate}** ${p.message}`), '');
  }
  if (report.inputs.length > 0) {
    lines.push(
      '### External inputs',
      '',
      'Prerequisites no stack creates; the rollout plan lists them. Check each before the first deploy.',
      '',
      '| kind | value | account | region | check |',
      '| --- | --- | --- | --- | --- |',
      ...report.inputs.map(
        (i) => `| ${i.kind} | \`${cell(i.value)}\` | ${i.account} | ${i.region} | \`${cell(i.check)}\` |`,
      ),
      '',
    );
  }
  return lines.join('\n');
}
