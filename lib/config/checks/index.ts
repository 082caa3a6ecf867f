import { checkAccounts } from './accounts';
import type { Check } from './context';
import { checkEnvironments } from './environments';
import { checkOperations } from './operations';
import { checkRegions } from './regions';
import { checkServices } from './services';

/** Cross-field rules, run after every file passed its schema. Each returns all it finds. */
export const CHECKS: readonly Check[] = [checkAccounts, checkRegions, checkEnvironments, checkServices, checkOperations];

export type { Check, CheckContext, ServiceEntry } from './context';
