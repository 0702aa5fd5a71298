import { z } from 'zod';

/** One message the sink received, as the HTTP API returns it. */
export const sinkMessageSchema = z.object({
  /** The sink's own id, for `GET /messages/:id`. */
  id: z.string(),
  /** The Message-ID header, with angle brackets. */
  messageId: z.string().optional(),
  /** The envelope sender (MAIL FROM); empty for the null sender. */
  from: z.string(),
  /** The envelope recipients (RCPT TO): who it was delivered to, Bcc included. */
  to: z.array(z.string()),
  subject: z.string(),
  text: z.string().optional(),
  html: z.string().optional(),
  /** Decoded header values by lower-case name; a repeated header's values are joined with ", ". */
  headers: z.record(z.string(), z.string()),
  /** ISO-8601 instant. */
  receivedAt: z.string(),
});
export type SinkMessage = z.infer<typeof sinkMessageSchema>;

/** Filters of `GET /messages`; every one given must match. */
export const messageFilterSchema = z.object({
  /** An envelope recipient, compared case-insensitively. */
  to: z.string().min(1).optional(),
  /** The `X-Tenure-Employee-Id` header. */
  employeeId: z.string().min(1).optional(),
  /** The `X-Tenure-Notification` header. */
  kind: z.string().min(1).optional(),
});
export type MessageFilter = z.infer<typeof messageFilterSchema>;

/** Whether a message passes a filter. */
export function matches(message: SinkMessage, filter: MessageFilter): boolean {
  if (filter.to !== undefined) {
    const wanted = filter.to.toLowerCase();
    if (!message.to.some((address) => address.toLowerCase() === wanted)) return false;
  }
  if (filter.employeeId !== undefined && message.headers['x-tenure-employee-id'] !== filter.employeeId) return false;
  if (filter.kind !== undefined && message.headers['x-tenure-notification'] !== filter.kind) return false;
  return true;
}
