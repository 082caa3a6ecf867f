import type { Check } from '../../config';
import { checkGuardrailLimits } from './guardrails';
import { checkDerivedNames } from './names';

/**
 * The checks that need the plan (rendered policies, derived names). They run with the config's own checks, under
 * the same `needs` rule, and report in the same `ConfigError`.
 */
export const PLAN_CHECKS: readonly Check[] = [checkGuardrailLimits, checkDerivedNames];
