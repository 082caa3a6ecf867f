import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline/promises';
import { ConfigError } from '../../config';
import { loadPlatform } from '../../plan/load';
import type { Command } from '../command';
import { defineCommand, flag, list, value } from '../command';
import { CliError, EXIT, UsageError } from '../errors';
import type { CliIo } from '../io';
import { CONFIG_OPTION } from '../options';
import type { InitAnswers } from './platform';
import { EXISTING_ACCOUNT_USES, initPlatform, renderPlatform } from './platform';

/** Asks one question on the terminal and returns the answer (`fallback` when the answer is empty). */
export type PromptReader = (question: string, fallback?: string) => Promise<string>;

/** The terminal's prompt reader (stdin and stdout). */
export const terminalPrompt: PromptReader = async (question, fallback) => {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await rl.question(fallback === undefined ? `${question}: ` : `${question} [${fallback}]: `)).trim();
    return answer === '' ? (fallback ?? '') : answer;
  } finally {
    rl.close();
  }
};

const words = (answer: string) => answer.split(/[\s,]+/).filter(Boolean);

/** Fill what the flags left out by asking (a terminal), or refuse naming the flags (no terminal: scripts, CI). */
async function complete(given: Partial<InitAnswers>, io: CliIo, prompt: PromptReader): Promise<InitAnswers> {
  const missing = (['name', 'homeRegion'] as const).filter((k) => given[k] === undefined);
  const noEmails = given.emailBase === undefined && (given.emails ?? []).length === 0;
  if (!io.isTty) {
    const flags = [
      ...missing.map((k) => (k === 'name' ? '--name' : '--home-region')),
      ...(noEmails ? ['--email-base'] : []),
    ];
    if (flags.length > 0)
      throw new UsageError(
        `init needs ${flags.join(', ')} (no terminal to ask on)`,
        'landfall init --name acme --email-base ops@acme.io --home-region eu-west-1 (landfall init --help)',
      );
    return { emails: [], regions: [], environments: ['dev', 'stg', 'prod'], ...given } as InitAnswers;
  }
  const ask = async (question: string, fallback?: string) => prompt(question, fallback);
  const name = given.name ?? (await ask('Organization name (2-20 lowercase letters, digits, dashes)'));
  const emailBase = noEmails
    ? await ask('Mailbox for the account root users with plus-addressing (ops@acme.io gives ops+prod@acme.io)')
    : given.emailBase;
  const homeRegion = given.homeRegion ?? (await ask('Home region', 'eu-west-1'));
  const regions = given.regions ?? words(await ask('Other allowed regions (us-east-1 is always allowed)', ''));
  const environments = given.environments ?? words(await ask('Environments', 'dev stg prod'));
  let existingAccount = given.existingAccount;
  if (existingAccount === undefined) {
    const answer = await ask(
      `The AWS account you already have: ${EXISTING_ACCOUNT_USES.join(' (it stays your production account), ')} (workloads leave it later), or none`,
      'production',
    );
    existingAccount = answer === 'none' ? undefined : answer;
  }
  const existingAccountId =
    existingAccount !== undefined && given.existingAccountId === undefined
      ? await ask('Its 12-digit account ID')
      : given.existingAccountId;
  const existingAccountEmail =
    existingAccount !== undefined && given.existingAccountEmail === undefined
      ? await ask("Its root user's email address (exactly as AWS has it)")
      : given.existingAccountEmail;
  return {
    ...given,
    name,
    emailBase,
    emails: given.emails ?? [],
    homeRegion,
    regions,
    environments,
    existingAccount,
    existingAccountId,
    existingAccountEmail,
  };
}

