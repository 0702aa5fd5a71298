import { renderHtml, renderText, type Document } from './document';
import { dateFormatter } from './format';
import { resolveLocalized, toLanguageTag } from './locale';
import { notificationMessageId } from './message-id';
import { notificationSchema, type Notification } from './notification';
import { InvalidNotificationError } from './errors';
import { leaveNoticeTemplates } from './templates/leave-notice';
import { managerEscalationTemplates } from './templates/manager-escalation';
import { deletionRequestRetractionTemplates } from './templates/deletion-request-retraction';
import { guardEngagedTemplates } from './templates/guard-engaged';
import { manualDeletionRequestTemplates } from './templates/manual-deletion-request';
import { reminderTemplates } from './templates/reminder';
import type { LocalizedTemplates } from './templates/template';

/** Rendering settings that come from the mail configuration. */
export interface RenderOptions {
  /** Used when the notification has no locale, and tried before English when it has one we lack. */
  defaultLocale: string;
  /** The right-hand side of every Message-ID. */
  messageIdDomain: string;
}

/** A notification ready to hand to a mail transport. */
export interface RenderedNotification {
  subject: string;
  text: string;
  html: string;
  /** With angle brackets, e.g. `<tenure.reminder.c1-r3.E123@tenure.local>`. */
  messageId: string;
  headers: Record<string, string>;
  /** The BCP 47 locale whose template was used, e.g. `fr` for a `fr_CA` request. */
  locale: string;
}

/** Renders a notification to subject, text, HTML and headers; pure, and throws InvalidNotificationError on bad input. */
export function renderNotification(input: Notification, options: RenderOptions): RenderedNotification {
  const parsed = notificationSchema.safeParse(input);
  if (!parsed.success) throw new InvalidNotificationError(input.kind, parsed.error);
  const n = parsed.data;
  const requested = n.locale ?? options.defaultLocale;
  const { locale, doc } = renderDocument(n, requested, options.defaultLocale);
  return {
    subject: doc.subject,
    text: renderText(doc),
    html: renderHtml(doc, locale),
    messageId: notificationMessageId(n.kind, n.slot, n.employeeId, options.messageIdDomain),
    headers: {
      'X-Tenure-Notification': n.kind,
      'X-Tenure-Employee-Id': n.employeeId,
      'X-Tenure-Slot': n.slot,
      // RFC 3834: tells out-of-office responders not to answer.
      'Auto-Submitted': 'auto-generated',
    },
    locale,
  };
}

function renderDocument(n: Notification, requested: string, defaultLocale: string): { locale: string; doc: Document } {
  switch (n.kind) {
    case 'reminder':
      return localized(reminderTemplates, n, requested, defaultLocale);
    case 'manager-escalation':
      return localized(managerEscalationTemplates, n, requested, defaultLocale);
    case 'leave-notice':
      return localized(leaveNoticeTemplates, n, requested, defaultLocale);
    case 'manual-deletion-request':
      return localized(manualDeletionRequestTemplates, n, requested, defaultLocale);
    case 'deletion-request-retraction':
      return localized(deletionRequestRetractionTemplates, n, requested, defaultLocale);
    case 'guard-engaged':
      return localized(guardEngagedTemplates, n, requested, defaultLocale);
  }
}

function localized<N>(
  templates: LocalizedTemplates<N>,
  n: N,
  requested: string,
  defaultLocale: string,
): { locale: string; doc: Document } {
  const { locale, value: template } = resolveLocalized(templates, requested, defaultLocale);
  return { locale, doc: template(n, dateFormatter(formattingLocale(requested, locale))) };
}

// Dates follow the requested regional conventions (fr_CA writes "23 h 59") when the template
// is in the same language; otherwise they follow the template's, so no German date sits in
// English prose.
function formattingLocale(requested: string, templateLocale: string): string {
  const tag = toLanguageTag(requested);
  return tag !== undefined && tag.split('-')[0] === templateLocale.split('-')[0] ? tag : templateLocale;
}
