import { configErrorOf, referencePlatform, validate } from '../support/example';

/** Config errors of the organization, guardrails, access, log archive and security settings: exact messages. */

/** Bad input is deliberately untyped: the tests write values the types would refuse. */
type Platform = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function platformWith(change: (p: Platform) => void): Platform {
  const p: Platform = referencePlatform();
  change(p);
  return p;
}

const HEADER = 'config/platform.ts has 1 problem:\n  * ';

const denyStatements = (count: number) => ({
  Version: '2012-10-17',
  Statement: Array.from({ length: count }, (_, i) => ({
    Sid: `Deny${i}`,
    Effect: 'Deny',
    Action: `ec2:Action${i}LongName`,
    Resource: '*',
  })),
});

describe('identity center assignments', () => {
  it('rejects an assignment naming an unknown group', () => {
    const p = platformWith((x) => {
      x.identityCenter.assignments[1].group = 'devs';
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}identityCenter.assignments[1].group: "devs" is not a group in identityCenter.groups (allowed: platform-admins, developers, on-call, auditors, finance)`,
    );
  });

  it('rejects an assignment naming an unknown account', () => {
    const p = platformWith((x) => {
      x.identityCenter.assignments[1].accounts.push('qa');
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}identityCenter.assignments[1].accounts[3]: "qa" is not an account in accounts (allowed: management, security, log-archive, dev, stg, prod)`,
    );
  });

  it('rejects an assignment naming an unknown permission set', () => {
    const p = platformWith((x) => {
      x.identityCenter.assignments[1].permissionSets = ['Admin'];
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}identityCenter.assignments[1].permissionSets[0]: "Admin" is not a permission set (allowed: PlatformAdmin, Developer, OnCall, ReadOnly, Billing)`,
    );
  });

  it('rejects a group ID that is not an Identity Store group ID', () => {
    const p = platformWith((x) => {
      x.identityCenter.groups.developers = 'not-a-uuid';
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}identityCenter.groups.developers: "not-a-uuid" is not an Identity Store group ID (for example 906739a1d5-0b41c4a6-8e4d-4e8f-9b1e-2f6d8a7c3b21)`,
    );
  });

  it('rejects an instance ARN that is not an Identity Center instance', () => {
    const p = platformWith((x) => {
      x.identityCenter.instanceArn = 'arn:aws:sso:::instance/x';
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}identityCenter.instanceArn: "arn:aws:sso:::instance/x" is not an Identity Center instance ARN (arn:aws:sso:::instance/ssoins-<16 characters>)`,
    );
  });
});

describe('session durations', () => {
  it('rejects a session duration over 12 hours', () => {
    const p = platformWith((x) => {
      x.environments[0].overrides = { sessionDurationHours: 13 };
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}environments[0].overrides.sessionDurationHours: 13 is not a session duration Identity Center allows (allowed: 1-12 hours)`,
    );
  });

  it('rejects a session duration under 1 hour', () => {
    const p = platformWith((x) => {
      x.environments[2].overrides = { sessionDurationHours: 0 };
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}environments[2].overrides.sessionDurationHours: 0 is not a session duration Identity Center allows (allowed: 1-12 hours)`,
    );
  });

  it('rejects two environments of one tier with different session durations', () => {
    const p = platformWith((x) => {
      x.accounts.push({
        name: 'prod-eu',
        role: 'workload',
        id: '777777777777',
        email: 'aws+prod-eu@example.com',
        monthlyBudgetUsd: 5,
      });
      x.environments.push({
        name: 'prod-eu',
        tier: 'prod',
        account: 'prod-eu',
        overrides: { sessionDurationHours: 2 },
      });
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}environments[3].overrides.sessionDurationHours: 2 differs from 4 in environments[2] of the same tier "prod" (Identity Center permission sets are made per tier: give the tier one value)`,
    );
  });

  it('accepts a session override shared by every environment of the tier', () => {
    const p = platformWith((x) => {
      x.environments[2].overrides = { sessionDurationHours: 2 };
    });
    expect(() => validate(p)).not.toThrow();
  });
});

