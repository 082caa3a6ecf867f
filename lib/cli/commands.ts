import { cdkBootstrapCommand } from './accounts/cdk-bootstrap';
import { accountsSyncCommand } from './accounts/sync';
import { bootstrapCommand } from './bootstrap/command';
import { deployTargetCommand } from './deploy-target';
import { deployWindowCommand } from './deploy-window/command';
import { newServiceCommand } from './new-service/command';
import { redriveCommand } from './redrive';
import { alarmsCommand } from './alarms';
import type { Command } from './command';
import { costEstimateCommand } from './cost/command';
import { costReviewCommand } from './cost-review';
import { validateCommand } from './validate';

/** Every CLI command; `landfall help` lists them in this order. */
export const COMMANDS: readonly Command[] = [
  validateCommand,
  bootstrapCommand,
  accountsSyncCommand,
  cdkBootstrapCommand,
  newServiceCommand,
  redriveCommand,
  deployWindowCommand,
  deployTargetCommand,
  alarmsCommand,
  costReviewCommand,
  costEstimateCommand,
];
