/** The CLI entry (`npx landfall ...`): all logic lives in `lib/cli`. */
import { processIo } from '../lib/cli/io';
import { main } from '../lib/cli/main';

main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`landfall: unexpected error: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 3;
  },
);
