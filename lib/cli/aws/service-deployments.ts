/**
 * The releases of an ECS service: its service deployments (ListServiceDeployments), read-only. `landfall incident
 * new` puts them on the incident timeline; `landfall review release` takes the latest as the release time.
 */
import { ListServiceDeploymentsCommand } from '@aws-sdk/client-ecs';
import type { ServiceDeploymentBrief } from '@aws-sdk/client-ecs';
import { call } from './call';
import type { RetryOptions } from './call';
import type { AwsClients } from './clients';
import type { Window } from './error-budget';

/** The deployments of one ECS service created in the window, as ECS lists them (every page). */
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

/** When a deployment started sending the new revision traffic: `startedAt`, or `createdAt` before it started. */
export function deploymentStart(d: ServiceDeploymentBrief): Date | undefined {
  return d.startedAt ?? d.createdAt;
}

/** The release of one service: its latest deployment in a window. */
export interface Release {
  readonly service: string;
  readonly at: Date;
  /** `SUCCESSFUL`, `IN_PROGRESS`, `ROLLBACK_SUCCESSFUL`, ... */
  readonly status: string;
  /** The last part of the target service revision ARN. */
  readonly revision: string;
}

/** The latest deployment of the service started in the window, or `undefined` when there was none. */
export async function latestRelease(
  clients: AwsClients,
  retry: RetryOptions,
  cluster: string,
  service: string,
  window: Window,
): Promise<Release | undefined> {
  let latest: Release | undefined;
  for (const d of await serviceDeployments(clients, retry, cluster, service, window)) {
    const at = deploymentStart(d);
    if (at === undefined || (latest !== undefined && latest.at >= at)) continue;
    latest = { service, at, status: d.status ?? 'UNKNOWN', revision: revisionOf(d) };
  }
  return latest;
}

/** `42` of `arn:aws:ecs:...:service-revision/landfall-prod/api/42`. */
export function revisionOf(d: ServiceDeploymentBrief): string {
  return d.targetServiceRevisionArn?.split('/').pop() ?? 'a new revision';
}
