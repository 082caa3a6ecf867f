/** The releases of an ECS service: its service deployments (ECS ListServiceDeployments), read-only. */
import { ListServiceDeploymentsCommand } from '@aws-sdk/client-ecs';
import type { ServiceDeploymentBrief } from '@aws-sdk/client-ecs';
import { call } from './call';
import type { RetryOptions } from './call';
import type { AwsClients } from './clients';
import type { Window } from './error-budget';

/** The deployments of one ECS service created in the window, every page. */
export async function serviceDeployments(
  clients: AwsClients,
  retry: RetryOptions,
  cluster: string,
  service: string,
  window: Window,
): Promise<ServiceDeploymentBrief[]> {
  const found: ServiceDeploymentBrief[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call(
      'ecs:ListServiceDeployments',
      () =>
        clients.ecs.send(
          new ListServiceDeploymentsCommand({
            cluster,
            service,
            createdAt: { after: window.from, before: window.to },
            ...(nextToken === undefined ? {} : { nextToken }),
          }),
        ),
      retry,
    );
    found.push(...(page.serviceDeployments ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return found;
}
