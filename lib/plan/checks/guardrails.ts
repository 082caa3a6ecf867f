import type { Check, Problem } from '../../config';
import { SCP_TARGETS } from '../../config/schema/organization';
import { PREFIX } from '../../naming';
import { attachmentsByTarget, platformScps, SCP_LIMITS, scpSize } from '../guardrails';

const thousands = (n: number): string => n.toLocaleString('en-US');

/**
 * The SCPs fit AWS Organizations: each document at most 5,120 characters, names unique, and at most 5 SCPs on one
 * target (FullAWSAccess included). Problems name the policy, its size or the target's full list. A plan check: it
 * renders the same documents the Organization stack creates.
 */
export const checkGuardrailLimits: Check = {
  needs: ['guardrails', 'allowedRegions', 'deploy', 'organization'],
  run: ({ platform, platformFile: file }) => {
    const problems: Problem[] = [];
    const scps = platformScps(platform, PREFIX);
    const pathOf = (origin: 'landfall' | number, field: string) =>
      origin === 'landfall' ? 'guardrails' : `guardrails.policies[${origin}].${field}`;

    for (const scp of scps) {
      const size = scpSize(scp.document);
      if (size > SCP_LIMITS.maxCharacters) {
        const whose =
          scp.origin === 'landfall'
            ? `landfall's SCP "${scp.name}" (rendered with allowedRegions and breakGlassRoleName)`
            : `the SCP "${scp.name}"`;
        problems.push({
          file,
          path: pathOf(scp.origin, 'document'),
          message: `${whose} is ${thousands(size)} characters (AWS allows at most ${thousands(SCP_LIMITS.maxCharacters)}, counted as compact JSON)`,
        });
      }
    }

    const firstByName = new Map<string, (typeof scps)[number]>();
    for (const scp of scps) {
      const first = firstByName.get(scp.name);
      if (first === undefined) {
        firstByName.set(scp.name, scp);
        continue;
      }
      const owner =
        first.origin === 'landfall' ? "one of landfall's guardrails" : `guardrails.policies[${first.origin}]`;
      problems.push({
        file,
        path: pathOf(scp.origin, 'name'),
        message: `"${scp.name}" is already the name of ${owner} (SCP names must be unique)`,
      });
    }

    const attached = attachmentsByTarget(scps, SCP_TARGETS);
    for (const [target, names] of attached) {
      if (names.length <= SCP_LIMITS.maxPerTarget) continue;
      // Point at the first policy from the config that goes over the limit on this target.
      const overflow = names[SCP_LIMITS.maxPerTarget];
      const scp = scps.find((s) => s.name === overflow && s.targets.includes(target));
      const path =
        scp && scp.origin !== 'landfall'
          ? `guardrails.policies[${scp.origin}].targets[${scp.targets.indexOf(target)}]`
          : 'guardrails.policies';
      problems.push({
        file,
        path,
        message: `"${target}" would have ${names.length} SCPs attached (${names.join(', ')}); AWS allows at most ${SCP_LIMITS.maxPerTarget} per root or OU, FullAWSAccess included`,
      });
    }
    return problems;
  },
};