describe('SCP guardrails', () => {
  it('rejects an SCP document over 5,120 characters, naming the policy and its size', () => {
    const p = platformWith((x) => {
      x.guardrails.policies = [
        {
          name: 'deny-lots',
          description: 'Deny many EC2 actions',
          document: denyStatements(80),
          targets: ['Workloads/Prod'],
        },
      ];
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}guardrails.policies[0].document: the SCP "deny-lots" is 6,418 characters (AWS allows at most 5,120, counted as compact JSON)`,
    );
  });

  it('accepts an SCP document of 5,120 characters or less', () => {
    const p = platformWith((x) => {
      x.guardrails.policies = [
        {
          name: 'deny-some',
          description: 'Deny some EC2 actions',
          document: denyStatements(60),
          targets: ['Workloads/Prod'],
        },
      ];
    });
    expect(() => validate(p)).not.toThrow();
  });

  it('rejects more than 5 SCPs on one target, FullAWSAccess included', () => {
    const p = platformWith((x) => {
      x.guardrails.policies = ['a', 'b'].map((n) => ({
        name: `extra-${n}`,
        description: n,
        document: denyStatements(1),
        targets: ['Workloads'],
      }));
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}guardrails.policies[1].targets[0]: "Workloads" would have 6 SCPs attached (FullAWSAccess, landfall-deny-iam-users, landfall-deny-other-regions, landfall-protect-logs-and-baseline, extra-a, extra-b); AWS allows at most 5 per root or OU, FullAWSAccess included`,
    );
  });

  it('accepts exactly 5 SCPs on one target', () => {
    const p = platformWith((x) => {
      x.guardrails.policies = ['a'].map((n) => ({
        name: `extra-${n}`,
        description: n,
        document: denyStatements(1),
        targets: ['Workloads'],
      }));
    });
    expect(() => validate(p)).not.toThrow();
  });

  it("rejects an SCP named like one of landfall's guardrails", () => {
    const p = platformWith((x) => {
      x.guardrails.policies = [
        { name: 'landfall-suspended', description: 'x', document: denyStatements(1), targets: ['Root'] },
      ];
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}guardrails.policies[0].name: "landfall-suspended" is already the name of one of landfall's guardrails (SCP names must be unique)`,
    );
  });

  it('rejects an SCP target that is neither the root nor an OU', () => {
    const p = platformWith((x) => {
      x.guardrails.policies = [{ name: 'x', description: 'x', document: denyStatements(1), targets: ['Prod'] }];
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}guardrails.policies[0].targets[0]: "Prod" is not an SCP target (allowed: Root, Security, Workloads, Workloads/NonProd, Workloads/Prod, Suspended)`,
    );
  });

  it('rejects an allowed-regions list without the home region', () => {
    const p = platformWith((x) => {
      x.allowedRegions = ['us-east-1'];
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}allowedRegions: ["us-east-1"] does not include the home region "ap-northeast-1" (the SCP would deny landfall itself)`,
    );
  });
});

