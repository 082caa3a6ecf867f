import type { Check } from './context';
import type { Problem } from '../problems';

/**
 * Environments keep egress and a working-hours window that makes sense: services in private subnets pull images and
 * reach AWS APIs through NAT, and scheduled scale-down needs the start before the end.
 */
export const checkNetwork: Check = ({ platform, platformFile: file }) => {
  const problems: Problem[] = [];
  const zones = platform.availabilityZones.length;
  platform.environments.forEach((env, i) => {
    const nat = env.overrides?.natGateways;
    if (nat === 0) {
      problems.push({
        file,
        path: `environments[${i}].overrides.natGateways`,
        message: `0 leaves the private subnets without egress; services pull images and call AWS APIs through NAT (allowed: 1-${zones})`,
      });
    } else if (nat !== undefined && nat > zones) {
      problems.push({
        file,
        path: `environments[${i}].overrides.natGateways`,
        message: `${nat} is more than the ${zones} availability zones (allowed: 1-${zones}, one per zone at most)`,
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
};
