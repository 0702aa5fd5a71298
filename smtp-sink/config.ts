import { z } from 'zod';
import { parseEnv, port } from '../config/env';

const pattern = z
  .string()
  .refine((source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  }, 'must be a regular expression')
  .transform((source) => new RegExp(source, 'i'))
  .optional();

export const smtpSinkEnvSchema = z.object({
  SMTP_SINK_HOST: z.string().min(1).default('127.0.0.1'),
  SMTP_SINK_SMTP_PORT: port(1025),
  SMTP_SINK_HTTP_PORT: port(8025),
  SMTP_SINK_MAX_MESSAGES: z.coerce.number().int().positive().default(10_000),
  /** Recipients to refuse with 550 (a bounce), as a case-insensitive regular expression. */
  SMTP_SINK_REJECT_RECIPIENTS: pattern,
  /** Recipients to refuse with 451 (try again later), as a case-insensitive regular expression. */
  SMTP_SINK_DEFER_RECIPIENTS: pattern,
});

/** How the SMTP sink process listens and answers. */
export interface SmtpSinkConfig {
  host: string;
  smtpPort: number;
  httpPort: number;
  maxMessages: number;
  rejectRecipients?: RegExp;
  deferRecipients?: RegExp;
}

/** The sink's configuration, read once at start-up; fails fast with every bad variable named. */
export function loadSmtpSinkConfig(env: NodeJS.ProcessEnv = process.env): SmtpSinkConfig {
  const parsed = parseEnv('SMTP sink', smtpSinkEnvSchema, env);
  return {
    host: parsed.SMTP_SINK_HOST,
    smtpPort: parsed.SMTP_SINK_SMTP_PORT,
    httpPort: parsed.SMTP_SINK_HTTP_PORT,
    maxMessages: parsed.SMTP_SINK_MAX_MESSAGES,
    ...(parsed.SMTP_SINK_REJECT_RECIPIENTS ? { rejectRecipients: parsed.SMTP_SINK_REJECT_RECIPIENTS } : {}),
    ...(parsed.SMTP_SINK_DEFER_RECIPIENTS ? { deferRecipients: parsed.SMTP_SINK_DEFER_RECIPIENTS } : {}),
  };
}
