import type { BudgetSpent } from '../aws/error-budget';

/**
 * A blameless postmortem as Markdown, and the file names of `docs/postmortems/`. Pure: the command reads AWS (or
 * nothing, offline) and passes what it found; tests render fixed inputs.
 */

/** One line of the timeline: an alarm's state change, a release, the window's edges. */
export interface TimelineEntry {
  readonly at: Date;
  readonly text: string;
}

export interface PostmortemInput {
  readonly title: string;
  /** When the postmortem was written. */
  readonly written: Date;
  readonly environment?: string;
  readonly services: readonly string[];
  readonly window: { readonly from: Date; readonly to: Date };
  readonly timeline: readonly TimelineEntry[];
  readonly budgets: readonly BudgetSpent[];
  /** Why the timeline or the budgets could not be read (offline, no credentials, an API error). */
  readonly gaps: readonly string[];
}

const MAX_SLUG = 60;

/** `Checkout 502s after deploy` -> `checkout-502s-after-deploy`. Throws when nothing of the title is left. */
export function slugOf(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
  if (slug === '') {
    throw new Error(
      `title "${title}" has no letters or digits to name the file with (allowed: a short title such as "checkout 502s after deploy")`,
    );
  }
  return slug;
}

/** `2026-12-01-checkout-502s-after-deploy.md`: the date (UTC) of the incident window's end, then the slug. */
export function postmortemFileName(title: string, at: Date): string {
  return `${at.toISOString().slice(0, 10)}-${slugOf(title)}.md`;
}

const time = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const pct = (n: number) => `${Number(n.toFixed(n < 1 ? 3 : 1))}%`;

function impact(input: PostmortemInput): string[] {
  const lines = [
    `- Window: ${time(input.window.from)} to ${time(input.window.to)} (${Math.round((input.window.to.getTime() - input.window.from.getTime()) / 60000)} minutes).`,
  ];
  if (input.environment) lines.push(`- Environment: ${input.environment}.`);
  if (input.services.length > 0) lines.push(`- Services: ${input.services.join(', ')}.`);
  if (input.budgets.length === 0) {
    lines.push('- Error budget spent: (no web service with an SLO in scope; say who was affected and how)');
    return lines;
  }
  lines.push(
    '',
    '| service | objective | bad events in the window | 30-day error budget spent |',
    '| --- | --- | ---: | ---: |',
  );
  for (const b of input.budgets) {
    lines.push(
      `| ${b.service} | ${b.objective} ${b.objectivePercent}% | ${b.badPercent === undefined ? 'no traffic' : pct(b.badPercent)} | ${b.spentPercent === undefined ? '-' : pct(b.spentPercent)} |`,
    );
  }
  lines.push(
    '',
    'Budget spent assumes the window carried the 30-day average traffic; correct it with the request counts if it did not.',
  );
  return lines;
}

/** The postmortem: a front matter for `landfall incident list`, then the blameless template, pre-filled. */
export function renderPostmortem(input: PostmortemInput): string {
  const timeline = [...input.timeline].sort((a, b) => a.at.getTime() - b.at.getTime());
  const front = [
    '---',
    `title: ${JSON.stringify(input.title)}`,
    `date: ${input.window.to.toISOString().slice(0, 10)}`,
    `environment: ${input.environment ?? '-'}`,
    `services: ${input.services.length === 0 ? '-' : input.services.join(', ')}`,
    'status: draft',
    '---',
  ];
  return [
    ...front,
    '',
    `# ${input.title}`,
    '',
    'Blameless: this document is about how the system and our practices let this happen, never about who did it.',
    'Everyone involved acted reasonably with what they knew at the time; write what they knew.',
    '',
    '## Summary',
    '',
    '(Two or three sentences: what users saw, for how long, and what ended it.)',
    '',
    '## Impact',
    '',
    ...impact(input),
    '',
    '## Timeline',
    '',
    ...(timeline.length === 0
      ? ['(no alarm changed state and nothing was released in the window; add detection, escalation and recovery)']
      : timeline.map((e) => `- ${time(e.at)}: ${e.text}`)),
    ...(input.gaps.length === 0 ? [] : ['', ...input.gaps.map((g) => `> Not pre-filled: ${g}`)]),
    '',
    '## Contributing factors',
    '',
    '(What made this possible or worse: a missing test, an alarm that was too slow, a risky default, load. Ask "how",',
    'not "who".)',
    '',
    '## What went well',
    '',
    '(What to keep: an alarm that fired early, a runbook that worked, a quick rollback.)',
    '',
    '## Where we got lucky',
    '',
    '(What could have made it worse and did not.)',
    '',
    '## Actions',
    '',
    '| action | kind (prevent, detect, mitigate) | owner | due | ticket |',
    '| --- | --- | --- | --- | --- |',
    '|  |  |  |  |  |',
    '',
    '## Error budget policy',
    '',
    'If a budget above is spent (100% or more), the error budget policy applies (docs/operations.md, "Error budget',
    'policy"): releases of the service stop, except fixes, until its budget is positive again.',
    '',
  ].join('\n');
}

/** What `landfall incident list` shows of a postmortem. */
export interface PostmortemSummary {
  readonly file: string;
  readonly title: string;
  readonly date: string;
  readonly environment: string;
  readonly services: string;
  readonly status: string;
}

/** The front matter of a postmortem; a file without one is listed by its name, status `unknown`. */
export function readSummary(file: string, text: string): PostmortemSummary {
  const match = /^---\n([\s\S]*?)\n---/.exec(text);
  const fields = new Map<string, string>();
  for (const line of match?.[1].split('\n') ?? []) {
    const at = line.indexOf(':');
    if (at > 0) fields.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  const title = fields.get('title');
  let parsed = title;
  if (title?.startsWith('"')) {
    try {
      parsed = JSON.parse(title) as string;
    } catch {
      parsed = title;
    }
  }
  return {
    file,
    title: parsed ?? file.replace(/\.md$/, ''),
    date: fields.get('date') ?? file.slice(0, 10),
    environment: fields.get('environment') ?? '-',
    services: fields.get('services') ?? '-',
    status: fields.get('status') ?? 'unknown',
  };
}
