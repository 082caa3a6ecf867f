import { Stack } from 'aws-cdk-lib';
import type { App } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
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
  // The stacks' synthesizer must use the bootstrap stacks `cdk bootstrap --qualifier` created.
  app.node.setContext('@aws-cdk/core:bootstrapQualifier', model.platform.deploy.cdkQualifier);
  const region = model.platform.homeRegion;
  const envOf = (account: { id: string }) => ({ account: account.id, region });
  return {
    org: new OrgStage(app, STAGES.org, { env: envOf(model.accounts.management), model }),
    logArchive: new LogArchiveStage(app, STAGES.logArchive, { env: envOf(model.accounts.logArchive), model }),
    security: new SecurityStage(app, STAGES.security, { env: envOf(model.accounts.security), model }),
    environments: model.environments.map(
      (environment) =>
        new EnvironmentStage(app, environment.name, { env: envOf(environment.account), model, environment }),
    ),
  };
}

/** Every stack under a scope, in construct-path order. */
export function stacksOf(scope: IConstruct): Stack[] {
  const out: Stack[] = [];
  const visit = (c: IConstruct) => {
    if (Stack.isStack(c)) out.push(c);
    c.node.children.forEach(visit);
  };
  visit(scope);
  return out.sort((a, b) => a.node.path.localeCompare(b.node.path));
}

/** One line per stack: what `cdk deploy` selects, the CloudFormation name, and where it goes. */
export function stackInventory(scope: IConstruct): string {
  const stacks = stacksOf(scope);
  const width = Math.max(...stacks.map((s) => s.node.path.length));
  const nameWidth = Math.max(...stacks.map((s) => s.stackName.length));
  const lines = stacks.map(
    (s) =>
      `  ${s.node.path.padEnd(width)}  ${s.stackName.padEnd(nameWidth)}  ${s.account}/${s.region}${s.terminationProtection ? '  (termination protected)' : ''}`,
  );
  return [`landfall: ${stacks.length} stacks`, ...lines].join('\n');
}
