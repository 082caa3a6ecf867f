import type { Attempt } from './adversary';
import { attempt } from './adversary';
import { referencePlatform, validate } from '../support/example';

/**
 * Complete deny lists (issue 10, item 3), compared with AWS's own examples (aws-samples/service-control-policy-
 * examples: "Deny-users-from-disabling-Amazon-GuardDuty-or-modifying-its-configuration", "Deny-deletion-or-
 * disassociation-or-updation-to-AWS-SecurityHub", "Deny-enabling-and-disabling-AWS-Config", "Deny-modifications-to-
 * specific-CloudTrail-trails", "Deny-unwarranted-IAM-federations-creation-modification", "Deny-disabling-default-
 * EBS-encryption", "Deny-critical-IAM-user-actions"). Each API below switches a protected service off or blinds it;
 * an administrator of a member account calls it and is denied.
 */
const model = validate(referencePlatform());
const DETECTOR = 'arn:aws:guardduty:{region}:{account}:detector/12abc34d567e8fa901bc2d34e56789f0';
const HUB = 'arn:aws:securityhub:{region}:{account}:hub/default';
const RECORDER = 'arn:aws:config:{region}:{account}:configuration-recorder/default/abcdefghijklmnop';
const TRAIL = 'arn:aws:cloudtrail:{region}:{account}:trail/local-trail';
const USER = 'arn:aws:iam::{account}:user/ci-bot';

const BLINDING: ReadonlyArray<[account: string, action: string, resource: string]> = [
  ['prod', 'guardduty:CreateIPSet', '*'],
  ['prod', 'guardduty:UpdateIPSet', `${DETECTOR}/ipset/0cb0141ab9fbde177613ab9436212e90`],
  ['prod', 'guardduty:CreateThreatIntelSet', '*'],
  ['prod', 'guardduty:ArchiveFindings', '*'],
  ['prod', 'guardduty:UpdateFilter', `${DETECTOR}/filter/hide-everything`],
  ['security', 'guardduty:DeletePublishingDestination', `${DETECTOR}/publishingDestination/abc123`],
  ['security', 'guardduty:UpdatePublishingDestination', `${DETECTOR}/publishingDestination/abc123`],
  ['security', 'guardduty:UpdateMemberDetectors', '*'],
  ['security', 'guardduty:DisassociateMembers', '*'],
  ['security', 'guardduty:UpdateDetector', DETECTOR],
  ['prod', 'guardduty:DisassociateFromAdministratorAccount', '*'],
  ['dev', 'securityhub:BatchUpdateStandardsControlAssociations', '*'],
  ['dev', 'securityhub:UpdateStandardsControl', HUB],
  ['prod', 'securityhub:DisableImportFindingsForProduct', HUB],
  ['prod', 'securityhub:UpdateSecurityHubConfiguration', HUB],
  ['security', 'securityhub:CreateAutomationRule', '*'],
  [
    'security',
    'securityhub:BatchUpdateAutomationRules',
    'arn:aws:securityhub:{region}:{account}:automation-rule/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
  ],
  [
    'security',
    'securityhub:DeleteFindingAggregator',
    'arn:aws:securityhub:{region}:{account}:finding-aggregator/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
  ],
  [
    'security',
    'securityhub:UpdateFindingAggregator',
    'arn:aws:securityhub:{region}:{account}:finding-aggregator/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
  ],
  [
    'security',
    'securityhub:UpdateConfigurationPolicy',
    'arn:aws:securityhub:{region}:{account}:configuration-policy/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
  ],
  ['prod', 'securityhub:DisableSecurityHub', HUB],
  ['prod', 'config:StopConfigurationRecorder', RECORDER],
  ['prod', 'config:DeleteDeliveryChannel', '*'],
  ['prod', 'config:PutConfigurationRecorder', RECORDER],
  ['prod', 'config:DeleteConfigRule', 'arn:aws:config:{region}:{account}:config-rule/config-rule-abc123'],
  ['prod', 'config:PutConfigRule', 'arn:aws:config:{region}:{account}:config-rule/config-rule-abc123'],
  [
    'security',
    'config:DeleteConfigurationAggregator',
    'arn:aws:config:{region}:{account}:config-aggregator/config-aggregator-abc123',
  ],
  ['prod', 'cloudtrail:StopLogging', TRAIL],
  ['prod', 'cloudtrail:PutEventSelectors', TRAIL],
  ['prod', 'cloudtrail:UpdateTrail', TRAIL],
  ['prod', 's3:PutAccountPublicAccessBlock', '*'],
  ['prod', 'ec2:DisableEbsEncryptionByDefault', '*'],
  ['prod', 'ec2:ModifyEbsDefaultKmsKeyId', '*'],
  [
    'prod',
    'iam:CreateOpenIDConnectProvider',
    'arn:aws:iam::{account}:oidc-provider/token.actions.githubusercontent.com',
  ],
  [
    'prod',
    'iam:UpdateOpenIDConnectProviderThumbprint',
    'arn:aws:iam::{account}:oidc-provider/token.actions.githubusercontent.com',
  ],
  ['prod', 'iam:CreateSAMLProvider', 'arn:aws:iam::{account}:saml-provider/evil-idp'],
  ['prod', 'account:PutAlternateContact', 'arn:aws:account::{account}:account'],
  ['prod', 'iam:UploadSigningCertificate', USER],
  ['prod', 'iam:UploadSSHPublicKey', USER],
  ['stg', 'iam:CreateServiceSpecificCredential', USER],
  ['dev', 'events:DisableRule', 'arn:aws:events:{region}:{account}:rule/landfall-dev-platform-OomRule-A1B2C3'],
  [
    'security',
    'events:RemoveTargets',
    'arn:aws:events:{region}:{account}:rule/landfall-security-findings-GuardDutyFindings-A1B2C3',
  ],
  [
    'security',
    'events:DeleteRule',
    'arn:aws:events:{region}:{account}:rule/landfall-security-findings-GuardDutyFindings-A1B2C3',
  ],
  ['security', 'sns:SetTopicAttributes', 'arn:aws:sns:{region}:{account}:landfall-security-findings-Topic-A1B2C3'],
  ['prod', 'sns:DeleteTopic', 'arn:aws:sns:{region}:{account}:landfall-prod-page'],
];

const cases: Array<[string, Attempt]> = BLINDING.map(([account, action, resource]) => [
  `${account}: an administrator calling ${action} is denied`,
  { who: 'platform-admin', account, action, resource },
]);

const KEY = 'arn:aws:kms:{region}:{account}:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const LANDFALL_KEY = { 'aws:ResourceTag/landfall:owner': 'platform-team' };

describe('deny lists: switching off or blinding a protected service', () => {
  it.each(cases)('%s', async (_name, a) => {
    await expect(attempt(model, a)).resolves.toBe('denied');
  });

  it.each(['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:PutKeyPolicy'])(
    "an administrator calling %s on a landfall key (the findings topic's) is denied",
    async (action) => {
      await expect(
        attempt(model, {
          who: 'platform-admin',
          account: 'security',
          action,
          resource: KEY,
          context: LANDFALL_KEY,
          trustingResourcePolicy: true,
        }),
      ).resolves.toBe('denied');
    },
  );

  it("an administrator may schedule the deletion of the team's own, untagged key", async () => {
    await expect(
      attempt(model, {
        who: 'platform-admin',
        account: 'dev',
        action: 'kms:ScheduleKeyDeletion',
        resource: KEY,
        trustingResourcePolicy: true,
      }),
    ).resolves.toBe('allowed');
  });
});
