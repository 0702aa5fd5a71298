import { resolve } from 'node:path';
import { z } from 'zod';
import { parseEnv, port } from './env';

export const stackEnvSchema = z.object({
  /** gRPC port of the dev server `npm start` runs */
  TEMPORAL_PORT: port(7233),
  /** port of the Temporal Web UI `npm start` serves */
  TEMPORAL_UI_PORT: port(8233),
  /** folder for the dev server's SQLite file and the emulator's state */
  TENURE_DATA_DIR: z.string().min(1).default('.data'),
});

export interface StackConfig {
  temporalPort: number;
  temporalUiPort: number;
  dataDir: string;
}

/** Configuration of the local stack that `npm start` supervises. */
export function loadStackConfig(env: NodeJS.ProcessEnv = process.env): StackConfig {
  const parsed = parseEnv('local stack', stackEnvSchema, env);
  return {
    temporalPort: parsed.TEMPORAL_PORT,
    temporalUiPort: parsed.TEMPORAL_UI_PORT,
    dataDir: resolve(parsed.TENURE_DATA_DIR),
  };
}
