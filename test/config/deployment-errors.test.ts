import { PROFILES, resolveDeployment } from '../../lib/config';
import { deploymentMinutes } from '../../lib/config/deployment';
import { configErrorOf, referencePlatform, referenceServices, validate } from '../support/example';

const platformProblem = (line: string) => `config/platform.ts has 1 problem:\n  * ${line}`;
const apiProblem = (line: string) => `config/services/api.ts has 1 problem:\n  * ${line}`;
const withApiDeployment = (deployment: Record<string, unknown>) => {
  const services = referenceServices();
  services.api.deployment = deployment as never;
  return services;
};
const withOverrides = (index: number, overrides: Record<string, unknown>) => {
  const platform = referencePlatform();
  platform.environments[index].overrides = overrides as never;
  return platform;
};

describe('deployment strategy per tier', () => {
  it('releases prod as a canary: 5% for 15 minutes, then all, both revisions kept 30 minutes', () => {
    expect(resolveDeployment(PROFILES.prod, {})).toEqual({
      strategy: 'canary',
      stepPercent: 5,
      intervalMinutes: 15,
      bakeMinutes: 30,
    });
  });

  it('releases stg linearly in 25% steps 3 minutes apart, with 5 minutes of bake time', () => {
    expect(resolveDeployment(PROFILES.stg, {})).toEqual({
      strategy: 'linear',
      stepPercent: 25,
      intervalMinutes: 3,
      bakeMinutes: 5,
    });
  });

  it('rolls dev tasks over in place', () => {
    expect(resolveDeployment(PROFILES.dev, {})).toEqual({ strategy: 'rolling' });
  });

  it('lets an environment override its tier: stg as a canary', () => {
    const model = validate(withOverrides(1, { deploymentStrategy: 'canary', canaryPercent: 20 }), referenceServices());
    const stg = model.environments.find((e) => e.name === 'stg');
    expect(resolveDeployment(stg!.profile, {})).toMatchObject({ strategy: 'canary', stepPercent: 20 });
  });

  it('lets a service override every environment: a rolling service in prod', () => {
    expect(resolveDeployment(PROFILES.prod, { deployment: { deploymentStrategy: 'rolling' } })).toEqual({
      strategy: 'rolling',
    });
  });

  it("takes a service's canary share over the environment's and keeps the environment's bake time", () => {
    expect(resolveDeployment(PROFILES.prod, { deployment: { canaryPercent: 1 } })).toEqual({
      strategy: 'canary',
      stepPercent: 1,
      intervalMinutes: 15,
      bakeMinutes: 30,
    });
  });
});

