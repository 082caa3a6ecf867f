import type { Construct } from 'constructs';
import type { EnvironmentPlan } from '../plan/environment';
import { DatabaseStack } from '../stacks/database-stack';
import { retentionDays } from './cdk-values';
import { tagService } from './tagging';

/** One stack per service database, tagged with the owning service; by service name. */
export function addDatabaseStacks(stage: Construct, plan: EnvironmentPlan): Map<string, DatabaseStack> {
  const stacks = new Map<string, DatabaseStack>();
  for (const db of plan.databases) {
    const owner = plan.services.find((s) => s.name === db.service);
    const stack = new DatabaseStack(stage, db.stackId, {
      stackName: db.stackName,
      description: db.description,
      terminationProtection: plan.terminationProtection,
      references: plan.references,
      database: {
        clusterIdentifier: db.clusterIdentifier,
        databaseName: db.databaseName,
        engineVersion: db.engineVersion,
        capacity: db.capacity,
        ...(db.instanceClass === undefined ? {} : { instanceClass: db.instanceClass }),
        readers: db.readers,
        backupRetentionDays: db.backupRetentionDays,
        deletionProtection: db.deletionProtection,
        keepData: db.removal === 'snapshot',
        insights: db.insights,
        slowQueryMs: db.slowQueryMs,
        logRetention: retentionDays(db.logRetentionDays),
      },
      parameters: db.parameters,
      alarms: {
        serviceName: db.service,
        environment: plan.name,
        namePrefix: plan.namePrefix,
        actionsEnabled: plan.alarmActionsEnabled,
        runbookBaseUrl: plan.runbookBaseUrl,
        containerInsights: plan.containerInsights,
        thresholds: db.thresholds,
      },
    });
    tagService(stack, db.service, owner?.owner);
    stacks.set(db.service, stack);
  }
  return stacks;
}
