import { z } from 'zod';
import { parseEnv } from '../config/env';
import { temporalConfig, type TemporalConfig } from '../config/temporal';

export const workerEnvSchema = z.object({
  /** Largest number of activities this worker runs at once. */
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().positive().default(100),
});

export interface WorkerConfig {
  temporal: TemporalConfig;
  maxConcurrentActivities: number;
}

/** The worker's configuration, read once at start-up; fails fast with every bad variable named. */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const parsed = parseEnv('worker', workerEnvSchema, env);
  return { temporal: temporalConfig(env), maxConcurrentActivities: parsed.WORKER_MAX_CONCURRENT_ACTIVITIES };
}
