import { z } from 'zod';
import { parseEnv } from '../config/env';
import { stackEnvSchema } from '../config/stack';
import { loadStoreConfig, type StoreConfig } from '../store';
import { developmentMasterKeyEntry, parseMasterKeys, type MasterKeys } from './master-keys';

export const codecEnvSchema = z.object({
  /**
   * master keys, `id:base64` of 32 bytes each, comma-separated, the current one first (it wraps new
   * data keys; the others only unwrap until `npm run keys:rotate`); required with
   * NODE_ENV=production, else a development key kept in TENURE_DATA_DIR
   */
  TENURE_MASTER_KEYS: z.string().optional(),
});

export interface CodecConfig {
  masterKeys: MasterKeys;
  /** where the development key came from, when it is in force */
  developmentKeyFile?: string;
  store: StoreConfig;
}

/** The codec's configuration: its master keys and the store of the data keys; fails fast with every bad variable named. */
export function loadCodecConfig(env: NodeJS.ProcessEnv = process.env): CodecConfig {
  const production = env.NODE_ENV === 'production';
  const schema = codecEnvSchema.extend({
    TENURE_MASTER_KEYS: codecEnvSchema.shape.TENURE_MASTER_KEYS.superRefine((value, ctx) => {
      if (value === undefined) {
        if (production) ctx.addIssue({ code: 'custom', message: 'required in production' });
        return;
      }
      const parsed = parseMasterKeys(value);
      if ('problems' in parsed) for (const message of parsed.problems) ctx.addIssue({ code: 'custom', message });
    }),
  });
  const parsed = parseEnv('encryption', schema, env);
  const store = loadStoreConfig(env);
  if (parsed.TENURE_MASTER_KEYS !== undefined) {
    const keys = parseMasterKeys(parsed.TENURE_MASTER_KEYS);
    if ('keys' in keys) return { masterKeys: keys.keys, store };
  }
  const { TENURE_DATA_DIR } = parseEnv('encryption', stackEnvSchema.pick({ TENURE_DATA_DIR: true }), env);
  const developmentKeyFile = `${TENURE_DATA_DIR}/master-key.dev`;
  const keys = parseMasterKeys(developmentMasterKeyEntry(TENURE_DATA_DIR));
  if (!('keys' in keys))
    throw new Error(`${developmentKeyFile} does not hold a master key: delete it to make a new one`);
  return { masterKeys: keys.keys, developmentKeyFile, store };
}
