import type { Command } from './command';
import { validateCommand } from './validate';

/** Every CLI command; `landfall help` lists them in this order. */
export const COMMANDS: readonly Command[] = [validateCommand];
