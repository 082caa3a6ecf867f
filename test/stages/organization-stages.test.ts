import { allStacks, buildApp, stageOf } from '../support/example';

/** Which stacks the organization, log-archive and security stages hold, and their protection. */
const built = buildApp();
const stacksOf = (stage: string) => allStacks(stageOf(built, stage)).map((s) => s.node.id);

describe('organization stages', () => {
  it('holds Organization, IdentityCenter and Trail in the Org stage', () => {
    expect(stacksOf('Org')).toEqual(expect.arrayContaining(['IdentityCenter', 'Organization', 'Trail']));
  });

  it('holds Baseline and LogBuckets in the LogArchive stage', () => {
    expect(stacksOf('LogArchive')).toEqual(['Baseline', 'LogBuckets']);
  });

  it('holds Baseline, Findings, GuardDuty and SecurityHub in the Security stage', () => {
    expect(stacksOf('Security')).toEqual(['Baseline', 'Findings', 'GuardDuty', 'SecurityHub']);
  });

  it.each(['Org', 'LogArchive', 'Security'])('termination-protects every stack of the %s stage', (stage) => {
    for (const stack of allStacks(stageOf(built, stage)))
      expect([stack.node.path, stack.terminationProtection]).toEqual([stack.node.path, true]);
  });

  it('names the stacks landfall-<stage>-<stack>', () => {
    expect(allStacks(stageOf(built, 'Security')).map((s) => s.stackName)).toEqual([
      'landfall-security-baseline',
      'landfall-security-findings',
      'landfall-security-guard-duty',
      'landfall-security-security-hub',
    ]);
  });
});
