import { flag, value } from './command';

/**
 * Options and arguments several commands share, so they are spelled and described the same everywhere (and in
 * docs/cli.md, which is generated from them).
 */

/** `--config DIR`: every command that reads the config. */
export const CONFIG_OPTION = value({
  placeholder: 'DIR',
  default: 'config',
  description: 'the config directory (platform.ts, services/, discovered.json), relative to the working directory',
});

/** `--profile NAME`: every command that calls AWS. */
export const PROFILE_OPTION = value({
  placeholder: 'NAME',
  description:
    'AWS profile of the shared config files; without it the standard credential chain (environment, AWS_PROFILE, SSO, web identity, instance role)',
});

/** `--out DIR`: the reviews over the cloud assembly. */
export const OUT_OPTION = value({
  placeholder: 'DIR',
  default: 'cdk.out',
  description: 'the cloud assembly to read, as `npx cdk synth` wrote it',
});

/** `--format text|md|json`: commands that print a report (md for a pull request's job summary). */
export const REPORT_FORMAT_OPTION = value({
  placeholder: 'FORMAT',
  choices: ['text', 'md', 'json'],
  default: 'text',
  description: 'text for terminals, md for pull-request summaries, json for scripts',
});

/** `--format text|json`: commands that print a result rather than a report. */
export const RESULT_FORMAT_OPTION = value({
  placeholder: 'FORMAT',
  choices: ['text', 'json'],
  default: 'text',
  description: 'text for terminals and logs, json for scripts',
});

/** `--json`, the spelling before `--format json`; still accepted with a warning. */
export const JSON_ALIAS_OPTION = flag({
  description: 'deprecated: use --format json',
  hidden: true,
  deprecatedFor: { option: 'format', value: 'json' },
});

/** `ENV`: an environment of the config. */
export const ENV_ARGUMENT = {
  name: 'env',
  description: 'an environment of the config (the names in platform.ts environments)',
} as const;
