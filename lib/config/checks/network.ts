import type { Check } from './context';
import type { Problem } from '../problems';
import { resolveProfile } from '../profiles';

/**
 * Environments keep egress through as many NAT gateways as they have zones at most, and a working-hours window that
 * makes sense: services in private subnets pull images and reach AWS APIs through NAT, a NAT gateway lives in one
 * zone (so more gateways than zones would be silently fewer), and scheduled scale-down needs the start first. The NAT
 * count is checked as the environment resolves it: its override, or its tier profile's default.
 */
export const checkNetwork: Check = {
  needs: ['availabilityZones', 'environments'],
  run: ({ platform, platformFile: file }) => {
    const problems: Problem[] = [];
    const zones = platform.availabilityZones.length;
    platform.environments.forEach((env, i) => {
      const path = `environments[${i}].overrides.natGateways`;
      const override = env.overrides?.natGateways;
      const nat = resolveProfile(env.tier, env.overrides).natGateways;
      if (nat === 0) {
        problems.push({
          file,
          path,
          message: `0 leaves the private subnets without egress; services pull images and call AWS APIs through NAT (allowed: 1-${zones})`,
        });
      } else if (nat > zones && override !== undefined) {
        problems.push({
          file,
          path,
          message: `${nat} is more than the ${zones} availability zones (allowed: 1-${zones}, one per zone at most)`,
        });
      } else if (nat > zones) {
        problems.push({
          file,
          path,
          message: `is not set, so the ${env.tier} profile's ${nat} NAT gateways apply: more than the ${zones} availability zones (allowed: 1-${zones}, one per zone at most; set it, or list more availabilityZones)`,
        });
      }
      const hours = env.workingHours;
      if (hours.endHour <= hours.startHour) {
        problems.push({
          file,
          path: `environments[${i}].workingHours.endHour`,
          message: `${hours.endHour} is not after startHour ${hours.startHour} (allowed: ${hours.startHour + 1}-23)`,
        });
      }
    });
    return problems;
  },
};
