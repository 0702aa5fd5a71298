import { z } from 'zod';
import { parseEnv } from '../../config/env';
import { isLoopbackHost } from '../../config/loopback';
import { DEFAULT_USER_AGENT } from './http';
import type { ScimProfileName } from './profile';

export const scimEnvSchema = z.object({
  /** the SCIM base URL; `Users` lives directly under it (Workplace: https://scim.workplace.com/) */
  WORKPLACE_SCIM_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4100'),
  /** the bearer token of the integration with the "Manage accounts" permission; required in production */
  WORKPLACE_ACCESS_TOKEN: z.string().min(1).default('dev-token'),
  /**
   * comma-separated host names the SCIM URL may name over plain `http` (a directory on a private
   * network, the emulator in docker compose); loopback addresses always may, any other needs `https`
   */
  WORKPLACE_SCIM_ALLOW_HTTP_HOSTS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    ),
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

/** Why this base URL may not be used, or undefined when it may. */
function plainHttpRefusal(url: string, allowedHosts: readonly string[]): string | undefined {
  const { protocol, hostname } = new URL(url);
  if (protocol !== 'http:' || isLoopbackHost(hostname) || allowedHosts.includes(hostname.toLowerCase()))
    return undefined;
  return `plain http sends the access token in clear: use https, or name ${hostname} in WORKPLACE_SCIM_ALLOW_HTTP_HOSTS`;
}

/** The SCIM client's configuration from the environment; fails fast with every bad variable named (never the token). */
export function loadScimConfig(env: NodeJS.ProcessEnv = process.env): ScimConfig {
  const production = env.NODE_ENV === 'production';
  const schema = scimEnvSchema
    .extend({
      WORKPLACE_ACCESS_TOKEN: scimEnvSchema.shape.WORKPLACE_ACCESS_TOKEN.superRefine((_value, ctx) => {
        // The default token is the emulator's: a real directory needs its own.
        if (production && !env.WORKPLACE_ACCESS_TOKEN)
          ctx.addIssue({ code: 'custom', message: 'required in production' });
      }),
    })
    .superRefine((c, ctx) => {
      const refusal = plainHttpRefusal(c.WORKPLACE_SCIM_URL, c.WORKPLACE_SCIM_ALLOW_HTTP_HOSTS);
      if (refusal) ctx.addIssue({ code: 'custom', path: ['WORKPLACE_SCIM_URL'], message: refusal });
    });
  const parsed = parseEnv('SCIM client', schema, env);
  return {
    baseUrl: parsed.WORKPLACE_SCIM_URL,
    token: parsed.WORKPLACE_ACCESS_TOKEN,
    profile: parsed.WORKPLACE_SCIM_PROFILE,
    userAgent: parsed.WORKPLACE_USER_AGENT,
    timeoutMs: parsed.WORKPLACE_TIMEOUT_MS,
  };
}
