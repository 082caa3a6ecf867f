import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface KeyChangeAlarmProps {
  /** The KMS key to watch. */
  readonly key: kms.IKey;
  /** Topic the matching CloudTrail events are sent to. */
  readonly topic: sns.ITopic;
  /** What the key protects, for the rule's description. */
  readonly purpose: string;
}

/** The KMS calls that make a key unusable or hand it to someone else. */
export const KEY_TAMPERING_EVENTS = [
  'DisableKey',
  'DisableKeyRotation',
  'PutKeyPolicy',
  'ScheduleKeyDeletion',
] as const;

/**
 * An EventBridge rule that sends every `ScheduleKeyDeletion`, `DisableKey`, `DisableKeyRotation` and `PutKeyPolicy`
 * on one key to a topic, from the CloudTrail management events EventBridge receives in the key's region ("AWS API
 * Call via CloudTrail"; the KMS record names the key in `resources[].ARN`). For keys SCPs cannot protect: those of
 * the management account.
 */
export class KeyChangeAlarm extends Construct {
  public readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: KeyChangeAlarmProps) {
    super(scope, id);
    this.rule = new events.Rule(this, 'Rule', {
      description: `Someone disabled, scheduled for deletion or changed the policy of the KMS key of ${props.purpose}`,
      eventPattern: {
        source: ['aws.kms'],
        detailType: ['AWS API Call via CloudTrail'],
        detail: {
          eventSource: ['kms.amazonaws.com'],
          eventName: [...KEY_TAMPERING_EVENTS],
          resources: { ARN: [props.key.keyArn] },
        },
      },
      targets: [new targets.SnsTopic(props.topic)],
    });
  }
}
