/**
 * Gate: what AWS allows once per account (or per account and region) is declared once across the whole assembly.
 * Two stacks of one account each declaring it deploy fine alone and fail together.
 */
import type { Assembly, AssemblyStack, ReadinessProblem, TemplateResource } from './assembly';
import { resourcesOf } from './assembly';
import { resolveString } from './intrinsics';

/** What is one per scope, and the AWS rule that says so. */
interface SingletonKind {
  readonly what: (key: string) => string;
  readonly scope: 'account' | 'region';
  readonly rule: string;
}

const KINDS = {
  chatbotSlack: {
    what: (channel: string) => `AWS Chatbot configuration of Slack channel ${channel}`,
    scope: 'account',
    rule: 'one configuration per Slack channel per account: a second fails with "Slack channel with ID ... has already been configured for AWS account" (aws-cloudformation/cloudformation-coverage-roadmap#1155: "there is no way of creating multiple SlackChannelConfiguration for the same channel id"; list several SnsTopicArns instead)',
  },
  chatbotTeams: {
    what: (channel: string) => `AWS Chatbot configuration of Microsoft Teams channel ${channel}`,
    scope: 'account',
    rule: 'one configuration per channel per account, as for Slack (cloudformation-coverage-roadmap#1155)',
  },
  configRecorder: {
    what: () => 'AWS Config configuration recorder',
    scope: 'region',
    rule: 'Config API reference, PutConfigurationRecorder: "You can create only one customer managed configuration recorder for each account for each AWS Region."',
  },
  deliveryChannel: {
    what: () => 'AWS Config delivery channel',
    scope: 'region',
    rule: 'Config API reference, PutDeliveryChannel: "You can have only one delivery channel per region in your account."',
  },
  oidcProvider: {
    what: (url: string) => `IAM OIDC provider ${url}`,
    scope: 'account',
    rule: 'IAM CreateOpenIDConnectProvider: one provider per URL per account (EntityAlreadyExists)',
  },
  guardDutyDetector: {
    what: () => 'GuardDuty detector',
    scope: 'region',
    rule: 'GuardDuty API reference, CreateDetector: "You can have only one detector per account per Region."',
  },
  securityHub: {
    what: () => 'Security Hub (AWS::SecurityHub::Hub)',
    scope: 'region',
    rule: 'Security Hub is enabled once per account and Region (EnableSecurityHub fails with ResourceConflictException when it is already enabled)',
  },
  s3PublicAccessBlock: {
    what: () => 'S3 account-level public access block',
    scope: 'account',
    rule: 'the S3 Control PutPublicAccessBlock setting is one per account, for every Region: two declarations overwrite each other and deleting one removes the setting',
  },
  ebsEncryption: {
    what: () => 'EBS encryption by default',
    scope: 'region',
    rule: 'EC2 EnableEbsEncryptionByDefault is one setting per account and Region: two declarations and deleting one turns it off',
  },
} satisfies Record<string, SingletonKind>;

type KindName = keyof typeof KINDS;

/** AwsCustomResource calls (`{ service, action }` in `Create`) that make a per-account setting. */
const CALLS: Readonly<Record<string, KindName>> = {
  'S3Control.PutPublicAccessBlock': 's3PublicAccessBlock',
  'EC2.EnableEbsEncryptionByDefault': 'ebsEncryption',
  'ConfigService.PutConfigurationRecorder': 'configRecorder',
  'ConfigService.PutDeliveryChannel': 'deliveryChannel',
  'GuardDuty.CreateDetector': 'guardDutyDetector',
  'SecurityHub.EnableSecurityHub': 'securityHub',
  'IAM.CreateOpenIDConnectProvider': 'oidcProvider',
};

/** The `service.action` a custom resource (AwsCustomResource and its subclasses) calls on create. */
export function customResourceCall(resource: TemplateResource): string | undefined {
  if (!resource.Type.startsWith('Custom::') && resource.Type !== 'AWS::CloudFormation::CustomResource') {
    return undefined;
  }
  const match = /\\?"service\\?"\s*:\s*\\?"([A-Za-z0-9]+)\\?"\s*,\s*\\?"action\\?"\s*:\s*\\?"([A-Za-z0-9]+)/.exec(
    JSON.stringify(resource.Properties?.Create ?? ''),
  );
  return match === null ? undefined : `${match[1]}.${match[2]}`;
}

function declarationOf(stack: AssemblyStack, resource: TemplateResource): { kind: KindName; key: string } | undefined {
  const p = resource.Properties ?? {};
  const text = (v: unknown) => resolveString(v, stack) ?? JSON.stringify(v);
  switch (resource.Type) {
    case 'AWS::Chatbot::SlackChannelConfiguration':
      return { kind: 'chatbotSlack', key: text(p.SlackChannelId) };
    case 'AWS::Chatbot::MicrosoftTeamsChannelConfiguration':
      return { kind: 'chatbotTeams', key: text(p.TeamsChannelId) };
    case 'AWS::Config::ConfigurationRecorder':
      return { kind: 'configRecorder', key: '' };
    case 'AWS::Config::DeliveryChannel':
      return { kind: 'deliveryChannel', key: '' };
    case 'AWS::IAM::OIDCProvider':
      return { kind: 'oidcProvider', key: text(p.Url).toLowerCase() };
    case 'AWS::GuardDuty::Detector':
      return { kind: 'guardDutyDetector', key: '' };
    case 'AWS::SecurityHub::Hub':
      return { kind: 'securityHub', key: '' };
  }
  const call = customResourceCall(resource);
  const kind = call === undefined ? undefined : CALLS[call];
  return kind === undefined ? undefined : { kind, key: '' };
}

export function checkSingletons(assembly: Assembly): ReadinessProblem[] {
  const seen = new Map<string, { kind: KindName; key: string; scope: string; at: { stack: string; id: string }[] }>();
  for (const { stack, id, resource } of resourcesOf(assembly)) {
    const declared = declarationOf(stack, resource);
    if (declared === undefined) continue;
    const kind = KINDS[declared.kind];
    const scope =
      kind.scope === 'account' ? `account ${stack.account}` : `account ${stack.account} region ${stack.region}`;
    const mapKey = `${declared.kind}|${declared.key}|${scope}`;
    const entry = seen.get(mapKey) ?? { ...declared, scope, at: [] };
    entry.at.push({ stack: stack.path, id });
    seen.set(mapKey, entry);
  }
  const problems: ReadinessProblem[] = [];
  for (const { kind, key, scope, at } of seen.values()) {
    if (at.length < 2) continue;
    problems.push({
      gate: 'singletons',
      stack: at[0].stack,
      resource: at[0].id,
      message: `${KINDS[kind].what(key)} is declared ${at.length} times in ${scope}: ${at.map((a) => `${a.stack} ${a.id}`).join(', ')}; ${KINDS[kind].rule}`,
    });
  }
  return problems;
}
