import { cdkBootstrapCommand } from './accounts/cdk-bootstrap';
import { accountsSyncCommand } from './accounts/sync';
import { bootstrapCommand } from './bootstrap/command';
import { deployTargetCommand } from './deploy-target';
import { deployWindowCommand } from './deploy-window/command';
import { newServiceCommand } from './new-service/command';
import { redriveCommand } from './redrive';
import { rolloutCommand } from './rollout/command';
import { alarmsCommand } from './alarms';
import type { Command } from './command';
import { costReviewCommand } from './cost-review';
import { validateCommand } from './validate';

/** Every CLI command; `landfall help` lists them in this order. */
export const COMMANDS: readonly Command[] = [
  validateCommand,
  rolloutCommand,
  bootstrapCommand,
  accountsSyncCommand,
  cdkBootstrapCommand,
  newServiceCommand,
  redriveCommand,
  deployWindowCommand,
  deployTargetCommand,
  alarmsCommand,
  costReviewCommand,
];
