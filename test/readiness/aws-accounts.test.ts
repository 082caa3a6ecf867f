import { RegionInfo } from 'aws-cdk-lib/region-info';
import { ELB_ACCOUNTS, GUARDDUTY_AGENT_ACCOUNTS } from '../../lib/checks/readiness/aws-accounts';

describe('AWS-owned accounts the writer gate simulates', () => {
  it.each(Object.entries(ELB_ACCOUNTS))(
    'names the Elastic Load Balancing account of %s as aws-cdk-lib region facts do',
    (region, account) => {
      expect(RegionInfo.get(region).elbv2Account).toBe(account);
    },
  );

  it('uses the log delivery service where aws-cdk-lib knows no Elastic Load Balancing account', () => {
    const withoutAccount = RegionInfo.regions
      .map((r) => r.name)
      .filter((name) => /^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(name) && RegionInfo.get(name).elbv2Account === undefined);
    expect(withoutAccount.filter((name) => ELB_ACCOUNTS[name] !== undefined)).toEqual([]);
  });

  it('knows the GuardDuty agent repository of every Region the Elastic Load Balancing table lists', () => {
    const commercial = Object.keys(ELB_ACCOUNTS).filter((r) => !r.startsWith('us-gov-'));
    expect(commercial.filter((r) => GUARDDUTY_AGENT_ACCOUNTS[r] === undefined)).toEqual([]);
  });
});
