import { alarmsCommand } from './alarms';
import type { Command } from './command';
import { costReviewCommand } from './cost-review';
import { validateCommand } from './validate';

/** Every CLI command; `landfall help` lists them in this order. */
export const COMMANDS: readonly Command[] = [
  validateCommand,
  alarmsCommand,
  costReviewCommand,
];