describe('organization', () => {
  it('rejects an organization ID that is not one', () => {
    const p = platformWith((x) => {
      x.organization.id = 'o-1';
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}organization.id: "o-1" is not an organization ID (o- and 10-32 lowercase letters or digits)`,
    );
  });

  it('rejects moving the management account into an OU', () => {
    const p = platformWith((x) => {
      x.accounts[0].organizationalUnit = 'Security';
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}accounts[0].organizationalUnit: "Security" cannot hold the management account (it stays at the root, where SCPs do not apply; remove organizationalUnit)`,
    );
  });

  it('rejects an organization name that makes a log bucket name longer than S3 allows', () => {
    const p = platformWith((x) => {
      x.organization.name = 'acme-holdings-global';
      x.homeRegion = 'ap-southeast-2';
      x.availabilityZones = ['ap-southeast-2a', 'ap-southeast-2b', 'ap-southeast-2c'];
      x.allowedRegions = ['ap-southeast-2'];
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}organization.name: "acme-holdings-global" makes the log bucket name "acme-holdings-global-landfall-cloudtrail-333333333333-ap-southeast-2" 68 characters long (S3 allows at most 63; use at most 15 characters)`,
    );
  });
});

describe('log archive lifecycle', () => {
  it('rejects Glacier too soon after Standard-IA and expiry before the last transition', () => {
    const p = platformWith((x) => {
      x.logArchive.alb = { infrequentAccessAfterDays: 30, archiveAfterDays: 40, expireAfterDays: 35 };
      // Object Lock's retention (365 days by default) would be a third problem with a 35-day expiry.
      x.logArchive.objectLock = { enabled: false };
    });
    expect(configErrorOf(p)).toBe(
      'config/platform.ts has 2 problems:\n' +
        '  * logArchive.alb.archiveAfterDays: 40 is too soon after infrequentAccessAfterDays 30 (S3 keeps objects 30 days in Standard-IA; allowed: 60 or more)\n' +
        '  * logArchive.alb.expireAfterDays: 35 is not after archiveAfterDays 40 (allowed: 41 or more)',
    );
  });

  it('rejects Standard-IA sooner than 30 days', () => {
    const p = platformWith((x) => {
      x.logArchive.alb = { infrequentAccessAfterDays: 10, expireAfterDays: 35 };
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}logArchive.alb.infrequentAccessAfterDays: 10 is too early (S3 moves objects to Standard-IA after 30 days at the soonest)`,
    );
  });

  it('rejects a trail log retention CloudWatch Logs does not offer', () => {
    const p = platformWith((x) => {
      x.logArchive.trailCloudWatchLogsRetentionDays = 100;
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}logArchive.trailCloudWatchLogsRetentionDays: 100 is not a CloudWatch Logs retention (allowed: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)`,
    );
  });
});

describe('security hub', () => {
  it('rejects a control disabled twice', () => {
    const p = platformWith((x) => {
      x.securityHub.disabledControls.push({ control: 'IAM.6', reason: 'listed twice by mistake here' });
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}securityHub.disabledControls[7].control: "IAM.6" is already listed in securityHub.disabledControls[0] (list each control once)`,
    );
  });

  it('rejects a CIS version Security Hub does not offer', () => {
    const p = platformWith((x) => {
      x.securityHub.cisVersion = '2.0.0';
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}securityHub.cisVersion: "2.0.0" is not a CIS version Security Hub offers (allowed: 1.4.0, 3.0.0)`,
    );
  });

  it('rejects a disabled control without a reason a reviewer can check', () => {
    const p = platformWith((x) => {
      x.securityHub.disabledControls[0].reason = 'noisy';
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}securityHub.disabledControls[0].reason: "noisy" needs a reason a reviewer can check (at least 20 characters)`,
    );
  });
});

describe('defaults', () => {
  it('fills log archive, guardrail and Security Hub defaults when the sections are left out', () => {
    const p = platformWith((x) => {
      delete x.logArchive;
      delete x.guardrails;
      delete x.securityHub;
    });
    const { platform } = validate(p);
    expect(platform.guardrails).toEqual({ breakGlassRoleName: 'landfall-break-glass', policies: [] });
    expect(platform.securityHub).toEqual({ cisVersion: '3.0.0', disabledControls: [] });
    expect(platform.logArchive.alb).toEqual({
      infrequentAccessAfterDays: 30,
      archiveAfterDays: 90,
      expireAfterDays: 400,
    });
  });
});

describe('the CDK qualifier', () => {
  it('rejects the CDK default qualifier, which every CDK user shares', () => {
    const p = platformWith((x) => {
      x.deploy.cdkQualifier = 'hnb659fds';
    });
    expect(configErrorOf(p)).toBe(
      `${HEADER}deploy.cdkQualifier: "hnb659fds" is the CDK default qualifier; choose the organization's own (1-10 lowercase letters and digits, not hnb659fds), bootstrap with it and keep the default for the teams' own CDK apps`,
    );
  });

  it('defaults to landfall, not the CDK default', () => {
    expect(validate(referencePlatform()).platform.deploy.cdkQualifier).toBe('landfall');
  });
});
