/** Where a command writes and what it reads from its surroundings; tests pass their own. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Working directory the command resolves relative paths against. */
  readonly cwd: string;
  /** Environment variables (credentials, `AWS_ENDPOINT_URL`, `CI`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (progress bars only there). */
  readonly isTty: boolean;
  /** Write to stdout as is, without adding a newline (a progress bar redrawing its line). @default `out` */
  readonly write?: (text: string) => void;
}

export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    cwd: process.cwd(),
    env: process.env,
    isTty: Boolean(process.stdout.isTTY),
    write: (text) => process.stdout.write(text),
  };
}

/** An in-memory I/O for tests: collects what a command prints. */
export function memoryIo(
  options: { cwd?: string; env?: Record<string, string | undefined>; isTty?: boolean } = {},
): CliIo & {
  stdout: () => string;
  stderr: () => string;
} {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (t) => out.push(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => err.push(t.endsWith('\n') ? t : `${t}\n`),
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    isTty: options.isTty ?? false,
    write: (t) => out.push(t),
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}
