import type { PlatformInput } from './schema/platform';
import type { ServiceInput } from './schema/service';

/** Type the platform definition in `config/platform.ts`. Validation happens when the app or CLI loads it. */
export function definePlatform(platform: PlatformInput): PlatformInput {
  return platform;
}

/** Type a service definition in `config/services/<name>.ts`. */
export function defineService(service: ServiceInput): ServiceInput {
  return service;
}
