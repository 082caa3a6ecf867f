import { checkAccounts } from './accounts';
import type { Check } from './context';
import { checkEnvironments } from './environments';
import { checkNetwork } from './network';
import { checkRegions } from './regions';
import { checkRouting } from './routing';
import { checkScaling } from './scaling';
import { checkServices } from './services';

/** Cross-field rules, run after every file passed its schema. Each returns all it finds. */
export const CHECKS: readonly Check[] = [
  checkAccounts,
  checkRegions,
  checkEnvironments,
  checkServices,
  checkScaling,
  checkRouting,
  checkNetwork,
];

export type { Check, CheckContext, ServiceEntry } from './context';
