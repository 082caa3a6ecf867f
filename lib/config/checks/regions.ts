import type { Check } from './context';
import { duplicates } from './context';
import type { Problem } from '../problems';

/** Availability zones belong to the home region and are distinct; the home region is an allowed region. */
export const checkRegions: Check = {
  needs: ['homeRegion', 'availabilityZones', 'allowedRegions'],
  run: ({ platform, platformFile: file }) => {
    const problems: Problem[] = [];
    const { homeRegion, availabilityZones, allowedRegions } = platform;
    availabilityZones.forEach((az, i) => {
      if (!new RegExp(`^${homeRegion}[a-z]$`).test(az)) {
        problems.push({
          file,
          path: `availabilityZones[${i}]`,
          message: `"${az}" is not in the home region ${homeRegion} (allowed: ${homeRegion}a, ${homeRegion}b, ...)`,
        });
      }
    });
    for (const d of duplicates(availabilityZones, (az) => az)) {
      problems.push({ file, path: `availabilityZones[${d.index}]`, message: `"${d.value}" is listed twice` });
    }
    if (!allowedRegions.includes(homeRegion)) {
      problems.push({
        file,
        path: 'allowedRegions',
        message: `${JSON.stringify(allowedRegions)} does not include the home region "${homeRegion}" (the SCP would deny landfall itself)`,
      });
    }
    return problems;
  },
};
