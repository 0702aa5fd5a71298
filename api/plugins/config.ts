import { z } from 'zod';
import { parseEnv, port } from '../../config/env';
import { temporalConfig, type TemporalConfig } from '../../config/temporal';

export const apiEnvSchema = z.object({
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port(3000),
});

export interface ApiConfig {
  host: string;
  port: number;
  temporal: TemporalConfig;
}

/** The API's configuration, read once at start-up; fails fast with every bad variable named. */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = parseEnv('API', apiEnvSchema, env);
  return { host: parsed.API_HOST, port: parsed.API_PORT, temporal: temporalConfig(env) };
}
