import { z } from 'zod';

/** The kinds of e-mail Tenure sends; each is also the `X-Tenure-Notification` header value. */
export const NOTIFICATION_KINDS = [
  'reminder',
  'manager-escalation',
  'leave-notice',
  'manual-deletion-request',
  'deletion-request-retraction',
  'guard-engaged',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

// Values that end up in headers (subject, Message-ID) must not carry line breaks or other controls.
const singleLine = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^\p{Cc}]*$/u, 'must be a single line without control characters');
const employeeId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1–64 of A-Z a-z 0-9 . _ -');
/** Slots name one send of a notification (e.g. `c1-r3`); they go into the Message-ID as they are. */
const slot = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 of A-Z a-z 0-9 _ -');
// The HTML5 rule, not zod's stricter default: local addresses such as `it-operators@localhost` are valid here.
const email = z.email({ pattern: z.regexes.html5Email });
const webUrl = z.url({ protocol: /^https?$/, hostname: z.regexes.hostname });
const date = z.iso.date();
const instant = z.iso.datetime({ offset: true });
const timeZone = z.string().refine(isTimeZone, 'must be an IANA time zone');
const locale = z.string().regex(/^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$/, 'must be a locale like en_US');

const common = { employeeId, slot, to: email, locale: locale.optional() };

export const reminderSchema = z.object({
  kind: z.literal('reminder'),
  ...common,
  displayName: singleLine,
  claimLink: webUrl,
  reminderNumber: z.number().int().min(1),
  maxReminders: z.number().int().min(1),
  startDate: date,
});

export const managerEscalationSchema = z.object({
  kind: z.literal('manager-escalation'),
  ...common,
  managerName: singleLine.optional(),
  employeeName: singleLine,
  employeeEmail: email,
  claimLink: webUrl.optional(),
  remindersSent: z.number().int().min(0),
  startDate: date,
});

export const leaveNoticeSchema = z.object({
  kind: z.literal('leave-notice'),
  ...common,
  managerName: singleLine.optional(),
  employeeName: singleLine,
  deactivateAt: instant,
  timeZone,
  reason: z.enum(['leave-date', 'early-leave']),
});

export const manualDeletionRequestSchema = z.object({
  kind: z.literal('manual-deletion-request'),
  ...common,
  /** Defaults to the configured operators' address. */
  to: email.optional(),
  employeeName: singleLine.optional(),
  workplaceUserId: singleLine,
  confirmUrl: webUrl,
});

export const deletionRequestRetractionSchema = z.object({
  kind: z.literal('deletion-request-retraction'),
  ...common,
  /** Defaults to the configured operators' address. */
  to: email.optional(),
  workplaceUserId: singleLine,
  reason: z.enum(['rehired', 'legal-hold']),
});

export const guardEngagedSchema = z.object({
  kind: z.literal('guard-engaged'),
  ...common,
  /** Defaults to the configured operators' address. */
  to: email.optional(),
  /** the action first held, and the limits in force */
  action: singleLine,
  perHour: z.number().int().min(1),
  perDay: z.number().int().min(1),
  queueUrl: webUrl,
});

/** One notification to send: what it is, to whom, and the data its template needs. */
export const notificationSchema = z.discriminatedUnion('kind', [
  reminderSchema,
  managerEscalationSchema,
  leaveNoticeSchema,
  manualDeletionRequestSchema,
  deletionRequestRetractionSchema,
  guardEngagedSchema,
]);

export type Notification = z.infer<typeof notificationSchema>;
export type ReminderNotification = z.infer<typeof reminderSchema>;
export type ManagerEscalationNotification = z.infer<typeof managerEscalationSchema>;
export type LeaveNoticeNotification = z.infer<typeof leaveNoticeSchema>;
export type ManualDeletionRequestNotification = z.infer<typeof manualDeletionRequestSchema>;
export type DeletionRequestRetractionNotification = z.infer<typeof deletionRequestRetractionSchema>;
export type GuardEngagedNotification = z.infer<typeof guardEngagedSchema>;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
