import type { CliIo } from './io';

export interface Progress {
  /** Show `done` of `total`. */
  update(done: number, total: number): void;
  /** End the progress display (a terminal's bar gets its newline). */
  finish(): void;
}

const WIDTH = 30;

/**
 * Progress of a wait: a bar redrawn in place on a terminal; on anything else (CI logs, pipes) a plain line each
 * time the count changes, so logs stay readable.
 */
export function progress(io: CliIo, label: string): Progress {
  let last = '';
  let drawn = false;
  return {
    update(done, total) {
      const ratio = total > 0 ? Math.min(1, done / total) : 0;
      const percent = Math.round(ratio * 100);
      if (io.isTty && io.write) {
        const filled = Math.round(ratio * WIDTH);
        io.write(
          `\r${label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(percent).padStart(3)}% ${done}/${total}`,
        );
        drawn = true;
        return;
      }
      const line = `${label}: ${done} of ${total} (${percent}%)`;
      if (line !== last) io.out(line);
      last = line;
    },
    finish() {
      if (drawn && io.write) io.write('\n');
      drawn = false;
    },
  };
}
