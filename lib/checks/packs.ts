import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import type { App, IPolicyValidationPlugin } from 'aws-cdk-lib';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** The cdk-nag packs every synth runs: AWS Solutions and NIST 800-53 rev 5. */
export function nagPacks(scope: IConstruct): IPolicyValidationPlugin[] {
  return [new AwsSolutionsChecks(scope), new NIST80053R5Checks(scope)];
}

/** The Control Tower proactive controls as cfn-guard rules (about 0.13 s per stack: tests and CI, not every synth). */
export function guardPlugin(): IPolicyValidationPlugin {
  return new CfnGuardValidator({ controlTowerRulesEnabled: true });
}

export interface ChecksOptions {
  /** Also run the cfn-guard Control Tower rules. @default false */
  readonly guard?: boolean;
}

/**
 * Register the gates on the app. Any unacknowledged finding makes `app.synth()` fail with the report in
 * `cdk.out/validation-report.json`.
 */
export function applyChecks(app: App, options: ChecksOptions = {}): void {
  Validations.of(app).addPlugins(...nagPacks(app), ...(options.guard ? [guardPlugin()] : []));
}
