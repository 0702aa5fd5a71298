import type { FastifyServerOptions } from 'fastify';

/**
 * What the logs never hold: bearer tokens and personal data. Request bodies are never logged, and
 * these paths are censored wherever a log call passes such an object.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  'token',
  '*.token',
  'body',
  '*.body',
  'email',
  '*.email',
  'givenName',
  '*.givenName',
  'familyName',
  '*.familyName',
  'displayName',
  '*.displayName',
  'employee',
  '*.employee',
];

/** Fastify's logger options: pino with redaction, request ids under `requestId`. */
export function loggerOptions(
  level: string,
  stream?: NodeJS.WritableStream,
): Exclude<FastifyServerOptions['logger'], boolean | undefined> {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    ...(stream ? { stream } : {}),
  };
}
