import type { z } from 'zod';

/** The notification's data does not fit its kind (bad e-mail, date, URL, zone…): sending again cannot help. */
export class InvalidNotificationError extends Error {
  override name = 'InvalidNotificationError';
  /** Every bad field, as `path: message`. */
  readonly issues: string[];

  constructor(kind: string, error: z.ZodError) {
    const issues = error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    super(`Invalid ${kind} notification: ${issues.join('; ')}`, { cause: error });
    this.issues = issues;
  }
}

/**
 * Sending a notification failed. `permanent` tells whether sending the same message again would fail
 * the same way (a 5xx rejection such as an unknown recipient, bad credentials, a bad envelope) or may
 * succeed later (connection refused or lost, a timeout, a 4xx temporary failure).
 */
export class MailDeliveryError extends Error {
  override name = 'MailDeliveryError';
  readonly permanent: boolean;
  /** The SMTP reply code, when the server answered with one. */
  readonly responseCode?: number;
  /** Nodemailer's error code, e.g. `EENVELOPE`, `ESOCKET`, `ETIMEDOUT`. */
  readonly code?: string;

  constructor(message: string, details: { permanent: boolean; responseCode?: number; code?: string; cause: unknown }) {
    super(message, { cause: details.cause });
    this.permanent = details.permanent;
    if (details.responseCode !== undefined) this.responseCode = details.responseCode;
    if (details.code !== undefined) this.code = details.code;
  }
}
