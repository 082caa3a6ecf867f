import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { denyGrantsExceptForAwsServices } from './key-policies';

export interface SecurityFindingsNotificationsProps {
  /** Who receives the findings by email (each confirms the subscription once). */
  readonly emails: readonly string[];
  /**
   * Lowest GuardDuty severity that notifies (GuardDuty's high band starts at 7).
   * @default 7
   */
  readonly guardDutyMinSeverity?: number;
  /**
   * Security Hub severity labels that notify.
   * @default ['CRITICAL', 'HIGH']
   */
  readonly securityHubSeverities?: readonly string[];
}

/**
 * The security notification topic (encrypted with its own KMS key, TLS only) and the EventBridge rules that send
 * it high-severity GuardDuty findings and new, active Security Hub findings of the chosen severities. In the
 * delegated administrator account these rules see the findings of every member account.
 */
export class SecurityFindingsNotifications extends Construct {
  public readonly topic: sns.Topic;
  public readonly key: kms.Key;
  public readonly guardDutyRule: events.Rule;
  public readonly securityHubRule: events.Rule;

  constructor(scope: Construct, id: string, props: SecurityFindingsNotificationsProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts the security notification topic',
      enableKeyRotation: true,
    });
    denyGrantsExceptForAwsServices(this.key);
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'EventBridgePublishesEncrypted',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Security findings',
      masterKey: this.key,
      enforceSSL: true,
    });
    for (const email of props.emails) this.topic.addSubscription(new subscriptions.EmailSubscription(email));

    this.guardDutyRule = new events.Rule(this, 'GuardDutyFindings', {
      description: `GuardDuty findings of severity ${props.guardDutyMinSeverity ?? 7} or more, from every account`,
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: ['GuardDuty Finding'],
        detail: { severity: [{ numeric: ['>=', props.guardDutyMinSeverity ?? 7] }] },
      },
      targets: [new targets.SnsTopic(this.topic)],
    });

    const severities = props.securityHubSeverities ?? ['CRITICAL', 'HIGH'];
    this.securityHubRule = new events.Rule(this, 'SecurityHubFindings', {
      description: `New, active Security Hub findings labelled ${severities.join(' or ')}, from every account and linked region`,
      eventPattern: {
        source: ['aws.securityhub'],
        detailType: ['Security Hub Findings - Imported'],
        detail: {
          findings: {
            Severity: { Label: [...severities] },
            Workflow: { Status: ['NEW'] },
            RecordState: ['ACTIVE'],
          },
        },
      },
      targets: [new targets.SnsTopic(this.topic)],
    });
  }
}
