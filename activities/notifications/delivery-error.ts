import { types } from 'node:util';
import type { NodemailerError } from 'nodemailer';
import { isPermanentResponseCode } from 'nodemailer/lib/errors';
import { MailDeliveryError } from './errors';

// Failures without an SMTP reply that the same message and configuration would meet again.
const PERMANENT_CODES = new Set([
  'EENVELOPE',
  'EMESSAGE',
  'EAUTH',
  'ENOAUTH',
  'ECONFIG',
  'EREQUIRETLS',
  'EMAXRECIPIENTS',
  'EFILEACCESS',
  'EURLACCESS',
]);

/**
 * Classifies what nodemailer threw as a permanent or transient MailDeliveryError that keeps it as
 * the cause, with `secrets` (the SMTP password) removed from every message and response text.
 */
export function toMailDeliveryError(error: unknown, what: string, secrets: readonly string[]): MailDeliveryError {
  // isNativeError, not instanceof: an error made in another realm (a vm context, as under Jest)
  // is no instance of this realm's Error, yet carries the same fields.
  const err: NodemailerError = types.isNativeError(error) ? error : new Error(String(error));
  redact(err, secrets);
  const responseCode = typeof err.responseCode === 'number' ? err.responseCode : undefined;
  const permanent =
    responseCode !== undefined
      ? isPermanentResponseCode(responseCode)
      : err.code !== undefined && PERMANENT_CODES.has(err.code);
  const reason =
    err.originalCode !== undefined && !err.message.includes(err.originalCode)
      ? `${err.message} (${err.originalCode})`
      : err.message;
  return new MailDeliveryError(`${permanent ? 'Permanent' : 'Temporary'} failure sending ${what}: ${reason}`, {
    permanent,
    ...(responseCode !== undefined ? { responseCode } : {}),
    ...(err.code !== undefined ? { code: err.code } : {}),
    cause: err,
  });
}

function redact(err: NodemailerError, secrets: readonly string[]): void {
  const scrub = (text: string) =>
    secrets.reduce((result, secret) => (secret === '' ? result : result.split(secret).join('<redacted>')), text);
  err.message = scrub(err.message);
  if (typeof err.response === 'string') err.response = scrub(err.response);
  if (typeof err.stack === 'string') err.stack = scrub(err.stack);
}
