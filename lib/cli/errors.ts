/**
 * Exit codes of the landfall CLI (documented in the README):
 * 0 success; 1 the command ran and found problems (invalid config, failed check, outside a deploy window);
 * 2 usage error (unknown command or flag, missing argument); 3 AWS or environment error (credentials, permissions,
 * an API failure); 4 a precondition is not met (for example `cdk.out` is missing, a task is already running).
 */
export const EXIT = { ok: 0, problems: 1, usage: 2, aws: 3, precondition: 4 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the user can act on: printed as one line (plus an optional hint), never with a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    public readonly exitCode: ExitCode = EXIT.problems,
    public readonly hint?: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export class UsageError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, EXIT.usage, hint);
    this.name = 'UsageError';
  }
}
