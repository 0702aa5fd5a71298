import { z } from 'zod';
import { parseEnv, port } from '../../config/env';
import { loadGuardConfig, type GuardConfig } from '../../config/guard';
import { loadLifecyclePolicy } from '../../config/lifecycle-policy';
import type { LifecyclePolicy } from '../../workflows/contract';
import { isLoopbackHost } from '../../config/loopback';
import { temporalConfig, type TemporalConfig } from '../../config/temporal';
import { DEV_TOKENS, parseApiTokens, type TokenEntry } from './api-tokens';

const bytes = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(fallback);
const millis = (fallback: number, max = 120_000) => z.coerce.number().int().min(100).max(max).default(fallback);

export const apiEnvSchema = z.object({
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port(3000),
  /**
   * see api/plugins/api-tokens.ts; required unless the API listens on a loopback address outside
   * production, where the development tokens apply
   */
  API_TOKENS: z.string().optional(),
  /** largest request body, bytes (batch excepted) */
  API_BODY_LIMIT: bytes(64 * 1024),
  /** largest batch body, bytes: 1,000 joiners */
  API_BATCH_BODY_LIMIT: bytes(2 * 1024 * 1024),
  /** joiners of one batch started at the same time */
  API_BATCH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** a batch starts no item past this; items not started answer 503 (under the usual 60 s of proxies) */
  API_BATCH_DEADLINE_MS: millis(45_000, 600_000),
  /** deadline of every Temporal call made for a request */
  API_TEMPORAL_TIMEOUT_MS: millis(10_000),
  /** deadline of the readiness probe's Temporal call */
  API_READY_TIMEOUT_MS: millis(2_000),
  /** a request (the batch excepted) not answered within this is answered 503; also bounds receiving it */
  API_REQUEST_TIMEOUT_MS: millis(30_000, 600_000),
  /** requests one token may make per window (unauthenticated requests: per client address); 0: no limit */
  API_RATE_LIMIT_MAX: z.coerce.number().int().min(0).default(1200),
  /** the rate limit's window */
  API_RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  /** HMAC key of list cursors; random per process when unset (set it when several API replicas serve) */
  API_CURSOR_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  API_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** how often to look for failed keep-alive runs (log + metric); 0: never */
  API_KEEP_ALIVE_CHECK_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(300_000),
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
  batchDeadlineMs: number;
  temporalTimeoutMs: number;
  readyTimeoutMs: number;
  requestTimeoutMs: number;
  /** absent: no rate limit */
  rateLimit?: { max: number; windowMs: number };
  cursorSecret?: string;
  logLevel: string;
  keepAliveCheckIntervalMs: number;
  /** origins whose pages may call `/codec/*` (CORS) */
  codecOrigins: string[];
  temporal: TemporalConfig;
  /** GUARD_PROTECTED and the brake's limits */
  guard: GuardConfig;
  /** the lifecycle policy (LIFECYCLE_*, as the worker reads it): dry runs of joiners plan with it */
  policy: LifecyclePolicy;
}

/** Why the development tokens may not apply here, or undefined when they may. */
function devTokensRefusal(production: boolean, host: string): string | undefined {
  if (production) return 'required in production';
  if (!isLoopbackHost(host)) {
    return `required when API_HOST (${host}) is not a loopback address: the development tokens are public`;
  }
  return undefined;
}

/** The API's configuration, read once at start-up; fails fast with every bad variable named. */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const production = env.NODE_ENV === 'production';
  // The token check reads API_HOST as given (a field refinement runs even when another variable is
  // bad, so that every problem is named at once).
  const host = env.API_HOST || apiEnvSchema.shape.API_HOST.parse(undefined);
  const schema = apiEnvSchema.extend({
    API_TOKENS: apiEnvSchema.shape.API_TOKENS.superRefine((value, ctx) => {
      if (value === undefined) {
        const refusal = devTokensRefusal(production, host);
        if (refusal) ctx.addIssue({ code: 'custom', message: refusal });
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
    batchDeadlineMs: parsed.API_BATCH_DEADLINE_MS,
    temporalTimeoutMs: parsed.API_TEMPORAL_TIMEOUT_MS,
    readyTimeoutMs: parsed.API_READY_TIMEOUT_MS,
    requestTimeoutMs: parsed.API_REQUEST_TIMEOUT_MS,
    ...(parsed.API_RATE_LIMIT_MAX > 0
      ? { rateLimit: { max: parsed.API_RATE_LIMIT_MAX, windowMs: parsed.API_RATE_LIMIT_WINDOW_MS } }
      : {}),
    ...(parsed.API_CURSOR_SECRET ? { cursorSecret: parsed.API_CURSOR_SECRET } : {}),
    logLevel: parsed.API_LOG_LEVEL,
    keepAliveCheckIntervalMs: parsed.API_KEEP_ALIVE_CHECK_INTERVAL_MS,
    codecOrigins: parsed.API_CODEC_ORIGINS.split(',').map((origin) => origin.trim()),
    temporal: temporalConfig(env),
    guard: loadGuardConfig(env),
    policy: loadLifecyclePolicy(env),
  };
}
