import type { Tier, TierProfile } from './profiles';
import type { ServiceConfig } from './schema/service';

/** Where a bound comes from: a field of the service file, or the tier profile. */
export type BoundSource =
  { readonly kind: 'service'; readonly path: string } | { readonly kind: 'profile'; readonly field: string };

export interface TaskBounds {
  readonly minTasks: number;
  readonly maxTasks: number;
  readonly minSource: BoundSource;
  readonly maxSource: BoundSource;
}

/**
 * A service's task bounds in one environment: `scaling.perTier.<tier>` over `scaling` over the tier profile (with
 * the environment's overrides). Web services default to `minTasks`, workers to `workerMinTasks`.
 */
export function taskBounds(service: ServiceConfig, tier: Tier, profile: TierProfile): TaskBounds {
  const scaling = service.scaling;
  const tierBounds = scaling.perTier?.[tier];
  const profileMinField = service.kind === 'web' ? 'minTasks' : 'workerMinTasks';
  const pick = (
    field: 'minTasks' | 'maxTasks',
    profileField: 'minTasks' | 'maxTasks' | 'workerMinTasks',
  ): { value: number; source: BoundSource } => {
    const fromTier = tierBounds?.[field];
    if (fromTier !== undefined)
      return { value: fromTier, source: { kind: 'service', path: `scaling.perTier.${tier}.${field}` } };
    const fromService = scaling[field];
    if (fromService !== undefined) return { value: fromService, source: { kind: 'service', path: `scaling.${field}` } };
    return { value: profile[profileField], source: { kind: 'profile', field: profileField } };
  };
  const min = pick('minTasks', profileMinField);
  const max = pick('maxTasks', 'maxTasks');
  return { minTasks: min.value, maxTasks: max.value, minSource: min.source, maxSource: max.source };
}
