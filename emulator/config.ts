import { z } from 'zod';
import { parseEnv, port } from '../config/env';
import type { EmulatorOptions } from './server';

/** The emulator process's environment variables. */
export const emulatorEnvSchema = z.object({
  EMULATOR_HOST: z.string().min(1).default('127.0.0.1'),
  EMULATOR_PORT: port(4100),
  /** comma-separated bearer tokens the emulator accepts (SCIM and `/_emulator`); required in production */
  EMULATOR_TOKENS: z
    .string()
    .default('dev-token')
    .transform((s) => s.split(',').map((t) => t.trim()))
    .pipe(z.array(z.string().min(1, 'tokens must not be empty')).min(1)),
  /** JSON file that keeps the users across restarts */
  EMULATOR_PERSIST_FILE: z.string().min(1).optional(),
  /** base URL of claim links and meta.location, when the emulator is reached through another address */
  EMULATOR_PUBLIC_URL: z.url().optional(),
});

/** The emulator's options from the environment; fails fast with every bad variable named. */
export function loadEmulatorOptions(env: NodeJS.ProcessEnv = process.env): EmulatorOptions {
  const production = env.NODE_ENV === 'production';
  const schema = emulatorEnvSchema.extend({
    EMULATOR_TOKENS: emulatorEnvSchema.shape.EMULATOR_TOKENS.superRefine((_tokens, ctx) => {
      // `dev-token` is public: an emulator run as a service (docker compose) gets its own.
      if (production && !env.EMULATOR_TOKENS) ctx.addIssue({ code: 'custom', message: 'required in production' });
    }),
  });
  const parsed = parseEnv('emulator', schema, env);
  return {
    host: parsed.EMULATOR_HOST,
    port: parsed.EMULATOR_PORT,
    tokens: parsed.EMULATOR_TOKENS,
    ...(parsed.EMULATOR_PERSIST_FILE ? { persistFile: parsed.EMULATOR_PERSIST_FILE } : {}),
    ...(parsed.EMULATOR_PUBLIC_URL ? { publicUrl: parsed.EMULATOR_PUBLIC_URL } : {}),
    logger: false,
  };
}
