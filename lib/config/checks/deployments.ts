import type { Check } from './context';
import type { Problem } from '../problems';
import { deploymentMinutes, MAX_DEPLOYMENT_MINUTES, resolveDeployment } from '../deployment';
import { resolveProfile } from '../profiles';

/**
 * Every web service's canary or linear deployment fits the 33 hours CloudFormation allows in every environment
 * (AWS::ECS::Service CanaryConfiguration: "CloudFormation rejects deployments when the calculated deployment time
 * exceeds 33 hours"). Reported on the service file when the service sets its own deployment, otherwise on the
 * environment.
 */
export const checkDeployments: Check = {
  needs: ['environments'],
  run: ({ platform, platformFile, services }) => {
    const problems: Problem[] = [];
    platform.environments.forEach((env, i) => {
      const profile = resolveProfile(env.tier, env.overrides);
      for (const { file, config } of services) {
        if (config.kind !== 'web') continue;
        const deployment = resolveDeployment(profile, config);
        if (deployment.strategy === 'rolling') continue;
        const minutes = deploymentMinutes(deployment);
        if (minutes <= MAX_DEPLOYMENT_MINUTES) continue;
        const own = config.deployment !== undefined;
        problems.push({
          file: own ? file : platformFile,
          path: own ? 'deployment' : `environments[${i}].overrides`,
          message:
            `gives service ${config.name} in ${env.name} a ${deployment.strategy} deployment of ${minutes} minutes ` +
            `(bake time and interval waits; allowed: at most ${MAX_DEPLOYMENT_MINUTES} minutes, the 33 hours CloudFormation accepts)`,
        });
      }
    });
    return problems;
  },
};
