import { z } from 'zod';
import { parseEnv } from './env';

export const temporalEnvSchema = z.object({
  /** host:port of the Temporal frontend */
  TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
});

export type TemporalConfig = { address: string; namespace: string };

/** How every Tenure process reaches Temporal. */
export function temporalConfig(env: NodeJS.ProcessEnv = process.env): TemporalConfig {
  const parsed = parseEnv('Temporal', temporalEnvSchema, env);
  return { address: parsed.TEMPORAL_ADDRESS, namespace: parsed.TEMPORAL_NAMESPACE };
}
