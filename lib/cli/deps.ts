import { createAwsClients } from './aws/clients';
import type { ClientFactory } from './aws/clients';
import { realSleep } from './aws/call';
import type { RetryOptions } from './aws/call';
import type { Fetch } from './github/api';

/** What the AWS commands depend on besides their arguments; tests replace it (mock clients, instant sleeps, a fixed clock). */
export interface CommandDeps {
  /** Creates the AWS clients for a region and profile. */
  readonly clients: ClientFactory;
  /** landfall's own retries (`ConcurrentModificationException`; the SDK clients retry throttling themselves). */
  readonly retry: RetryOptions;
  /** Waits between polls (redrive progress). */
  readonly sleep: (ms: number) => Promise<void>;
  /** The current time (deploy windows). */
  readonly now: () => Date;
  /** HTTP for the GitHub REST API (`landfall github check`). @default the global fetch */
  readonly fetch: Fetch;
}

export const DEFAULT_DEPS: CommandDeps = {
  clients: createAwsClients,
  retry: {},
  sleep: realSleep,
  now: () => new Date(),
  fetch: (url, init) => fetch(url, init),
};

/** The defaults with some replaced. */
export function withDeps(overrides: Partial<CommandDeps> = {}): CommandDeps {
  return { ...DEFAULT_DEPS, ...overrides };
}
