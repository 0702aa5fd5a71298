/** E-mail notifications of the employee lifecycle, sent over SMTP; no Temporal imports. */
export { loadMailConfig, mailEnvSchema, type MailConfig } from './config';
export { InvalidNotificationError, MailDeliveryError } from './errors';
export {
  NOTIFICATION_KINDS,
  notificationSchema,
  type LeaveNoticeNotification,
  type ManagerEscalationNotification,
  type ManualDeletionRequestNotification,
  type Notification,
  type NotificationKind,
  type ReminderNotification,
} from './notification';
export { createNotifier, type Notifier, type SentNotification } from './notifier';
export { renderNotification, type RenderedNotification, type RenderOptions } from './render';
