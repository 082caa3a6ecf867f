import { checkAccounts } from './accounts';
import type { Check } from './context';
import { checkEnvironments } from './environments';
import { checkGuardrails } from './guardrails';
import { checkIdentityCenter } from './identity-center';
import { checkLogArchive } from './log-archive';
import { checkRegions } from './regions';
import { checkSecurity } from './security';
import { checkServices } from './services';

/** Cross-field rules, run after every file passed its schema. Each returns all it finds. */
export const CHECKS: readonly Check[] = [
  checkAccounts,
  checkRegions,
  checkEnvironments,
  checkServices,
  checkGuardrails,
  checkIdentityCenter,
  checkLogArchive,
  checkSecurity,
];

export type { Check, CheckContext, ServiceEntry } from './context';
