/**
 * bootstrap activates landfall's tag keys as cost allocation tags (Cost Explorer UpdateCostAllocationTagsStatus, in
 * the management account). Cost Explorer API Reference: the call "Updates status for cost allocation tags in bulk,
 * with maximum batch size of 20. If the tag status that's updated is the same as the existing tag status, the
 * request doesn't fail", and reports per-key failures in `Errors`; a key appears only after Billing has seen it on
 * a resource (ListCostAllocationTags lists the keys it knows).
 */
import { UpdateCostAllocationTagsStatusCommand } from '@aws-sdk/client-cost-explorer';
import { makeBootstrapCommand } from '../../../lib/cli/bootstrap/command';
import { runIn } from '../../support/cli';
import { completeSetup, fakeAws, freshOrganization } from '../../support/fake-aws';
import type { FakeAws, FakeState } from '../../support/fake-aws';

const instant = { sleep: async () => undefined, baseDelayMs: 1 };
const TITLE = 'cost allocation tags (landfall:service, environment, owner)';

function bootstrap(aws: FakeAws, args: string[] = []) {
  const command = makeBootstrapCommand({ clients: aws.factory, retry: instant });
  return runIn([command], ['bootstrap', ...args]);
}

/** Everything else done, the tags as given. */
function organization(tags: FakeState['costAllocationTags']): FakeAws {
  const state = completeSetup(freshOrganization());
  state.costAllocationTags = tags;
  return fakeAws(state);
}

const row = (stdout: string) => stdout.split('\n').find((l) => l.includes(TITLE)) ?? '';

describe('bootstrap: cost allocation tags', () => {
  it("activates landfall's three tag keys once Billing has seen them, in one request", async () => {
    const aws = organization({
      'landfall:service': 'Inactive',
      'landfall:environment': 'Inactive',
      'landfall:owner': 'Inactive',
      team: 'Inactive',
    });
    const run = await bootstrap(aws, ['--apply']);
    expect(run.code).toBe(0);
    expect(aws.costExplorer.commandCalls(UpdateCostAllocationTagsStatusCommand).map((c) => c.args[0].input)).toEqual([
      {
        CostAllocationTagsStatus: [
          { TagKey: 'landfall:service', Status: 'Active' },
          { TagKey: 'landfall:environment', Status: 'Active' },
          { TagKey: 'landfall:owner', Status: 'Active' },
        ],
      },
    ]);
    // The team's own tag is not landfall's to activate.
    expect(aws.state.costAllocationTags?.team).toBe('Inactive');
  });

  it('counts active tags as done and changes nothing', async () => {
    const aws = organization({
      'landfall:service': 'Active',
      'landfall:environment': 'Active',
      'landfall:owner': 'Active',
    });
    const run = await bootstrap(aws, ['--apply']);
    expect(row(run.stdout)).toMatch(/done\s+landfall:service, landfall:environment, landfall:owner are active$/);
    expect(aws.costExplorer.commandCalls(UpdateCostAllocationTagsStatusCommand)).toHaveLength(0);
  });

  it('waits, naming the rollout step to do first, while Billing has seen none of the keys (before the first deploy)', async () => {
    const aws = organization({});
    const run = await bootstrap(aws, ['--apply']);
    expect(run.code).toBe(1);
    expect(row(run.stdout)).toContain(
      "blocked  not seen by Billing yet: landfall:service, landfall:environment, landfall:owner; Billing lists a tag key up to 24 hours after a resource first carries it: next `npx cdk deploy 'dev/*' --require-approval never` (rollout step deploy-dev), then run bootstrap again",
    );
    expect(aws.costExplorer.commandCalls(UpdateCostAllocationTagsStatusCommand)).toHaveLength(0);
  });

  it('activates the keys Billing has seen and names the ones it has not', async () => {
    const aws = organization({ 'landfall:environment': 'Inactive', 'landfall:owner': 'Inactive' });
    const plan = await bootstrap(aws);
    expect(row(plan.stdout)).toContain(
      'to do  UpdateCostAllocationTagsStatus Active: landfall:environment, landfall:owner (not seen by Billing yet: landfall:service)',
    );
    await bootstrap(aws, ['--apply']);
    expect(aws.state.costAllocationTags).toEqual({ 'landfall:environment': 'Active', 'landfall:owner': 'Active' });
    const again = await bootstrap(aws);
    expect(row(again.stdout)).toContain('blocked  not seen by Billing yet: landfall:service;');
  });

  it('fails naming the keys Cost Explorer refused, though it answered HTTP 200', async () => {
    const aws = organization({
      'landfall:service': 'Inactive',
      'landfall:environment': 'Active',
      'landfall:owner': 'Active',
    });
    aws.costExplorer.on(UpdateCostAllocationTagsStatusCommand).resolves({
      Errors: [{ TagKey: 'landfall:service', Code: 'TagKeysNotFoundException', Message: 'tag key not found' }],
    });
    const run = await bootstrap(aws, ['--apply']);
    expect(run.code).toBe(3);
    expect(run.stderr.split('\n')[0]).toContain(
      'ce:UpdateCostAllocationTagsStatus refused landfall:service (TagKeysNotFoundException: tag key not found)',
    );
  });
});
