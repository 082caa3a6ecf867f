/** `landfall rollout`'s output: the placeholders first, then every step with its state, as text, Markdown or JSON. */
import type { LandfallModel } from '../../config';
import { formatPlaceholders } from '../../plan/placeholders';
import type { RolloutPlan, StepState, StepStatus } from '../../plan/rollout';
import { countStates } from '../../plan/rollout';

export type RolloutFormat = 'text' | 'md' | 'json';

export interface RolloutReportInput {
  readonly model: LandfallModel;
  readonly plan: RolloutPlan;
  readonly statuses: readonly StepStatus[];
  /** Whom the state was read as; absent: offline. */
  readonly readAs?: { readonly accountId: string; readonly arn: string };
  /** Why the state was not read, when it was not asked for offline. */
  readonly offlineReason?: string;
}

const STATE_ORDER: readonly StepState[] = ['done', 'next', 'blocked', 'unknown', 'confirm', 'unread'];

function counts(statuses: readonly StepStatus[]): string {
  const c = countStates(statuses);
  return STATE_ORDER.filter((s) => c[s] > 0)
    .map((s) => `${s === 'unread' ? 'not read' : s} ${c[s]}`)
    .join(', ');
}

function heading(input: RolloutReportInput): string {
  const { model, plan, readAs } = input;
  const where = `Rollout of ${model.platform.organization.name}: ${plan.steps.length} steps, home region ${model.platform.homeRegion}`;
  if (readAs) return `${where}; state read as ${readAs.arn} (account ${readAs.accountId}).`;
  return `${where}; offline${input.offlineReason === undefined ? '' : ` (${input.offlineReason})`}: only the placeholders are checked; run with credentials (--profile NAME or the standard chain) to see what is done.`;
}

function placeholdersText(plan: RolloutPlan): string {
  if (plan.placeholders.length === 0) return 'No placeholders left in the config.';
  return `Fill in first (the management account's ID and email before anything else):\n${formatPlaceholders(plan.placeholders)}`;
}

/** The next steps: every step marked next, in order. */
function nextText(plan: RolloutPlan, statuses: readonly StepStatus[]): string {
  const next = statuses.filter((s) => s.state === 'next');
  if (next.length === 0) {
    const open = statuses.filter((s) => s.state !== 'done' && s.state !== 'confirm');
    return open.length === 0
      ? 'Every step landfall can read is done; confirm the others with their checks.'
      : 'Nothing can run next: see the reasons above.';
  }
  return `Next: ${next
    .map((n) => {
      const step = plan.steps.find((s) => s.id === n.id);
      return step?.command === undefined ? n.id : `${n.id} (${step.command})`;
    })
    .join('; ')}`;
}

export function rolloutText(input: RolloutReportInput): string {
  const { plan, statuses } = input;
  const width = String(plan.steps.length).length;
  const blocks = plan.steps.map((s, i) => {
    const st = statuses[i];
    const pad = ' '.repeat(width + 2);
    const label = st.state === 'unread' ? 'not read' : st.state;
    return [
      `${String(i + 1).padStart(width)}. ${s.id} [${label}] ${s.kind}, ${s.account} ${s.accountId}, ${s.region}`,
      `${pad}${s.title}`,
      ...(s.needs.length > 0 ? [`${pad}needs: ${s.needs.join(', ')}`] : []),
      ...(s.command !== undefined ? [`${pad}run:   ${s.command}`] : []),
      `${pad}check: ${s.check.command ?? s.check.description}`,
      ...(st.state !== 'unread' ? [`${pad}state: ${st.reason}`] : []),
    ].join('\n');
  });
  return [
    heading(input),
    '',
    placeholdersText(plan),
    '',
    `Steps (${counts(statuses)}):`,
    ...blocks,
    '',
    nextText(plan, statuses),
  ].join('\n');
}

export function rolloutMarkdown(input: RolloutReportInput): string {
  const { plan, statuses } = input;
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const tick = (s: string) => `\`${esc(s).replace(/`/g, "'")}\``;
  const placeholders =
    plan.placeholders.length === 0
      ? ['No placeholders left in the config.']
      : [
          "**Fill in first** (the management account's ID and email before anything else):",
          '',
          ...plan.placeholders.map((p) => `- \`${p.file}\` ${tick(p.path)}: ${esc(p.message)}`),
        ];
  const rows = plan.steps.map((s, i) => {
    const st = statuses[i];
    return `| ${i + 1} | ${tick(s.id)} | ${st.state === 'unread' ? 'not read' : st.state} | ${s.kind} | ${s.account}, ${s.region} | ${esc(s.title)}${s.command === undefined ? '' : `<br>${tick(s.command)}`} | ${s.check.command === undefined ? esc(s.check.description) : tick(s.check.command)} | ${st.state === 'unread' ? '' : esc(st.reason)} |`;
  });
  return [
    `**${heading(input)}**`,
    '',
    ...placeholders,
    '',
    `Steps: ${counts(statuses)}.`,
    '',
    '| # | step | state | kind | account, region | what to do | check | why |',
    '| ---: | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    nextText(plan, statuses),
  ].join('\n');
}

export function rolloutJson(input: RolloutReportInput): string {
  const { model, plan, statuses } = input;
  return JSON.stringify(
    {
      organization: model.platform.organization.name,
      homeRegion: model.platform.homeRegion,
      readAs: input.readAs ?? null,
      ...(input.offlineReason === undefined ? {} : { offlineReason: input.offlineReason }),
      counts: countStates(statuses),
      placeholders: plan.placeholders,
      steps: plan.steps.map((s, i) => ({ ...s, state: statuses[i].state, reason: statuses[i].reason })),
    },
    null,
    2,
  );
}

export function rolloutReport(input: RolloutReportInput, format: RolloutFormat): string {
  if (format === 'json') return rolloutJson(input);
  return format === 'md' ? rolloutMarkdown(input) : rolloutText(input);
}
