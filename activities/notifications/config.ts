import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError, parseEnv, port } from '../../config/env';

const booleanFlag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const mailEnvSchema = z.object({
  SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  SMTP_PORT: port(1025),
  /** `true`: TLS from the first byte (port 465); `false`: plain, upgraded by STARTTLS when offered. */
  SMTP_SECURE: booleanFlag(false),
  /** `true`: send only over TLS — STARTTLS must be offered and succeed, or nothing is sent. */
  SMTP_REQUIRE_TLS: booleanFlag(false),
  /** PEM file of the CA that signed the SMTP server's certificate (a private relay); unset: the system's CAs */
  SMTP_TLS_CA_PATH: z.string().min(1).optional(),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  /** Bounds connecting, the greeting and each idle wait on the socket, in milliseconds. */
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  MAIL_FROM: z.string().min(1).default('Tenure <tenure@localhost>'),
  OPERATORS_EMAIL: z.string().min(1).default('it-operators@localhost'),
  MAIL_MESSAGE_ID_DOMAIN: z
    .string()
    .regex(/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/, 'must be a domain name')
    .default('tenure.local'),
  DEFAULT_LOCALE: z
    .string()
    .regex(/^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$/, 'must be a locale like en_US')
    .default('en_US'),
});

const credentialsTogether = mailEnvSchema.refine(
  (c) => (c.SMTP_USER === undefined) === (c.SMTP_PASSWORD === undefined),
  { path: ['SMTP_PASSWORD'], message: 'SMTP_USER and SMTP_PASSWORD must be set together' },
);

/** Where and how Tenure sends its e-mail notifications. */
export interface MailConfig {
  host: string;
  port: number;
  secure: boolean;
  /** refuse to send over a connection that STARTTLS did not secure */
  requireTls: boolean;
  /** the CA to check the server's certificate with, instead of the system's */
  tlsCa?: Buffer;
  /** Present only when both SMTP_USER and SMTP_PASSWORD are set. */
  auth?: { user: string; pass: string };
  timeoutMs: number;
  from: string;
  operatorsEmail: string;
  messageIdDomain: string;
  defaultLocale: string;
}

/** Reads the relay's CA at start-up, so that a wrong path stops the worker with the variable named. */
function readCa(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new ConfigError(
      `Invalid mail configuration:\n  SMTP_TLS_CA_PATH=${JSON.stringify(path)}: cannot be read (${(error as NodeJS.ErrnoException).code})`,
    );
  }
}

/** The mail configuration, read once at start-up; fails fast with every bad variable named. */
export function loadMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const parsed = parseEnv('mail', credentialsTogether, env);
  return {
    host: parsed.SMTP_HOST,
    port: parsed.SMTP_PORT,
    secure: parsed.SMTP_SECURE,
    requireTls: parsed.SMTP_REQUIRE_TLS,
    ...(parsed.SMTP_TLS_CA_PATH !== undefined ? { tlsCa: readCa(parsed.SMTP_TLS_CA_PATH) } : {}),
    ...(parsed.SMTP_USER !== undefined && parsed.SMTP_PASSWORD !== undefined
      ? { auth: { user: parsed.SMTP_USER, pass: parsed.SMTP_PASSWORD } }
      : {}),
    timeoutMs: parsed.SMTP_TIMEOUT_MS,
    from: parsed.MAIL_FROM,
    operatorsEmail: parsed.OPERATORS_EMAIL,
    messageIdDomain: parsed.MAIL_MESSAGE_ID_DOMAIN,
    defaultLocale: parsed.DEFAULT_LOCALE,
  };
}
