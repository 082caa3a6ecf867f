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
  /**
   * The region of this stack and of the GuardDuty rule: GuardDuty findings of this region notify through that rule,
   * so the Security Hub rules leave them out (no second email for the same finding); GuardDuty findings of linked
   * regions reach this region only through Security Hub's aggregator.
   */
  readonly homeRegion: string;
}

/** GuardDuty's severity bands ("Low 1.0-3.9, Medium 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0"), as Security Hub labels them. */
const GUARDDUTY_BANDS: ReadonlyArray<readonly [label: string, upTo: number]> = [
  ['LOW', 3.9],
  ['MEDIUM', 6.9],
  ['HIGH', 8.9],
  ['CRITICAL', 10],
];

/** The Security Hub severity labels of GuardDuty findings of `min` or more. */
export function guardDutyLabels(min: number): string[] {
  return GUARDDUTY_BANDS.filter(([, upTo]) => upTo >= min).map(([label]) => label);
}

/**
 * The security notification topic (encrypted with its own KMS key, TLS only) and the EventBridge rules that send
 * it high-severity GuardDuty findings and new, active Security Hub findings of the chosen severities, each finding
 * once. In the delegated administrator account these rules see the findings of every member account.
 */
export class SecurityFindingsNotifications extends Construct {
  public readonly topic: sns.Topic;
  public readonly key: kms.Key;
  public readonly guardDutyRule: events.Rule;
  /** GuardDuty Extended Threat Detection attack sequences below the severity threshold (the rule above takes the rest). */
  public readonly attackSequenceRule: events.Rule;
  /** Failed control findings of Security Hub's own checks. */
  public readonly securityHubControlRule: events.Rule;
  /** Findings of other integrated products, GuardDuty excepted. */
  public readonly securityHubProductRule: events.Rule;
  /** GuardDuty findings of the linked regions, aggregated by Security Hub. */
  public readonly linkedGuardDutyRule: events.Rule;

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

    // Attack sequences ("GuardDuty attack sequence finding types": AttackSequence:ECS/CompromisedCluster,
    // AttackSequence:IAM/CompromisedCredentials, AttackSequence:S3/CompromisedData, ...) always notify, whatever the
    // threshold; the ones at or above it already match the rule above, so this rule takes only those below it.
    this.attackSequenceRule = new events.Rule(this, 'GuardDutyAttackSequences', {
      description:
        'GuardDuty Extended Threat Detection attack sequences below the notification severity, from every account',
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: ['GuardDuty Finding'],
        detail: {
          type: [{ prefix: 'AttackSequence:' }],
          severity: [{ numeric: ['<', props.guardDutyMinSeverity ?? 7] }],
        },
      },
      targets: [new targets.SnsTopic(this.topic)],
    });

    // Security Hub sends a "Security Hub Findings - Imported" event whenever a finding is created or updated
    // ("BatchImportFindings for finding providers": "When Security Hub CSPM receives a BatchImportFindings request to
    // create or update a finding, it automatically generates a Security Hub Findings - Imported event"), so the rules
    // match only findings still in workflow status NEW: a finding someone has set to NOTIFIED, RESOLVED or SUPPRESSED
    // stops notifying, and Security Hub sets it back to NEW when it recurs (AWS::SecurityHub::AutomationRule
    // WorkflowUpdate: "The record state changes from ARCHIVED to ACTIVE" or "The compliance status changes from
    // PASSED to either WARNING, FAILED, or NOT_AVAILABLE").
    const severities = props.securityHubSeverities ?? ['CRITICAL', 'HIGH'];
    const unreviewed = {
      Workflow: { Status: ['NEW'] },
      RecordState: ['ACTIVE'],
    };
    const securityHubRule = (id: string, description: string, findings: Record<string, unknown>) =>
      new events.Rule(this, id, {
        description,
        eventPattern: {
          source: ['aws.securityhub'],
          detailType: ['Security Hub Findings - Imported'],
          detail: { findings: { ...findings, ...unreviewed } },
        },
        targets: [new targets.SnsTopic(this.topic)],
      });

    // Control findings: only failed checks (a passed check is an update of the same finding, not news).
    this.securityHubControlRule = securityHubRule(
      'SecurityHubFindings',
      `New, active failed Security Hub control findings labelled ${severities.join(' or ')}, from every account and linked region`,
      { ProductName: ['Security Hub'], Compliance: { Status: ['FAILED'] }, Severity: { Label: [...severities] } },
    );
    // Findings of other integrated products (Inspector, Macie, IAM Access Analyzer, ...), except GuardDuty.
    this.securityHubProductRule = securityHubRule(
      'SecurityHubProductFindings',
      `New, active findings of integrated products other than GuardDuty labelled ${severities.join(' or ')}`,
      {
        ProductName: [{ 'anything-but': ['Security Hub', 'GuardDuty'] }],
        Severity: { Label: [...severities] },
      },
    );
    // GuardDuty findings of the linked regions: the GuardDuty rule above sees this region's only.
    const guardDutyMin = props.guardDutyMinSeverity ?? 7;
    this.linkedGuardDutyRule = securityHubRule(
      'LinkedRegionGuardDutyFindings',
      `GuardDuty findings of severity ${guardDutyMin} or more from the linked regions, through Security Hub`,
      {
        ProductName: ['GuardDuty'],
        Region: [{ 'anything-but': props.homeRegion }],
        Severity: { Label: guardDutyLabels(guardDutyMin) },
      },
    );
  }
}
