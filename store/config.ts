import { join, resolve } from 'node:path';
import { z } from 'zod';
import { parseEnv } from '../config/env';
import { stackEnvSchema } from '../config/stack';

export const storeEnvSchema = z.object({
  /**
   * the Tenure store on PostgreSQL (`postgres://user:password@host:5432/tenure`); unset: an
   * embedded SQLite file, `tenure.db` under TENURE_DATA_DIR
   */
  TENURE_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// (or postgresql://) URL; unset it for SQLite')
    .optional(),
});

/** Where the Tenure store lives. */
export type StoreConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

/** The store's location from the environment: PostgreSQL by URL, else SQLite under the data folder. */
export function loadStoreConfig(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const parsed = parseEnv('Tenure store', storeEnvSchema, env);
  if (parsed.TENURE_DATABASE_URL) return { kind: 'postgres', url: parsed.TENURE_DATABASE_URL };
  // The folder is the local stack's (TENURE_DATA_DIR): `npm start` needs nothing new.
  const { TENURE_DATA_DIR } = parseEnv('Tenure store', stackEnvSchema.pick({ TENURE_DATA_DIR: true }), env);
  return { kind: 'sqlite', file: join(resolve(TENURE_DATA_DIR), 'tenure.db') };
}

/** The store's location for logs: the SQLite file, or the PostgreSQL URL without its password. */
export function describeStore(config: StoreConfig): string {
  if (config.kind === 'sqlite') return `SQLite ${config.file}`;
  const url = new URL(config.url);
  if (url.password) url.password = '***';
  return `PostgreSQL ${url.toString()}`;
}
