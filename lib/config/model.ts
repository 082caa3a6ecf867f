import type { Problem } from './problems';
import type { TierProfile } from './profiles';
import type { Tier } from './profiles';
import type { AccountConfig } from './schema/accounts';
import type { DiscoveredConfig } from './schema/discovered';
import type { EnvironmentConfig } from './schema/environments';
import type { PlatformConfig } from './schema/platform';
import type { ServiceConfig } from './schema/service';

/** An environment with its account and its tier profile resolved: what an environment stage receives. */
export interface ResolvedEnvironment {
  readonly name: string;
  readonly tier: Tier;
  readonly account: AccountConfig;
  readonly profile: TierProfile;
  readonly config: EnvironmentConfig;
}

/** The validated configuration: the only input of the CDK app and of the CLI commands that read config. */
export interface LandfallModel {
  readonly platform: PlatformConfig;
  readonly services: readonly ServiceConfig[];
  readonly environments: readonly ResolvedEnvironment[];
  readonly accounts: {
    readonly management: AccountConfig;
    readonly security: AccountConfig;
    readonly logArchive: AccountConfig;
  };
  /**
   * What `landfall accounts sync` found in the organization (`config/discovered.json`), when the file exists. Its
   * account IDs are already merged into `platform.accounts`; the Identity Center IDs are read from here.
   */
  readonly discovered?: DiscoveredConfig;
  /**
   * The repository root the config's relative paths (image directories) are resolved against: the parent of the
   * config directory when the loader read it. @default the working directory
   */
  readonly root?: string;
  /** What the config's readers should know but that is not a problem (an ignored discovered entry). @default none */
  readonly notices?: readonly Problem[];
}
