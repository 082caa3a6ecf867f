import * as fs from 'node:fs';
import * as path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { guardDutyLabels } from '../../constructs/security-findings-notifications';
import { matchesPattern } from '../support/event-pattern';
import { buildApp, stackAt } from '../support/example';

/**
 * The Findings stack's rules against sample events of the documented formats (Security Hub "EventBridge event formats
 * for Security Hub CSPM": detail-type "Security Hub Findings - Imported", one ASFF finding per event; "Samples of
 * control findings"; GuardDuty "GuardDuty Finding" events). Security Hub sends such an event for every creation and
 * every update of a finding ("BatchImportFindings for finding providers"), so a finding must notify once, and a
 * healthy platform's own updates not at all.
 */
const rules = Object.entries(
  Template.fromStack(stackAt(buildApp(), 'Security/Findings')).findResources('AWS::Events::Rule'),
).map(([id, r]) => ({
  id: id.replace(/^Notifications/, '').replace(/[0-9A-F]{8}$/, ''),
  pattern: r.Properties.EventPattern,
}));

const event = (name: string): unknown =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'events', `${name}.json`), 'utf8'));
const matching = (name: string) => rules.filter((r) => matchesPattern(r.pattern, event(name))).map((r) => r.id);

describe('security findings notifications on sample events', () => {
  it('has the GuardDuty rules (findings, attack sequences) and three Security Hub rules', () => {
    expect(rules.map((r) => r.id).sort()).toEqual([
      'GuardDutyAttackSequences',
      'GuardDutyFindings',
      'LinkedRegionGuardDutyFindings',
      'SecurityHubFindings',
      'SecurityHubProductFindings',
    ]);
  });

  it.each([
    [
      'a new failed CRITICAL control finding (Config.1 in us-east-1)',
      'securityhub-control-failed',
      ['SecurityHubFindings'],
    ],
    [
      'a home-region GuardDuty finding of severity 8, by GuardDuty itself',
      'guardduty-finding-high',
      ['GuardDutyFindings'],
    ],
    [
      'a linked-region GuardDuty finding, through Security Hub',
      'securityhub-guardduty-linked-region',
      ['LinkedRegionGuardDutyFindings'],
    ],
    ['a new HIGH Inspector finding', 'securityhub-inspector-high', ['SecurityHubProductFindings']],
    [
      'a GuardDuty Extended Threat Detection attack sequence (AttackSequence:ECS/CompromisedCluster)',
      'guardduty-attack-sequence',
      ['GuardDutyFindings'],
    ],
    [
      'an attack sequence below the severity threshold (attack sequences always notify)',
      'guardduty-attack-sequence-below-threshold',
      ['GuardDutyAttackSequences'],
    ],
  ])('notifies exactly once for %s', (_what, name, expected) => {
    expect(matching(name)).toEqual(expected);
  });

  it.each([
    // Security Hub puts a control back to NEW when it fails again (AWS::SecurityHub::AutomationRule WorkflowUpdate:
    // "The compliance status changes from PASSED to either WARNING, FAILED, or NOT_AVAILABLE").
    ['the same failed control once someone set it to NOTIFIED', 'securityhub-control-failed-notified'],
    ['a control that passes', 'securityhub-control-passed'],
    ['an archived finding', 'securityhub-control-archived'],
    ['the home-region GuardDuty finding again, as Security Hub imports it', 'securityhub-guardduty-home-region'],
    ['a LOW GuardDuty finding of a linked region', 'securityhub-guardduty-linked-region-low'],
  ])('stays quiet for %s', (_what, name) => {
    expect(matching(name)).toEqual([]);
  });
});

describe('guardDutyLabels', () => {
  it.each([
    [7, ['HIGH', 'CRITICAL']],
    [9, ['CRITICAL']],
    [5, ['MEDIUM', 'HIGH', 'CRITICAL']],
    [1, ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']],
  ])('labels GuardDuty severity %s and more as %j', (min, labels) => {
    expect(guardDutyLabels(min)).toEqual(labels);
  });
});
