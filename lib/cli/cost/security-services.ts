import type { AssemblyStack } from '../assembly';
import type { PriceTable } from './prices';
import { priceOf } from './prices';

/** Where a per-account security service runs, and which stack turns it on there. */
export interface ServiceSite {
  readonly service: 'GuardDuty' | 'Security Hub';
  readonly account: string;
  readonly region: string;
  readonly stack: string;
  readonly how: string;
}

const GUARDDUTY_DETECTOR = /^(AWS::GuardDuty::Detector|Custom::.*GuardDutyDetector)$/;

/**
 * Every account and Region where GuardDuty or Security Hub runs: a detector or hub in a stack's own account and
 * Region; an organization configuration that enables every member (GuardDuty auto-enable `ALL`, a Security Hub
 * configuration policy associated with the root or an OU) covers every account of the assembly in that Region, and
 * the Security Hub finding aggregator's linked Regions too.
 */
export function securityServiceSites(stacks: readonly AssemblyStack[]): ServiceSite[] {
  const accounts = [...new Set(stacks.flatMap((s) => (s.account === undefined ? [] : [s.account])))].sort();
  const sites = new Map<string, ServiceSite>();
  const add = (site: ServiceSite) => {
    const key = `${site.service}|${site.account}|${site.region}`;
    if (!sites.has(key)) sites.set(key, site);
  };
  for (const stack of stacks) {
    if (stack.account === undefined || stack.region === undefined) continue;
    const { account, region } = stack;
    const resources = Object.values(stack.resources);
    const linked = resources
      .filter((r) => r.Type === 'AWS::SecurityHub::FindingAggregator')
      .flatMap((r) => (Array.isArray(r.Properties?.Regions) ? (r.Properties.Regions as string[]) : []));
    for (const r of resources) {
      const text = JSON.stringify(r.Properties ?? {});
      if (GUARDDUTY_DETECTOR.test(r.Type))
        add({ service: 'GuardDuty', account, region, stack: stack.displayName, how: 'detector' });
      if (/GuardDuty/.test(r.Type) && /\\?"AutoEnableOrganizationMembers\\?":\\?"ALL/.test(text)) {
        for (const member of accounts)
          add({
            service: 'GuardDuty',
            account: member,
            region,
            stack: stack.displayName,
            how: 'organization auto-enable',
          });
      }
      if (r.Type === 'AWS::SecurityHub::Hub')
        add({ service: 'Security Hub', account, region, stack: stack.displayName, how: 'hub' });
      if (r.Type === 'AWS::SecurityHub::PolicyAssociation') {
        const target = r.Properties?.TargetType;
        const members = target === 'ACCOUNT' ? [String(r.Properties?.TargetId)] : accounts;
        for (const member of members)
          for (const where of [region, ...linked])
            add({
              service: 'Security Hub',
              account: member,
              region: where,
              stack: stack.displayName,
              how: `configuration policy on the ${String(target).toLowerCase()}`,
            });
      }
    }
  }
  return [...sites.values()].sort(
    (a, b) =>
      a.service.localeCompare(b.service) || a.account.localeCompare(b.account) || a.region.localeCompare(b.region),
  );
}

/** The price key of a security service's per-account range. */
export function siteKey(site: ServiceSite): string {
  return site.service === 'GuardDuty' ? 'guardDuty.accountRegionMonth' : 'securityHub.accountRegionMonth';
}

export function sitePrice(table: PriceTable, site: ServiceSite) {
  return priceOf(table, site.region, siteKey(site));
}
