import type { App } from 'aws-cdk-lib';
import type { LandfallModel } from './config';
import { STAGES } from './naming';
import { EnvironmentStage } from './stages/environment-stage';
import { LogArchiveStage } from './stages/log-archive-stage';
import { OrgStage } from './stages/org-stage';
import { SecurityStage } from './stages/security-stage';

export interface PlatformStages {
  readonly org: OrgStage;
  readonly logArchive: LogArchiveStage;
  readonly security: SecurityStage;
  readonly environments: readonly EnvironmentStage[];
}

/** Build every stage of the platform from a validated model. No I/O: the entry point loads the config. */
export function buildPlatform(app: App, model: LandfallModel): PlatformStages {
  const region = model.platform.homeRegion;
  const envOf = (account: { id: string }) => ({ account: account.id, region });
  return {
    org: new OrgStage(app, STAGES.org, { env: envOf(model.accounts.management), model }),
    logArchive: new LogArchiveStage(app, STAGES.logArchive, { env: envOf(model.accounts.logArchive), model }),
    security: new SecurityStage(app, STAGES.security, { env: envOf(model.accounts.security), model }),
    environments: model.environments.map(
      (environment) => new EnvironmentStage(app, environment.name, { env: envOf(environment.account), model, environment }),
    ),
  };
}
