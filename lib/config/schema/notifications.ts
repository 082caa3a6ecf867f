import type { z } from 'zod';
import { emailList, strict } from '../fields';

export const NotificationsSchema = strict({
  /** Who receives alarm, security-finding and budget notifications by email. At least one address. */
  emails: emailList.min(1, 'needs at least one email address'),
});
export type NotificationsConfig = z.infer<typeof NotificationsSchema>;
