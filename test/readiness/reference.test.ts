import {
  checkImports,
  checkReadiness,
  missingFromPlan,
  checkNames,
  checkReferencedBuckets,
  checkSingletons,
  checkWriters,
  externalInputs,
  writerCalls,
} from '../../lib/checks/readiness';
import { rolloutPlan } from '../../lib/plan/rollout';
import { simulatePolicies } from '../../scripts/readiness-simulator';
import { referenceModel } from '../support/example';
import { referenceOptions, synthesize } from './fixture';

/** The gates over the reference fixture as synthesized (once for this file): a platform that deploys. */
const { assembly: reference, stackPaths } = synthesize();
const options = referenceOptions();

describe('readiness gates over the reference fixture', () => {
  it('reads every stack of every stage assembly', () => {
    expect(reference.stacks.map((s) => s.path).sort()).toEqual([...stackPaths].sort());
  });

  // CloudFormation, "Fn::ImportValue": "For each AWS account, Export names must be unique within a Region."
  it('every import matches an export of a stack it depends on, in its account and region', () => {
    expect(checkImports(reference)).toEqual([]);
  });

  it('every fixed physical name is unique in its AWS scope and covered by the name table', () => {
    expect(checkNames(reference)).toEqual([]);
  });

  // cloudformation-coverage-roadmap#1155: "there is no way of creating multiple SlackChannelConfiguration for the
  // same channel id"; Config: "only one customer managed configuration recorder for each account for each AWS Region".
  it('declares every per-account singleton once', () => {
    expect(checkSingletons(reference).map((p) => p.message)).toEqual([]);
  });

  it('creates every bucket it names as a log destination', () => {
    expect(checkReferencedBuckets(reference)).toEqual([]);
  });

  it('simulates every kind of writer the platform relies on', () => {
    const kinds = [
      'AWS Config recorder role',
      'CloudTrail trail',
      'Elastic Load Balancing access logs',
      'AWS Budgets',
      'ECS task execution role',
    ];
    const found = new Set(writerCalls(reference, options).calls.map((c) => kinds.find((k) => c.writer.startsWith(k))));
    expect([...found].sort()).toEqual([...kinds].sort());
  });

  // Each service's permission page (AWS Config, CloudTrail, Elastic Load Balancing, AWS Budgets, GuardDuty on
  // Fargate): the calls and the policies are in lib/checks/readiness/writers-*.ts with the quotes.
  it('allows every cross-account writer what its service does', async () => {
    expect((await checkWriters(reference, simulatePolicies, options)).map((p) => p.message)).toEqual([]);
  });

  it('lists the certificates, secrets and Slack IDs it needs as external inputs, by account name', () => {
    expect(externalInputs(reference, options).map((i) => `${i.kind} ${i.value} ${i.account} ${i.region}`)).toEqual([
      'certificate arn:aws:acm:ap-northeast-1:666666666666:certificate/00000000-0000-4000-8000-000000000666 prod ap-northeast-1',
      'certificate arn:aws:acm:ap-northeast-1:555555555555:certificate/00000000-0000-4000-8000-000000000555 stg ap-northeast-1',
      'secret acme/api/token dev ap-northeast-1',
      'secret acme/api/token prod ap-northeast-1',
      'secret acme/api/token stg ap-northeast-1',
      'slack-channel C0PAGE12345 dev us-east-2',
      'slack-channel C0COST12345 management us-east-2',
      'slack-channel C0PAGE12345 prod us-east-2',
      'slack-channel C0PAGE12345 stg us-east-2',
      'slack-workspace T0123456789 dev us-east-2',
      'slack-workspace T0123456789 management us-east-2',
      'slack-workspace T0123456789 prod us-east-2',
      'slack-workspace T0123456789 stg us-east-2',
    ]);
  });

  // The rollout plan (lib/plan/rollout) is where a user learns what to create before a deploy: every input the
  // templates read must be a prerequisite of one of its steps, so `landfall rollout` asks for it.
  it('has every external input listed by a step of the rollout plan', () => {
    const steps = rolloutPlan(referenceModel()).steps;
    expect(missingFromPlan(externalInputs(reference, options), steps)).toEqual([]);
  });

  it('reports an input the rollout plan forgot as a problem of the whole run', async () => {
    const steps = rolloutPlan(referenceModel()).steps.map((s) => ({
      inputs: (s.inputs ?? []).filter((i) => i.kind !== 'certificate'),
    }));
    const report = await checkReadiness(reference, { ...options, simulate: simulatePolicies, plannedSteps: steps });
    expect(report.problems.filter((p) => p.gate === 'external-inputs').map((p) => p.message)).toEqual([
      'certificate arn:aws:acm:ap-northeast-1:666666666666:certificate/00000000-0000-4000-8000-000000000666 (account prod, ap-northeast-1) is read by the templates but no rollout step lists it as a prerequisite: `landfall rollout` would never ask for it',
      'certificate arn:aws:acm:ap-northeast-1:555555555555:certificate/00000000-0000-4000-8000-000000000555 (account stg, ap-northeast-1) is read by the templates but no rollout step lists it as a prerequisite: `landfall rollout` would never ask for it',
    ]);
  });

  it('leaves out the parameters AWS publishes and the one cdk bootstrap creates', () => {
    expect(externalInputs(reference, options).filter((i) => i.kind === 'ssm-parameter')).toEqual([]);
  });
});
