import { Tags } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { TAGS } from '../naming';

/** Tag everything under `scope` with its environment (or account role) and owner. */
export function tagScope(scope: IConstruct, environment: string, owner: string): void {
  Tags.of(scope).add(TAGS.environment, environment);
  Tags.of(scope).add(TAGS.owner, owner);
}

/** Tag a service's resources with the service name (and its own owner when it has one). */
export function tagService(scope: IConstruct, service: string, owner: string | undefined): void {
  Tags.of(scope).add(TAGS.service, service);
  if (owner !== undefined) Tags.of(scope).add(TAGS.owner, owner);
}
