import { configErrorOf, referencePlatform, referenceServices, validate } from '../support/example';

/** Each scenario changes one thing in the example config and asserts the exact report a user reads. */
describe('platform config errors', () => {
  it('accepts the example config', () => {
    const model = validate(referencePlatform());
    expect(model.environments.map((e) => e.name)).toEqual(['dev', 'stg', 'prod']);
  });

  it('rejects an account ID that is not 12 digits', () => {
    const p = referencePlatform();
    p.accounts[3].id = '4444';
    expect(configErrorOf(p)).toBe(
      'config/platform.ts has 1 problem:\n  * accounts[3].id: "4444" is not a 12-digit AWS account ID',
    );
  });

  it('rejects two accounts with the same ID', () => {
    const p = referencePlatform();
    p.accounts[4].id = p.accounts[3].id;
    expect(configErrorOf(p)).toBe(
      'config/platform.ts has 1 problem:\n  * accounts[4].id: "444444444444" is already used by accounts[3] (each account needs its own id)',
    );
  });

  it('rejects an invalid email', () => {
    const p = referencePlatform();
    p.accounts[1].email = 'security-at-example.com';
    expect(configErrorOf(p)).toBe(
      'config/platform.ts has 1 problem:\n  * accounts[1].email: "security-at-example.com" is not a valid email address',
    );
  });

  it('rejects two accounts with the same email, ignoring case', () => {
    const p = referencePlatform();
    p.accounts[5].email = 'AWS+stg@example.com';
    expect(configErrorOf(p)).toBe(
      'config/platform.ts has 1 problem:\n  * accounts[5].email: "AWS+stg@example.com" is already used by accounts[4] (each account needs its own email)',
    );
  });

  it('rejects two environments with the same name', () => {
    const p = referencePlatform();
    p.environments[1].name = 'dev';
    expect(configErrorOf(p)).toBe(
      'config/platform.ts has 1 problem:\n  * environments[1].name: "dev" is already the name of environments[0] (environment names must be unique)',
    );
  });

  it('rejects an availability zone outside the home region', () => {
    const p = referencePlatform();
    p.availabilityZones[2] = 'ap-northeast-3a';
    expect(configErrorOf(p)).toBe(
      'config/platform.ts has 1 problem:\n  * availabilityZones[2]: "ap-northeast-3a" is not in the home region ap-northeast-1 (allowed: ap-northeast-1a, ap-northeast-1b, ...)',
    );
  });

  it('rejects a non-positive budget', () => {
    const p = referencePlatform();
    p.accounts[0].monthlyBudgetUsd = 0;
    expect(configErrorOf(p)).toBe(
      'config/platform.ts has 1 problem:\n  * accounts[0].monthlyBudgetUsd: 0 must be a positive amount in USD',
    );
  });

  it('rejects an unknown key and lists the allowed ones', () => {
    const p = referencePlatform();
    p.homeRegoin = 'ap-northeast-1';
    expect(configErrorOf(p)).toBe(
      'config/platform.ts has 1 problem:\n  * homeRegoin: is not a known key (allowed: organization, homeRegion, availabilityZones, allowedRegions, accounts, environments, notifications, deploy, guardrails, identityCenter, logArchive, securityHub, guardDuty, cost)',
    );
  });

  it('rejects an unknown tier', () => {
    const p = referencePlatform();
    (p.environments[1] as { tier: string }).tier = 'qa';
    expect(configErrorOf(p)).toBe(
      'config/platform.ts has 1 problem:\n  * environments[1].tier: "qa" is not a tier (allowed: dev, stg, prod)',
    );
  });

  it('rejects an environment on an account that does not exist', () => {
    const p = referencePlatform();
    p.environments[2].account = 'production';
    expect(configErrorOf(p)).toBe(
      'config/platform.ts has 1 problem:\n  * environments[2].account: "production" is not an account in accounts (allowed: dev, stg, prod)',
    );
  });

  it('rejects an environment on a non-workload account', () => {
    const p = referencePlatform();
    p.environments[0].account = 'security';
    expect(configErrorOf(p)).toBe(
      'config/platform.ts has 1 problem:\n  * environments[0].account: "security" has role "security"; an environment needs a workload account (allowed: dev, stg, prod)',
    );
  });

  it('rejects a config without a security account', () => {
    const p = referencePlatform();
    p.accounts[1].role = 'workload';
    expect(configErrorOf(p)).toBe(
      'config/platform.ts has 1 problem:\n  * accounts: has no account with role "security" (exactly one is required)',
    );
  });

  it('rejects allowed regions without the home region', () => {
    const p = referencePlatform();
    p.allowedRegions = ['us-east-1'];
    expect(configErrorOf(p)).toBe(
      'config/platform.ts has 1 problem:\n  * allowedRegions: ["us-east-1"] does not include the home region "ap-northeast-1" (the SCP would deny landfall itself)',
    );
  });

  it('rejects a missing required field', () => {
    const p = referencePlatform();
    delete (p as { homeRegion?: string }).homeRegion;
    expect(configErrorOf(p)).toBe('config/platform.ts has 1 problem:\n  * homeRegion: is missing (expected string)');
  });

  it('rejects an invalid profile override with its allowed range', () => {
    const p = referencePlatform();
    p.environments[0].overrides = { sessionDurationHours: 24 };
    expect(configErrorOf(p)).toBe(
      'config/platform.ts has 1 problem:\n  * environments[0].overrides.sessionDurationHours: 24 is not a session duration Identity Center allows (allowed: 1-12 hours)',
    );
  });

  it('reports every problem at once, across files', () => {
    const p = referencePlatform();
    p.accounts[0].id = '1';
    p.accounts[2].email = 'nope';
    const services = referenceServices();
    services.api.memoryMiB = 8192;
    expect(configErrorOf(p, services)).toBe(
      [
        'config/platform.ts has 2 problems:',
        '  * accounts[0].id: "1" is not a 12-digit AWS account ID',
        '  * accounts[2].email: "nope" is not a valid email address',
        'config/services/api.ts has 1 problem:',
        '  * memoryMiB: 8192 is not allowed with cpu 512 (allowed: 1024-4096 in steps of 1024)',
      ].join('\n'),
    );
  });
});
