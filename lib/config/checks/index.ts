import { checkAccounts } from './accounts';
import type { Check } from './context';
import { checkEnvironments } from './environments';
import { checkRegions } from './regions';
import { checkSendsTo, checkServices } from './services';

/** Cross-field rules, run after every file passed its schema. Each returns all it finds. */
export const CHECKS: readonly Check[] = [checkAccounts, checkRegions, checkEnvironments, checkServices, checkSendsTo];

export type { Check, CheckContext, ServiceEntry } from './context';
