import { loadPlatform } from '../../lib/plan/load';
import { rolloutPlan } from '../../lib/plan/rollout';
import { TEAM_CONFIG_DIR } from '../support/team';

/**
 * The platform suite, continued: what `cdk synth` and `landfall rollout` check on the team's own config. Holds for
 * any valid config; a failure prints the problems `landfall validate` prints.
 */
describe('the plan of the team platform', () => {
  it('passes every plan check the app applies (derived queue, log group, alarm and role names unique)', () => {
    expect(() => loadPlatform(TEAM_CONFIG_DIR)).not.toThrow();
  });

  it('has a rollout plan whose step ids are unique and whose every step comes after the steps it needs', () => {
    const { steps } = rolloutPlan(loadPlatform(TEAM_CONFIG_DIR));
    const seen = new Set<string>();
    const late: string[] = [];
    for (const step of steps) {
      for (const need of step.needs) if (!seen.has(need)) late.push(`${step.id} needs ${need}`);
      expect(seen.has(step.id)).toBe(false);
      seen.add(step.id);
    }
    expect(late).toEqual([]);
  });
});
