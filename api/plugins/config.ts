import { z } from 'zod';
import { parseEnv, port } from '../../config/env';
import { temporalConfig, type TemporalConfig } from '../../config/temporal';
import { DEV_TOKENS, parseApiTokens, type TokenEntry } from './api-tokens';

const bytes = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(fallback);
const millis = (fallback: number) => z.coerce.number().int().min(100).max(120_000).default(fallback);

export const apiEnvSchema = z.object({
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port(3000),
  /** see api/plugins/api-tokens.ts; required when NODE_ENV=production, dev tokens otherwise */
  API_TOKENS: z.string().optional(),
  /** largest request body, bytes (batch excepted) */
  API_BODY_LIMIT: bytes(64 * 1024),
  /** largest batch body, bytes: 1,000 joiners */
  API_BATCH_BODY_LIMIT: bytes(2 * 1024 * 1024),
  /** joiners of one batch started at the same time */
  API_BATCH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** deadline of every Temporal call made for a request */
  API_TEMPORAL_TIMEOUT_MS: millis(10_000),
  /** deadline of the readiness probe's Temporal call */
  API_READY_TIMEOUT_MS: millis(2_000),
  /** HMAC key of list cursors; random per process when unset (set it when several API replicas serve) */
  API_CURSOR_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  API_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** origins allowed to call the codec endpoints (the Temporal UI's), comma-separated */
  API_CODEC_ORIGINS: z
    .string()
    .default('http://localhost:8233')
    .refine(
      (value) => value.split(',').every((origin) => isOrigin(origin.trim())),
      "must be origins like 'http://localhost:8233' (scheme, host and port; no path), comma-separated",
    ),
});

function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

export interface ApiConfig {
  host: string;
  port: number;
  tokens: TokenEntry[];
  /** true when the well-known development tokens are in force */
  devTokens: boolean;
  bodyLimit: number;
  batchBodyLimit: number;
  batchConcurrency: number;
  temporalTimeoutMs: number;
  readyTimeoutMs: number;
  cursorSecret?: string;
  logLevel: string;
  /** origins whose pages may call `/codec/*` (CORS) */
  codecOrigins: string[];
  temporal: TemporalConfig;
}

/** The API's configuration, read once at start-up; fails fast with every bad variable named. */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const production = env.NODE_ENV === 'production';
  const schema = apiEnvSchema.extend({
    API_TOKENS: apiEnvSchema.shape.API_TOKENS.superRefine((value, ctx) => {
      if (value === undefined) {
        if (production) ctx.addIssue({ code: 'custom', message: 'required in production' });
        return;
      }
      const parsed = parseApiTokens(value, { production });
      if ('problems' in parsed)
        for (const problem of parsed.problems) ctx.addIssue({ code: 'custom', message: problem });
    }),
  });
  const parsed = parseEnv('API', schema, env);
  const devTokens = parsed.API_TOKENS === undefined;
  const tokens = parseApiTokens(parsed.API_TOKENS ?? DEV_TOKENS);
  return {
    host: parsed.API_HOST,
    port: parsed.API_PORT,
    tokens: 'entries' in tokens ? tokens.entries : [],
    devTokens,
    bodyLimit: parsed.API_BODY_LIMIT,
    batchBodyLimit: parsed.API_BATCH_BODY_LIMIT,
    batchConcurrency: parsed.API_BATCH_CONCURRENCY,
    temporalTimeoutMs: parsed.API_TEMPORAL_TIMEOUT_MS,
    readyTimeoutMs: parsed.API_READY_TIMEOUT_MS,
    ...(parsed.API_CURSOR_SECRET ? { cursorSecret: parsed.API_CURSOR_SECRET } : {}),
    logLevel: parsed.API_LOG_LEVEL,
    codecOrigins: parsed.API_CODEC_ORIGINS.split(',').map((origin) => origin.trim()),
    temporal: temporalConfig(env),
  };
}
