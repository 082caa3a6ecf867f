import { RemovalPolicy } from 'aws-cdk-lib';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import { Construct } from 'constructs';
import { acknowledge } from './acknowledge';

/** Protection plans a landfall detector turns on, as GuardDuty names them (detector and organization APIs alike). */
export const GUARDDUTY_FEATURES: ReadonlyArray<{ readonly name: string; readonly additional?: readonly string[] }> = [
  { name: 'S3_DATA_EVENTS' },
  { name: 'EBS_MALWARE_PROTECTION' },
  { name: 'RDS_LOGIN_EVENTS' },
  { name: 'RUNTIME_MONITORING', additional: ['ECS_FARGATE_AGENT_MANAGEMENT'] },
];

export interface GuardDutyDetectorProps {
  /**
   * How often updated findings are exported to EventBridge.
   * @default 'FIFTEEN_MINUTES'
   */
  readonly findingPublishingFrequency?: 'FIFTEEN_MINUTES' | 'ONE_HOUR' | 'SIX_HOURS';
}

/**
 * The account's GuardDuty detector with S3 protection, EBS malware protection, RDS login events and runtime
 * monitoring whose agent GuardDuty manages on ECS Fargate. Retained: removing the stack leaves detection on.
 */
export class GuardDutyDetector extends Construct {
  public readonly detector: guardduty.CfnDetector;

  constructor(scope: Construct, id: string, props: GuardDutyDetectorProps = {}) {
    super(scope, id);
    this.detector = new guardduty.CfnDetector(this, 'Detector', {
      enable: true,
      findingPublishingFrequency: props.findingPublishingFrequency ?? 'FIFTEEN_MINUTES',
      features: GUARDDUTY_FEATURES.map((f) => ({
        name: f.name,
        status: 'ENABLED',
        additionalConfiguration: f.additional?.map((name) => ({ name, status: 'ENABLED' })),
      })),
    });
    this.detector.applyRemovalPolicy(RemovalPolicy.RETAIN);
    acknowledge(this.detector, {
      'guard:guardduty_s3_protection_enabled_check':
        'CT.GUARDDUTY.PR.1: S3 protection is on through Features S3_DATA_EVENTS; the rule reads the legacy DataSources.S3Logs field, which cannot be combined with Features',
    });
  }

  public get detectorId(): string {
    return this.detector.ref;
  }
}
