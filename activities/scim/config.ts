import { z } from 'zod';
import { parseEnv } from '../../config/env';
import { DEFAULT_USER_AGENT } from './http';
import type { ScimProfileName } from './profile';

export const scimEnvSchema = z.object({
  /** the SCIM base URL; `Users` lives directly under it (Workplace: https://scim.workplace.com/) */
  WORKPLACE_SCIM_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4100'),
  /** the bearer token of the integration with the "Manage accounts" permission */
  WORKPLACE_ACCESS_TOKEN: z.string().min(1).default('dev-token'),
  /** `workplace` for Workplace's extensions, `scim2` for any plain RFC 7643/7644 directory */
  WORKPLACE_SCIM_PROFILE: z.enum(['workplace', 'scim2']).default('workplace'),
  /** Workplace rejects requests without a User-Agent */
  WORKPLACE_USER_AGENT: z.string().min(1).default(DEFAULT_USER_AGENT),
  /** per SCIM request; below the 30 s that a Workplace activity may take, so a slow call is retried, not abandoned */
  WORKPLACE_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .positive()
    .max(25_000, 'must be at most 25000: a Workplace activity is given 30 s')
    .default(10_000),
});

/** The SCIM client's configuration; its shape is `ScimClientOptions`, so it can be passed as is. */
export interface ScimConfig {
  baseUrl: string;
  token: string;
  profile: ScimProfileName;
  userAgent: string;
  timeoutMs: number;
}

/** The SCIM client's configuration from the environment; fails fast with every bad variable named (never the token). */
export function loadScimConfig(env: NodeJS.ProcessEnv = process.env): ScimConfig {
  const parsed = parseEnv('SCIM client', scimEnvSchema, env);
  return {
    baseUrl: parsed.WORKPLACE_SCIM_URL,
    token: parsed.WORKPLACE_ACCESS_TOKEN,
    profile: parsed.WORKPLACE_SCIM_PROFILE,
    userAgent: parsed.WORKPLACE_USER_AGENT,
    timeoutMs: parsed.WORKPLACE_TIMEOUT_MS,
  };
}
