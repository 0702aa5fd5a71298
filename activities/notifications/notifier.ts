import nodemailer from 'nodemailer';
import type { MailConfig } from './config';
import { toMailDeliveryError } from './delivery-error';
import type { Notification } from './notification';
import { renderNotification } from './render';

/** What the SMTP server said about a sent notification. */
export interface SentNotification {
  /** With angle brackets; the same for every send of the same (kind, slot, employee). */
  messageId: string;
  accepted: string[];
  rejected: string[];
}

/** Sends notifications over one pooled SMTP transport. */
export interface Notifier {
  /**
   * Renders and sends one notification. Throws InvalidNotificationError for bad data and
   * MailDeliveryError (with `permanent`) when the SMTP server cannot be reached or refuses it.
   * `signal` (e.g. an activity's cancellation signal) abandons the send, with code `EABORT`.
   */
  send(notification: Notification, options?: { signal?: AbortSignal }): Promise<SentNotification>;
  /** Closes the pooled connections; call once, when the process stops. */
  close(): void;
}

/** A notifier for the configured SMTP server; connections are opened on first use and reused. */
export function createNotifier(config: MailConfig): Notifier {
  const transport = nodemailer.createTransport({
    pool: true,
    host: config.host,
    port: config.port,
    secure: config.secure,
    // requireTLS: no STARTTLS, or a failed one, is an error rather than a plain-text fallback.
    requireTLS: config.requireTls,
    ...(config.tlsCa !== undefined ? { tls: { ca: config.tlsCa } } : {}),
    ...(config.auth !== undefined ? { auth: { user: config.auth.user, pass: config.auth.pass } } : {}),
    connectionTimeout: config.timeoutMs,
    greetingTimeout: config.timeoutMs,
    socketTimeout: config.timeoutMs,
    // Messages are built from our own strings only: never read a file or URL named in one.
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  });
  const secrets = config.auth !== undefined ? [config.auth.pass] : [];
  const renderOptions = { defaultLocale: config.defaultLocale, messageIdDomain: config.messageIdDomain };

  return {
    async send(notification, options = {}) {
      const rendered = renderNotification(notification, renderOptions);
      const to = recipient(notification, config.operatorsEmail);
      try {
        const info = await transport.sendMail({
          from: config.from,
          to,
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          messageId: rendered.messageId,
          headers: rendered.headers,
          ...(options.signal !== undefined ? { signal: options.signal } : {}),
        });
        return {
          messageId: info.messageId,
          accepted: info.accepted.map(String),
          rejected: info.rejected.map(String),
        };
      } catch (error) {
        throw toMailDeliveryError(
          error,
          `the ${notification.kind} notification (slot ${notification.slot}) for employee ${notification.employeeId}`,
          secrets,
        );
      }
    },
    close() {
      transport.close();
    },
  };
}

// Nodemailer encodes a display name itself, so a name with quotes or commas cannot break the header.
function recipient(n: Notification, operatorsEmail: string): { name: string; address: string } | string {
  switch (n.kind) {
    case 'reminder':
      return { name: n.displayName, address: n.to };
    case 'manager-escalation':
    case 'leave-notice':
      return n.managerName === undefined ? n.to : { name: n.managerName, address: n.to };
    case 'manual-deletion-request':
    case 'deletion-request-retraction':
    case 'guard-engaged':
      return n.to ?? operatorsEmail;
  }
}
