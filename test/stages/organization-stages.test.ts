import { allStacks, buildApp, stageOf } from '../support/example';

/** Which stacks the organization, log-archive and security stages hold, and their protection. */
const built = buildApp();
const stacksOf = (stage: string) => allStacks(stageOf(built, stage)).map((s) => s.node.id);

describe('organization stages', () => {
  it('holds Organization, IdentityCenter and Trail in the Org stage', () => {
    expect(stacksOf('Org')).toEqual(expect.arrayContaining(['IdentityCenter', 'Organization', 'Trail']));
  });

  it('holds Baseline and RegionalBaseline stacks in the Org stage, next to the governance and cost stacks', () => {
    expect(stacksOf('Org')).toEqual([
      'Baseline',
      'Billing',
      'Cost',
      'IdentityCenter',
      'Organization',
      'RegionalBaseline-us-east-1',
      'Trail',
    ]);
  });

  it('holds LogBuckets, Baseline and RegionalBaseline-us-east-1 in the LogArchive stage', () => {
    expect(stacksOf('LogArchive')).toEqual(['Baseline', 'LogBuckets', 'RegionalBaseline-us-east-1']);
  });

  it('holds a GuardDuty stack per allowed region in the Security stage', () => {
    expect(stacksOf('Security')).toEqual([
      'Baseline',
      'Findings',
      'GuardDuty',
      'GuardDuty-us-east-1',
      'RegionalBaseline-us-east-1',
      'SecurityHub',
    ]);
  });

  it.each(['Org', 'LogArchive', 'Security'])('termination-protects every stack of the %s stage', (stage) => {
    for (const stack of allStacks(stageOf(built, stage)))
      expect([stack.node.path, stack.terminationProtection]).toEqual([stack.node.path, true]);
  });

  it('names the stacks landfall-<stage>-<stack>', () => {
    expect(allStacks(stageOf(built, 'Security')).map((s) => [s.stackName, s.region])).toEqual([
      ['landfall-security-baseline', 'ap-northeast-1'],
      ['landfall-security-findings', 'ap-northeast-1'],
      ['landfall-security-guard-duty', 'ap-northeast-1'],
      ['landfall-security-guard-duty-us-east-1', 'us-east-1'],
      ['landfall-security-regional-baseline-us-east-1', 'us-east-1'],
      ['landfall-security-security-hub', 'ap-northeast-1'],
    ]);
  });
});

/** Stack dependencies (what `cdk deploy` orders) inside one account: every order CloudFormation can express. */
const dependenciesOf = (path: string) =>
  allStacks(built.app)
    .find((s) => s.node.path === path)
    ?.dependencies.map((s) => s.node.path)
    .sort();

describe('order by construction', () => {
  // PutDeliveryChannel fails with NoSuchBucketException or InsufficientDeliveryPolicyException when the bucket is
  // missing or its policy does not admit Config (AWS Config API reference, PutDeliveryChannel errors).
  it('deploys the log-archive Baseline after LogBuckets, whose Config bucket its delivery channel writes to', () => {
    expect(dependenciesOf('LogArchive/Baseline')).toEqual(['LogArchive/LogBuckets']);
  });

  it('deploys every RegionalBaseline after its home Baseline (recorder role) and, in log-archive, after LogBuckets', () => {
    expect(dependenciesOf('LogArchive/RegionalBaseline-us-east-1')).toEqual([
      'LogArchive/Baseline',
      'LogArchive/LogBuckets',
    ]);
    for (const stage of ['Org', 'Security', 'dev', 'stg', 'prod']) {
      expect(dependenciesOf(`${stage}/RegionalBaseline-us-east-1`)).toEqual([`${stage}/Baseline`]);
    }
  });

  it('deploys the regional GuardDuty stack after the home one, which creates the configurator role', () => {
    expect(dependenciesOf('Security/GuardDuty-us-east-1')).toEqual(['Security/GuardDuty']);
  });

  it("deploys Security Hub after the security account's own Config recorders", () => {
    expect(dependenciesOf('Security/SecurityHub')).toEqual([
      'Security/Baseline',
      'Security/RegionalBaseline-us-east-1',
    ]);
  });

  it('deploys Cost after Billing, whose topic the cost Slack channel subscribes to', () => {
    expect(dependenciesOf('Org/Cost')).toEqual(['Org/Billing']);
  });

  it('keeps every dependency inside one account (other accounts are rollout plan steps)', () => {
    for (const stack of allStacks(built.app)) {
      for (const dependency of stack.dependencies)
        expect([stack.node.path, dependency.account]).toEqual([stack.node.path, stack.account]);
    }
  });
});
