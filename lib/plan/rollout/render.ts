/**
 * The plan as Markdown for the README and the docs: one generator, so every document tells the same order.
 * `npm run docs:rollout` writes these sections; a test fails when a document differs.
 */
import type { RolloutPhase, RolloutPlan, RolloutStep } from './types';

export const PHASE_TITLES: Readonly<Record<RolloutPhase, string>> = {
  prepare: 'Before the first deploy',
  organization: 'The organization',
  accounts: 'The member accounts',
  baselines: 'The log archive, then every Baseline',
  security: 'Security services, trail, access and cost',
  environments: 'The environments',
};

export type DocsVariant = 'summary' | 'table';

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
const cell = (s: string) => s.replace(/\|/g, '\\|');

/** One line per step, or per run of consecutive steps of one group (the order stays the plan's). */
function summaryLines(steps: readonly RolloutStep[]): string[] {
  const runs: RolloutStep[][] = [];
  for (const s of steps) {
    const last = runs[runs.length - 1];
    if (last !== undefined && s.group !== undefined && last[0]?.group?.id === s.group.id) last.push(s);
    else runs.push([s]);
  }
  return runs.map((run) => {
    const [first] = run;
    if (run.length === 1 || first?.group === undefined) {
      const s = first as RolloutStep;
      return `${s.title}${s.command === undefined ? '' : `: ${code(s.command)}`} (${code(s.id)})`;
    }
    return `${first.group.title} (${run.length} steps: ${run.map((s) => code(s.id)).join(', ')})`;
  });
}

/** The phases as a numbered list, each step (or group of steps) a bullet with its command and id. */
export function summaryMarkdown(plan: RolloutPlan): string {
  const phases = [...new Set(plan.steps.map((s) => s.phase))];
  return phases
    .map((phase, i) => {
      const lines = summaryLines(plan.steps.filter((s) => s.phase === phase));
      return [`${i + 1}. **${PHASE_TITLES[phase]}**`, ...lines.map((l) => `   - ${l}`)].join('\n');
    })
    .join('\n');
}

/** Every step in order: id, kind, where, what it needs, what to run. */
export function tableMarkdown(plan: RolloutPlan): string {
  const rows = plan.steps.map(
    (s, i) =>
      `| ${i + 1} | ${code(s.id)} | ${s.kind} | ${s.account}, ${s.region} | ${s.needs.length === 0 ? '' : s.needs.map(code).join(', ')} | ${cell(s.title)}${s.command === undefined ? '' : `<br>${code(cell(s.command))}`} |`,
  );
  return [
    '| # | step | kind | account, region | after | what to do |',
    '| ---: | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

export function docsMarkdown(plan: RolloutPlan, variant: DocsVariant): string {
  return variant === 'table' ? tableMarkdown(plan) : summaryMarkdown(plan);
}
