import { configErrorOf, referencePlatform, validate } from '../support/example';

/** Environment settings the workloads depend on: domains, NAT, log retention, working hours, profile bounds. */

describe('environment config for workloads', () => {
  it('rejects a certificate ID that is not one', () => {
    const platform = referencePlatform();
    platform.environments[2].domain = {
      name: 'prod.example.com',
      certificateId: 'arn:aws:acm:ap-northeast-1:666666666666:certificate/x',
    };
    expect(configErrorOf(platform)).toBe(
      'config/platform.ts has 1 problem:\n' +
        '  * environments[2].domain.certificateId: "arn:aws:acm:ap-northeast-1:666666666666:certificate/x" is not an ACM certificate ID (the last part of its ARN, for example 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d)',
    );
  });

  it('rejects an environment without NAT', () => {
    const platform = referencePlatform();
    platform.environments[0].overrides = { natGateways: 0 };
    expect(configErrorOf(platform)).toBe(
      'config/platform.ts has 1 problem:\n' +
        '  * environments[0].overrides.natGateways: 0 leaves the private subnets without egress; services pull images and call AWS APIs through NAT (allowed: 1-3)',
    );
  });

  it('rejects more NAT gateways than availability zones', () => {
    const platform = referencePlatform();
    platform.environments[2].overrides = { natGateways: 4 };
    expect(configErrorOf(platform)).toBe(
      'config/platform.ts has 1 problem:\n' +
        '  * environments[2].overrides.natGateways: 4 is more than the 3 availability zones (allowed: 1-3, one per zone at most)',
    );
  });

  it('rejects more NAT gateways from the tier profile than availability zones instead of creating fewer', () => {
    const platform = referencePlatform();
    platform.availabilityZones = ['ap-northeast-1a', 'ap-northeast-1c'];
    expect(configErrorOf(platform)).toBe(
      'config/platform.ts has 1 problem:\n' +
        "  * environments[2].overrides.natGateways: is not set, so the prod profile's 3 NAT gateways apply: more than the 2 availability zones (allowed: 1-2, one per zone at most; set it, or list more availabilityZones)",
    );
  });

  it('accepts as many NAT gateways as availability zones once the environment overrides its profile', () => {
    const platform = referencePlatform();
    platform.availabilityZones = ['ap-northeast-1a', 'ap-northeast-1c'];
    platform.environments[2].overrides = { natGateways: 2 };
    expect(validate(platform).environments[2].profile.natGateways).toBe(2);
  });

  // PutRetentionPolicy (Amazon CloudWatch Logs API Reference), retentionInDays: "Possible values are: 1, 3, 5, 7, 14,
  // 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, and 3653."
  it('rejects a log retention CloudWatch Logs does not offer', () => {
    const platform = referencePlatform();
    // Untyped on purpose: the type of logRetentionDays already refuses 10.
    (platform.environments[0] as { overrides?: unknown }).overrides = { logRetentionDays: 10 };
    expect(configErrorOf(platform)).toBe(
      'config/platform.ts has 1 problem:\n' +
        '  * environments[0].overrides.logRetentionDays: 10 is not a CloudWatch Logs retention (allowed: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)',
    );
  });

  it('rejects working hours that end before they start', () => {
    const platform = referencePlatform();
    platform.environments[0].workingHours = { startHour: 9, endHour: 9 };
    expect(configErrorOf(platform)).toBe(
      'config/platform.ts has 1 problem:\n  * environments[0].workingHours.endHour: 9 is not after startHour 9 (allowed: 10-23)',
    );
  });

  it('rejects an unknown time zone', () => {
    const platform = referencePlatform();
    platform.environments[0].workingHours = { timeZone: 'Asia/Osaka' };
    expect(configErrorOf(platform)).toBe(
      'config/platform.ts has 1 problem:\n' +
        '  * environments[0].workingHours.timeZone: "Asia/Osaka" is not an IANA time zone (for example Asia/Tokyo, Europe/Berlin, UTC)',
    );
  });

  it('fills in working hours when an environment gives none', () => {
    expect(validate(referencePlatform()).environments[2].config.workingHours).toEqual({
      timeZone: 'UTC',
      days: 'MON-FRI',
      startHour: 8,
      endHour: 20,
    });
  });

  it('rejects profile overrides with the minimum above the maximum, and the services they break', () => {
    const platform = referencePlatform();
    platform.environments[1].overrides = { minTasks: 8 };
    expect(configErrorOf(platform)).toBe(
      'config/platform.ts has 1 problem:\n' +
        "  * environments[1].overrides.minTasks: 8 is above the environment's maxTasks 6 (allowed: 1-6)\n" +
        'config/services/api.ts has 1 problem:\n' +
        '  * scaling.maxTasks: 6 is below the minimum of 8 tasks from the tier profile (minTasks) in environment "stg" (allowed: 8-1000, or set a lower scaling.minTasks)',
    );
  });
});
