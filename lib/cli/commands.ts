import { cdkBootstrapCommand } from './accounts/cdk-bootstrap';
import { accountsAcceptCommand } from './accounts/accept';
import { accountsInviteCommand } from './accounts/invite';
import { accountsSyncCommand } from './accounts/sync';
import { alarmsCommand } from './alarms';
import { bootstrapCommand } from './bootstrap/command';
import type { Command, CommandGroup } from './command';
import { costReviewCommand } from './cost-review';
import { deployTargetCommand } from './deploy-target';
import { deployWindowCommand } from './deploy-window/command';
import { incidentNewCommand } from './incident/command';
import { incidentListCommand } from './incident/list';
import { githubCheckCommand } from './github/command';
import { initCommand } from './init/command';
import { newServiceCommand } from './new-service/command';
import { redriveCommand } from './redrive';
import { deleteRootCredentialsCommand, unlockBucketPolicyCommand } from './root/command';
import { costEstimateCommand } from './cost/command';
import { rolloutCommand } from './rollout/command';
import { validateCommand } from './validate';
import { slowQueriesCommand } from './db/slow-queries';
import { reviewWeeklyCommand } from './review/weekly-command';
import { reviewReleaseCommand } from './review/release';

/** Every CLI command; `landfall help` and docs/cli.md list them in this order. */
export const COMMANDS: readonly Command[] = [
  initCommand,
  validateCommand,
  rolloutCommand,
  bootstrapCommand,
  accountsSyncCommand,
  accountsInviteCommand,
  accountsAcceptCommand,
  cdkBootstrapCommand,
  newServiceCommand,
  redriveCommand,
  deployWindowCommand,
  deployTargetCommand,
  githubCheckCommand,
  unlockBucketPolicyCommand,
  deleteRootCredentialsCommand,
  alarmsCommand,
  costReviewCommand,
  costEstimateCommand,
  incidentNewCommand,
  incidentListCommand,
  slowQueriesCommand,
  reviewWeeklyCommand,
  reviewReleaseCommand,
];

/** The first words of multi-word commands: `landfall accounts` lists the `accounts ...` commands. */
export const COMMAND_GROUPS: readonly CommandGroup[] = [
  {
    name: ['accounts'],
    summary:
      "invite existing accounts, read the organization's accounts into the config, and bootstrap them for the CDK",
  },
  { name: ['deploy-window'], summary: "check an environment's deploy window before a deploy" },
  { name: ['cost'], summary: 'review what the platform spends and who hears about it' },
  { name: ['incident'], summary: 'write and list blameless postmortems (docs/postmortems/)' },
  { name: ['root'], summary: 'root-only tasks in member accounts, through central root sessions' },
  { name: ['github'], summary: 'check the GitHub settings the deploy roles rely on' },
  { name: ['db'], summary: "look into a service's database (slow statements)" },
  { name: ['review'], summary: 'look back at releases and weeks' },
];
