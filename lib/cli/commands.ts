import { cdkBootstrapCommand } from './accounts/cdk-bootstrap';
import { accountsSyncCommand } from './accounts/sync';
import { alarmsCommand } from './alarms';
import { bootstrapCommand } from './bootstrap/command';
import type { Command, CommandGroup } from './command';
import { costReviewCommand } from './cost-review';
import { deployTargetCommand } from './deploy-target';
import { deployWindowCommand } from './deploy-window/command';
import { newServiceCommand } from './new-service/command';
import { redriveCommand } from './redrive';
import { costEstimateCommand } from './cost/command';
import { rolloutCommand } from './rollout/command';
import { validateCommand } from './validate';
import { slowQueriesCommand } from './db/slow-queries';

/** Every CLI command; `landfall help` and docs/cli.md list them in this order. */
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
  costEstimateCommand,
  slowQueriesCommand,
];

/** The first words of multi-word commands: `landfall accounts` lists the `accounts ...` commands. */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  { name: ['accounts'], summary: "read the organization's accounts into the config, and bootstrap them for the CDK" },
  { name: ['deploy-window'], summary: "check an environment's deploy window before a deploy" },
  { name: ['cost'], summary: 'review what the platform spends and who hears about it' },
  { name: ['db'], summary: "look into a service's database (slow statements)" },
];
