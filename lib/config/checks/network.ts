import type { Check } from './context';
import type { Problem } from '../problems';

/** The retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/**
 * Environments keep egress, a log retention CloudWatch accepts and a working-hours window that makes sense: services
 * in private subnets pull images and reach AWS APIs through NAT, and scheduled scale-down needs the start first.
 */
export const checkNetwork: Check = {
  needs: ['availabilityZones', 'environments'],
  run: ({ platform, platformFile: file }) => {
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
      const retention = env.overrides?.logRetentionDays;
      if (retention !== undefined && !LOG_RETENTION_DAYS.includes(retention)) {
        problems.push({
          file,
          path: `environments[${i}].overrides.logRetentionDays`,
          message: `${retention} is not a CloudWatch Logs retention (allowed: ${LOG_RETENTION_DAYS.join(', ')})`,
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
