import { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { rolloutPlan } from '../../../lib/plan/rollout';
import { plannedStacks } from '../../../lib/plan/rollout/inventory';
import { buildApp, referenceModel } from '../../support/example';

/**
 * The plan against the CDK app it deploys: the reference fixture synthesized with `buildApp()`, read from the
 * cloud assembly (`cdk.out`) as the CDK CLI reads it.
 */
const model = referenceModel();
const plan = rolloutPlan(model);
const assembly = buildApp().app.synth();
const stacks = assembly.stacksRecursively;
const deploySteps = plan.steps.filter((s) => s.kind === 'deploy');
const stepIndex = (id: string) => plan.steps.findIndex((s) => s.id === id);
const stepsDeploying = (path: string) => deploySteps.filter((s) => s.stacks?.includes(path));

describe('the rollout plan and cdk.out of the reference platform', () => {
  it('deploys every stack of cdk.out in exactly one deploy step', () => {
    expect(stacks.length).toBeGreaterThan(20);
    for (const stack of stacks) {
      expect([stack.hierarchicalId, stepsDeploying(stack.hierarchicalId).length]).toEqual([stack.hierarchicalId, 1]);
    }
  });

  it('deploys each stack in the account and region the manifest gives it', () => {
    for (const stack of stacks) {
      const [step] = stepsDeploying(stack.hierarchicalId);
      expect([stack.hierarchicalId, step?.accountId, step?.region]).toEqual([
        stack.hierarchicalId,
        stack.environment.account,
        stack.environment.region,
      ]);
    }
  });

  it('deploys every stack a stack depends on in the same or an earlier step', () => {
    let dependencies = 0;
    for (const stack of stacks) {
      const [step] = stepsDeploying(stack.hierarchicalId);
      for (const dep of stack.dependencies.filter(
        (d): d is CloudFormationStackArtifact => d instanceof CloudFormationStackArtifact,
      )) {
        dependencies += 1;
        const [depStep] = stepsDeploying(dep.hierarchicalId);
        expect({
          stack: stack.hierarchicalId,
          dependsOn: dep.hierarchicalId,
          sameOrEarlier: step !== undefined && depStep !== undefined && stepIndex(depStep.id) <= stepIndex(step.id),
        }).toEqual({ stack: stack.hierarchicalId, dependsOn: dep.hierarchicalId, sameOrEarlier: true });
      }
    }
    expect(dependencies).toBeGreaterThan(10);
  });

  it('names each stack as the manifest does', () => {
    const names = new Map(plannedStacks(model).map((s) => [s.path, s.stackName]));
    for (const stack of stacks)
      expect([stack.hierarchicalId, names.get(stack.hierarchicalId)]).toEqual([stack.hierarchicalId, stack.stackName]);
  });

  it('deploys only stacks that cdk.out has', () => {
    const inAssembly = new Set(stacks.map((s) => s.hierarchicalId));
    const missing = deploySteps.flatMap((s) => s.stacks ?? []).filter((p) => !inAssembly.has(p));
    expect(missing).toEqual([]);
  });
});