/** `landfall init`, with the prompt reader replaced in tests. */
export function makeInitCommand(prompt: PromptReader = terminalPrompt): Command {
  return defineCommand({
    name: ['init'],
    summary: 'write config/platform.ts from a few answers (flags, or prompts on a terminal)',
    description:
      'Creates config/platform.ts for your organization: its name, the root email of every account (one each with --email NAME=ADDRESS, or plus-addressing of one mailbox with --email-base), the home region and other allowed regions, the environments, and what becomes of the AWS account you already have (--existing-account production: it becomes the prod account; legacy: a workload account its workloads leave later; never the management account, which SCPs do not restrict). Asks on a terminal for what the flags leave out. Every answer is checked with the rules `landfall validate` applies, and the file is loaded before the command ends; bad input writes nothing, and an existing platform.ts is kept unless --force. Account IDs it cannot know stay placeholders that `landfall validate` lists.',
    options: {
      name: value({ placeholder: 'NAME', description: 'organization name: prefixes resource and bucket names' }),
      owner: value({
        placeholder: 'TEAM',
        description: 'the owning team (the landfall:owner tag; default platform-team)',
      }),
      email: list({ placeholder: 'NAME=ADDRESS', description: "an account's root email address, one per account" }),
      emailBase: value({
        placeholder: 'ADDRESS',
        description: 'a mailbox with plus-addressing: ops@acme.io gives ops+management@acme.io, ops+prod@acme.io, ...',
      }),
      homeRegion: value({ placeholder: 'REGION', description: 'the region everything regional is deployed to' }),
      region: list({ placeholder: 'REGION', description: 'another allowed region (us-east-1 is always allowed)' }),
      environment: list({
        placeholder: 'NAME[:TIER]',
        description: 'an environment; its tier is its name (dev, stg, prod) or given (default: dev, stg, prod)',
      }),
      existingAccount: value({
        placeholder: 'USE',
        description:
          'the AWS account you already have: production (becomes the prod account) or legacy (workloads leave it)',
      }),
      existingAccountId: value({ placeholder: 'ID', description: "the existing account's 12-digit ID" }),
      existingAccountEmail: value({
        placeholder: 'ADDRESS',
        description: "the existing account's root email, exactly as AWS has it",
      }),
      managementAccountId: value({
        placeholder: 'ID',
        description: 'the ID of the new account that becomes the management account (default: a placeholder)',
      }),
      githubRepository: value({
        placeholder: 'OWNER/NAME',
        description: 'the repository that deploys (default NAME/platform)',
      }),
      force: flag({ description: 'overwrite an existing platform.ts' }),
      config: CONFIG_OPTION,
    },
    examples: [
      'landfall init',
      'landfall init --name acme --email-base ops@acme.io --home-region eu-west-1 --existing-account production --existing-account-id 123456789012 --existing-account-email aws@acme.io',
    ],
    async run({ options }, io) {
      const dir = path.resolve(io.cwd, options.config);
      const file = path.join(dir, 'platform.ts');
      const shown = path.relative(io.cwd, file) || file;
      if (fs.existsSync(file) && !options.force)
        throw new CliError(
          `${shown} exists; init never overwrites it without --force`,
          EXIT.precondition,
          'edit it, or run `landfall init --force` to start over',
        );
      const given: Partial<InitAnswers> = {
        ...(options.name === undefined ? {} : { name: options.name }),
        ...(options.owner === undefined ? {} : { owner: options.owner }),
        ...(options.email.length === 0 ? {} : { emails: options.email }),
        ...(options.emailBase === undefined ? {} : { emailBase: options.emailBase }),
        ...(options.homeRegion === undefined ? {} : { homeRegion: options.homeRegion }),
        ...(options.region.length === 0 ? {} : { regions: options.region }),
        ...(options.environment.length === 0 ? {} : { environments: options.environment }),
        ...(options.existingAccount === undefined ? {} : { existingAccount: options.existingAccount }),
        ...(options.existingAccountId === undefined ? {} : { existingAccountId: options.existingAccountId }),
        ...(options.existingAccountEmail === undefined ? {} : { existingAccountEmail: options.existingAccountEmail }),
        ...(options.managementAccountId === undefined ? {} : { managementAccountId: options.managementAccountId }),
        ...(options.githubRepository === undefined ? {} : { githubRepository: options.githubRepository }),
      };
      const answers = await complete(given, io, prompt);
      const source = renderPlatform(initPlatform(answers));

      // Written, then loaded as synth loads it; a platform the loader refuses is taken back (bad input writes nothing).
      const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(file, source);
      try {
        loadPlatform(dir);
      } catch (err) {
        if (previous === undefined) fs.rmSync(file);
        else fs.writeFileSync(file, previous);
        if (err instanceof ConfigError) {
          io.err(err.message);
          throw new CliError('the answers make a config the loader refuses (listed above); nothing was written');
        }
        throw err;
      }
      io.out(
        [
          `Wrote ${shown}.`,
          'Next: `npx landfall validate` (it lists the placeholders left), then `npx landfall rollout` for the order of everything else (docs/getting-started.md).',
        ].join('\n'),
      );
      return EXIT.ok;
    },
  });
}

export const initCommand = makeInitCommand();
