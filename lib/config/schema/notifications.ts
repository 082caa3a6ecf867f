import { z } from 'zod';
import { emailList, strict } from '../fields';

/** Slack IDs as AWS Chatbot wants them (not names): copy them from the channel details and the Chatbot console. */
export const slackChannelId = z
  .string()
  .regex(
    /^[A-Z0-9]{9,11}$/,
    'is not a Slack channel ID (for example C0123456789: the ID at the bottom of the channel details, not the name)',
  );

export const slackWorkspaceId = z
  .string()
  .regex(
    /^T[A-Z0-9]{8,10}$/,
    'is not a Slack workspace ID (for example T0123456789: shown in the AWS Chatbot console after you authorize the workspace)',
  );

/** Where one severity of alarm notification goes. */
const RouteSchema = strict({
  /** Who receives these notifications by email. @default notifications.emails */
  emails: emailList
    .min(1, 'needs at least one email address (leave the key out to use notifications.emails)')
    .optional(),
  /** Slack channel that receives these notifications through AWS Chatbot; needs `notifications.slackWorkspaceId`. @default none */
  slackChannelId: slackChannelId.optional(),
});
export type NotificationRouteConfig = z.infer<typeof RouteSchema>;

export const NotificationsSchema = strict({
  /** Who receives alarm, security-finding and budget notifications by email. At least one address. */
  emails: emailList.min(1, 'needs at least one email address'),
  /** Alarms that wake someone: SLO fast and slow burns, stalled workers. @default email to `emails` */
  page: RouteSchema.optional(),
  /** Alarms that wait for working hours: slow burns, DLQ messages, OOM kills, saturation. @default email to `emails` */
  ticket: RouteSchema.optional(),
  /** The Slack workspace (team) authorized in AWS Chatbot, in every account that posts to Slack. @default no Slack */
  slackWorkspaceId: slackWorkspaceId.optional(),
  /**
   * Where alarm descriptions link runbooks: `<runbookBaseUrl>/<runbook>.md`.
   * @default https://github.com/<deploy.githubRepository>/blob/main/docs/runbooks
   */
  runbookBaseUrl: z
    .url({
      protocol: /^https$/,
      error: 'is not an https URL (for example https://github.com/acme/platform/blob/main/docs/runbooks)',
    })
    .optional(),
});
export type NotificationsConfig = z.infer<typeof NotificationsSchema>;