// ECS API reference, CanaryConfiguration: "canaryPercent ... Valid values are multiples of 0.1 from 0.1 to 100.0";
// "canaryBakeTimeInMinutes ... Valid values are 0 to 1440 minutes (24 hours)". LinearConfiguration: "stepPercent ...
// Valid values are multiples of 0.1 from 3.0 to 100.0"; "stepBakeTimeInMinutes ... Valid values are 0 to 1440".
describe('deployment settings ECS rejects', () => {
  it('rejects an unknown strategy', () => {
    expect(configErrorOf(withOverrides(2, { deploymentStrategy: 'blue-green' }), referenceServices())).toBe(
      platformProblem(
        'environments[2].overrides.deploymentStrategy: "blue-green" is not a deployment strategy (allowed: canary, linear, rolling)',
      ),
    );
  });

  it('rejects a canary share below 0.1%', () => {
    expect(configErrorOf(withOverrides(2, { canaryPercent: 0.05 }), referenceServices())).toBe(
      platformProblem(
        'environments[2].overrides.canaryPercent: 0.05 is not a canary share ECS allows (allowed: multiples of 0.1 from 0.1 to 100.0 percent)',
      ),
    );
  });

  it('rejects a canary share that is not a multiple of 0.1', () => {
    expect(configErrorOf(referencePlatform(), withApiDeployment({ canaryPercent: 2.55 }))).toBe(
      apiProblem(
        'deployment.canaryPercent: 2.55 is not a canary share ECS allows (allowed: multiples of 0.1 from 0.1 to 100.0 percent)',
      ),
    );
  });

  it('rejects a linear step below 3%', () => {
    expect(configErrorOf(withOverrides(1, { linearStepPercent: 2 }), referenceServices())).toBe(
      platformProblem(
        'environments[1].overrides.linearStepPercent: 2 is not a linear step ECS allows (allowed: multiples of 0.1 from 3.0 to 100.0 percent)',
      ),
    );
  });

  it('rejects a canary interval longer than 24 hours', () => {
    expect(configErrorOf(withOverrides(2, { canaryIntervalMinutes: 1441 }), referenceServices())).toBe(
      platformProblem(
        'environments[2].overrides.canaryIntervalMinutes: 1441 is not a canary interval ECS allows (allowed: 0-1440 minutes)',
      ),
    );
  });

  it('rejects a linear step interval that is not whole minutes', () => {
    expect(configErrorOf(referencePlatform(), withApiDeployment({ linearIntervalMinutes: 1.5 }))).toBe(
      apiProblem('deployment.linearIntervalMinutes: 1.5 must be a whole number of minutes'),
    );
  });

  it('rejects a negative bake time', () => {
    expect(configErrorOf(withOverrides(2, { deploymentBakeMinutes: -1 }), referenceServices())).toBe(
      platformProblem(
        'environments[2].overrides.deploymentBakeMinutes: -1 is not a bake time ECS allows (allowed: 0-1440 minutes)',
      ),
    );
  });

  it('rejects an unknown key in a service deployment, naming the known ones', () => {
    expect(configErrorOf(referencePlatform(), withApiDeployment({ strategy: 'canary' }))).toBe(
      apiProblem(
        'deployment.strategy: is not a known key (allowed: deploymentStrategy, canaryPercent, canaryIntervalMinutes, linearStepPercent, linearIntervalMinutes, deploymentBakeMinutes)',
      ),
    );
  });
});

// AWS::ECS::Service LinearConfiguration: "CloudFormation rejects deployments when the calculated deployment time
// exceeds 33 hours based on your template configuration: BakeTimeInMinutes + (StepBakeTimeInMinutes x Number of
// deployment steps)", where the steps are "(100 / StepPercent) - 1" when StepPercent divides 100, else the floor.
describe('the 33 hours CloudFormation allows a deployment', () => {
  it('counts 3 waits for 25% steps and 9 for 11% steps', () => {
    expect(deploymentMinutes({ strategy: 'linear', stepPercent: 25, intervalMinutes: 10, bakeMinutes: 5 })).toBe(35);
    expect(deploymentMinutes({ strategy: 'linear', stepPercent: 11, intervalMinutes: 10, bakeMinutes: 0 })).toBe(90);
  });

  it('rejects a prod canary of 24 hours plus 10 hours of bake time, on the environment', () => {
    expect(
      configErrorOf(withOverrides(2, { canaryIntervalMinutes: 1440, deploymentBakeMinutes: 600 }), referenceServices()),
    ).toBe(
      platformProblem(
        'environments[2].overrides: gives service api in prod a canary deployment of 2040 minutes (bake time and interval waits; allowed: at most 1980 minutes, the 33 hours CloudFormation accepts)',
      ),
    );
  });

  it('rejects a linear deployment of 3% steps 2 hours apart, on the service that sets it', () => {
    expect(
      configErrorOf(
        referencePlatform(),
        withApiDeployment({ deploymentStrategy: 'linear', linearStepPercent: 3, linearIntervalMinutes: 120 }),
      ),
    ).toBe(
      'config/services/api.ts has 3 problems:\n' +
        '  * deployment: gives service api in dev a linear deployment of 3960 minutes (bake time and interval waits; allowed: at most 1980 minutes, the 33 hours CloudFormation accepts)\n' +
        '  * deployment: gives service api in stg a linear deployment of 3965 minutes (bake time and interval waits; allowed: at most 1980 minutes, the 33 hours CloudFormation accepts)\n' +
        '  * deployment: gives service api in prod a linear deployment of 3990 minutes (bake time and interval waits; allowed: at most 1980 minutes, the 33 hours CloudFormation accepts)',
    );
  });
});
