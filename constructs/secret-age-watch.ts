import * as config from 'aws-cdk-lib/aws-config';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface SecretAgeWatchProps {
  /** Name of the AWS Config rule (unique per account and region). */
  readonly ruleName: string;
  /** Days a secret may stay unchanged (the profile's `secretMaxAgeDays`). */
  readonly maxAgeDays: number;
  /** Where each secret that became too old is announced. */
  readonly topic: sns.ITopic;
  /** Environment name, in the announcement. */
  readonly environment: string;
  /** Link to the secret-age runbook, in the announcement. */
  readonly runbookUrl: string;
}

/**
 * Reports every Secrets Manager secret of the account that stayed unchanged longer than the profile allows: the
 * AWS Config managed rule secretsmanager-secret-periodic-rotation ("NON_COMPLIANT if a secret has not been rotated
 * for more than maxDaysSinceRotation number of days"; periodic, here every 24 hours), and an EventBridge rule that
 * announces each secret turning NON_COMPLIANT on the ticket topic with the runbook. No Lambda function: Config
 * evaluates, EventBridge forwards. The rule needs the account's configuration recorder (the Baseline stack).
 */
export class SecretAgeWatch extends Construct {
  public readonly rule: config.ManagedRule;
  public readonly announcement: events.Rule;

  constructor(scope: Construct, id: string, props: SecretAgeWatchProps) {
    super(scope, id);
    this.rule = new config.ManagedRule(this, 'Rule', {
      configRuleName: props.ruleName,
      identifier: config.ManagedRuleIdentifiers.SECRETSMANAGER_SECRET_PERIODIC_ROTATION,
      inputParameters: { maxDaysSinceRotation: props.maxAgeDays },
      maximumExecutionFrequency: config.MaximumExecutionFrequency.TWENTY_FOUR_HOURS,
      description: `Secrets of ${props.environment} unchanged for more than ${props.maxAgeDays} days (profile secretMaxAgeDays)`,
    });
    const field = (path: string) => events.EventField.fromPath(path);
    this.announcement = this.rule.onComplianceChange('TooOld', {
      description: `Announces secrets of ${props.environment} older than ${props.maxAgeDays} days`,
      eventPattern: { detail: { newEvaluationResult: { complianceType: ['NON_COMPLIANT'] } } },
      target: new targets.SnsTopic(props.topic, {
        message: events.RuleTargetInput.fromText(
          `[TICKET] secret too old in ${props.environment}: ${field('$.detail.resourceId')} has not changed for more ` +
            `than ${props.maxAgeDays} days (AWS Config rule ${props.ruleName}). Rotate it or give it a rotation ` +
            `schedule. Runbook: ${props.runbookUrl}`,
        ),
      }),
    });
  }
}
