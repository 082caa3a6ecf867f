import * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { Severity } from './alarm-conventions';
import { denyGrantsExceptForAwsServices } from './kms-grant-guard';
import { allowServicesToEncrypt, NotificationTopic } from './notification-topic';

/** Who hears of one severity. */
export interface AlarmRoute {
  /** Email addresses subscribed to the severity's topic. */
  readonly emails: readonly string[];
  /** Slack channel ID that receives the severity's notifications through AWS Chatbot (needs `slackWorkspaceId`). @default none */
  readonly slackChannelId?: string;
}

export interface AlarmTopicsProps {
  /** Prefix of topic and Chatbot configuration names, for example `landfall-prod`: topics `<prefix>-page` and `<prefix>-ticket`. */
  readonly namePrefix: string;
  readonly page: AlarmRoute;
  readonly ticket: AlarmRoute;
  /** Slack workspace authorized in AWS Chatbot in this account. @default no Slack */
  readonly slackWorkspaceId?: string;
}

/**
 * The two alarm topics of an environment, `page` (wakes someone) and `ticket` (waits for working hours), encrypted
 * with one KMS key that CloudWatch alarms and EventBridge rules may use, each with email subscriptions and an
 * optional Slack channel.
 */
export class AlarmTopics extends Construct {
  public readonly page: sns.ITopic;
  public readonly ticket: sns.ITopic;
  /** Encrypts both topics; other encrypted resources of the environment's operations may share it. */
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: AlarmTopicsProps) {
    super(scope, id);
    for (const [severity, route] of [
      ['page', props.page],
      ['ticket', props.ticket],
    ] as const) {
      if (route.slackChannelId !== undefined && props.slackWorkspaceId === undefined) {
        throw new Error(
          `AlarmTopics ${props.namePrefix}: the ${severity} Slack channel ${route.slackChannelId} needs slackWorkspaceId`,
        );
      }
    }
    const publishingServices = ['cloudwatch.amazonaws.com', 'events.amazonaws.com'];
    this.key = new kms.Key(this, 'Key', {
      enableKeyRotation: true,
      description: `Encrypts the alarm topics of ${props.namePrefix}`,
    });
    allowServicesToEncrypt(this.key, publishingServices);
    denyGrantsExceptForAwsServices(this.key);

    // AWS Chatbot allows one Slack channel configuration per channel ID and account ("Slack channel with ID ...
    // has already been configured for AWS account", CloudFormation coverage roadmap issue #1155): the first severity
    // routed to a channel owns its configuration, and a later severity routed to the same channel is added to it.
    const owners = new Map<string, NotificationTopic>();
    const topic = (severity: Severity, route: AlarmRoute): sns.ITopic => {
      const channelId = props.slackWorkspaceId === undefined ? undefined : route.slackChannelId;
      const owner = channelId === undefined ? undefined : owners.get(channelId);
      const created = new NotificationTopic(this, severity === 'page' ? 'Page' : 'Ticket', {
        topicName: `${props.namePrefix}-${severity}`,
        displayName: `${props.namePrefix} ${severity}`,
        encryptionKey: this.key,
        emails: route.emails,
        publishingServices,
        ...(channelId !== undefined && owner === undefined && props.slackWorkspaceId !== undefined
          ? {
              slack: {
                workspaceId: props.slackWorkspaceId,
                channelId,
                configurationName: `${props.namePrefix}-${severity}`,
              },
            }
          : {}),
      });
      if (owner !== undefined) owner.slackChannel?.addNotificationTopic(created.topic);
      else if (channelId !== undefined) owners.set(channelId, created);
      return created.topic;
    };
    this.page = topic('page', props.page);
    this.ticket = topic('ticket', props.ticket);
  }

  /** The topics by severity, as `AlarmPolicy.topics` wants them. */
  public get bySeverity(): Readonly<Record<Severity, sns.ITopic>> {
    return { page: this.page, ticket: this.ticket };
  }
}
