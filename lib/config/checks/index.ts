import { checkAccounts } from './accounts';
import type { Check } from './context';
import { checkDatabases } from './databases';
import { checkDeployments } from './deployments';
import { checkEnvironments } from './environments';
import { checkExisting } from './existing';
import { checkIdentityCenter } from './identity-center';
import { checkLogArchive } from './log-archive';
import { checkOperations } from './operations';
import { checkRegions } from './regions';
import { checkSecrets } from './secrets';
import { checkSecurity } from './security';
import { checkSendsTo, checkServices } from './services';
import { checkNetwork } from './network';
import { checkRouting } from './routing';
import { checkScaling } from './scaling';

/** Cross-field rules; each runs when the sections it needs are valid, and returns all it finds. */
export const CHECKS: readonly Check[] = [
  checkAccounts,
  checkRegions,
  checkEnvironments,
  checkServices,
  checkSendsTo,
  checkSecrets,
  checkIdentityCenter,
  checkLogArchive,
  checkSecurity,
  checkOperations,
  checkScaling,
  checkRouting,
  checkNetwork,
  checkExisting,
  checkDatabases,
  checkDeployments,
];

export type { Check, CheckContext, ServiceEntry } from './context';
