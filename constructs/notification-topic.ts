import { denyGrantsExceptForAwsServices } from './kms-grant-guard';
import { Stack } from 'aws-cdk-lib';
import * as chatbot from 'aws-cdk-lib/aws-chatbot';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** A Slack channel reached through AWS Chatbot (workspace authorized in the Chatbot console first). */
export interface SlackChannel {
  /** Slack workspace (team) ID, for example T0123456789. */
  readonly workspaceId: string;
  /** Slack channel ID (not its name), for example C0123456789. */
  readonly channelId: string;
  /** Name of the Chatbot channel configuration; unique in the account. */
  readonly configurationName: string;
}

export interface NotificationTopicProps {
  readonly topicName: string;
  /** Shown as the sender of emails. @default the topic name */
  readonly displayName?: string;
  /** Key that encrypts the topic. @default a new key, rotated yearly, usable by `publishingServices` */
  readonly encryptionKey?: kms.IKey;
  /** Email addresses subscribed to the topic (each confirms once). @default none */
  readonly emails?: readonly string[];
  /** Slack channel subscribed through AWS Chatbot. @default none */
  readonly slack?: SlackChannel;
  /**
   * AWS services that publish to the topic (`cloudwatch.amazonaws.com`, `budgets.amazonaws.com`, ...): the topic
   * policy lets them publish on behalf of this account only, and a key created here lets them encrypt.
   * @default ['cloudwatch.amazonaws.com']
   */
  readonly publishingServices?: readonly string[];
}

/** Let AWS services encrypt messages for topics under a key (CloudWatch, EventBridge, Budgets need this for SSE topics). */
export function allowServicesToEncrypt(key: kms.IKey, services: readonly string[]): void {
  if (services.length === 0) return;
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'ServicesPublishToEncryptedTopics',
      principals: services.map((s) => new iam.ServicePrincipal(s)),
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      // No aws:SourceAccount here: whether EventBridge's KMS requests for an encrypted topic carry it is not settled
      // offline (docs/organization.md, first real deploy); the topic policy conditions sns:Publish on it instead.
    }),
  );
}

/**
 * An SNS topic encrypted with KMS, TLS-only, that named AWS services may publish to, with email subscriptions and an
 * optional Slack channel through AWS Chatbot (no Lambda function involved).
 */
export class NotificationTopic extends Construct {
  public readonly topic: sns.Topic;
  public readonly encryptionKey: kms.IKey;
  public readonly slackChannel?: chatbot.SlackChannelConfiguration;

  constructor(scope: Construct, id: string, props: NotificationTopicProps) {
    super(scope, id);
    const services = props.publishingServices ?? ['cloudwatch.amazonaws.com'];
    if (props.encryptionKey === undefined) {
      const key = new kms.Key(this, 'Key', {
        enableKeyRotation: true,
        description: `Encrypts SNS topic ${props.topicName}`,
      });
      allowServicesToEncrypt(key, services);
      denyGrantsExceptForAwsServices(key);
      this.encryptionKey = key;
    } else {
      this.encryptionKey = props.encryptionKey;
    }

    this.topic = new sns.Topic(this, 'Topic', {
      topicName: props.topicName,
      displayName: props.displayName ?? props.topicName,
      masterKey: this.encryptionKey,
      enforceSSL: true,
    });
    for (const service of services) {
      this.topic.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: `Publish${service.split('.')[0].replace(/^./, (c) => c.toUpperCase())}`,
          principals: [new iam.ServicePrincipal(service)],
          actions: ['sns:Publish'],
          resources: [this.topic.topicArn],
          conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
        }),
      );
    }
    for (const email of props.emails ?? []) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    }
    if (props.slack !== undefined) {
      // The channel role has no permissions: the channel only receives notifications, nobody runs commands from it.
      const role = new iam.Role(this, 'SlackRole', {
        assumedBy: new iam.ServicePrincipal('chatbot.amazonaws.com'),
        description: `AWS Chatbot channel ${props.slack.configurationName}: notifications only, no permissions`,
      });
      this.slackChannel = new chatbot.SlackChannelConfiguration(this, 'Slack', {
        slackChannelConfigurationName: props.slack.configurationName,
        slackWorkspaceId: props.slack.workspaceId,
        slackChannelId: props.slack.channelId,
        notificationTopics: [this.topic],
        role,
        guardrailPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
        loggingLevel: chatbot.LoggingLevel.NONE,
      });
    }
  }
}
